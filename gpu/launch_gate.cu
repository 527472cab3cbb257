#include <atomic>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "gpu/check.cuh"
#include "gpu/launch_gate.cuh"

namespace flynn::gpu {
namespace {

__device__ unsigned long long nanoseconds() {
  unsigned long long t;
  asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t));
  return t;
}

// Queueing 512 launches takes a few milliseconds; a tenth of a second is a host that cannot.
__global__ void wait_for_host(volatile unsigned* flags, unsigned generation) {
  constexpr unsigned long long give_up_ns = 100'000'000;
  const unsigned long long start = nanoseconds();
  while (flags[0] != generation)
    if (nanoseconds() - start < give_up_ns) {
      __nanosleep(1000);
    } else {
      flags[1] = 1;
      return;
    }
}

bool set_to(const char* variable, const char* value) {
  const char* v = std::getenv(variable);
  return v && std::strcmp(v, value) == 0;
}

}  // namespace

LaunchGate::LaunchGate() {
  if (set_to("FLYNN_LAUNCH_GATE", "0") || set_to("CUDA_LAUNCH_BLOCKING", "1")) return;
  void* host = nullptr;
  void* device = nullptr;
  if (cudaHostAlloc(&host, 2 * sizeof(unsigned), cudaHostAllocMapped) != cudaSuccess) {
    cudaGetLastError();  // no gate: samples include launch latency, as they would without one
    return;
  }
  if (cudaHostGetDevicePointer(&device, host, 0) != cudaSuccess) {
    cudaGetLastError();
    cudaFreeHost(host);
    return;
  }
  host_flags_ = static_cast<volatile unsigned*>(host);
  host_flags_[0] = 0;
  host_flags_[1] = 0;
  device_flags_ = static_cast<volatile unsigned*>(device);
}

LaunchGate::~LaunchGate() {
  if (!host_flags_) return;
  open();
  cudaFreeHost(const_cast<unsigned*>(host_flags_));  // waits for the device, the waiting kernel too
}

LaunchGate::Held LaunchGate::hold(cudaStream_t s, std::size_t launches) {
  const bool first = !std::exchange(passed_once_, true);
  // The last batch is done (its time was read), so a waiting kernel's give-up is visible here.
  if (host_flags_ && host_flags_[1]) off_ = true;
  if (first || launches > most_launches || !host_flags_ || off_) return Held();
  wait_for_host<<<1, 1, 0, s>>>(device_flags_, ++generation_);
  check_launch("wait_for_host");
  return Held(this);
}

void LaunchGate::open() {
  host_flags_[0] = generation_;
  std::atomic_thread_fence(std::memory_order_seq_cst);  // out of the core's store buffer, where the GPU sees it
}

}  // namespace flynn::gpu
