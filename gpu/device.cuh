// Device memory, streams and events as owning objects, and whether a GPU is here at all.
#pragma once
#include <cuda_runtime.h>

#include <cstddef>
#include <optional>
#include <utility>

#include "common/registry.hpp"
#include "gpu/check.cuh"

namespace flynn::gpu {

// Whether a CUDA device is usable: one is counted and gives a context. Without a driver
// cudaGetDeviceCount fails, and its message is the reason shown to the user.
Availability device_availability();
// The decision, apart from the CUDA calls that feed it, so a test can hand it any failure.
Availability availability_from(cudaError_t count_status, int count, cudaError_t context_status);

// Free device memory on the current device, when there is one.
std::optional<std::size_t> free_device_memory();

// Device memory a run needs besides its arrays (Backend::device_reserve_bytes).
std::size_t device_reserve_bytes(bool cold_cache);

// SMs on the current device (cached): sizes grids for one full wave of resident blocks.
int sm_count();

// L2 cache bytes on the current device (cached).
std::size_t l2_bytes();

template <class T>
class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  explicit DeviceBuffer(std::size_t n) : n_(n) {
    void* p = nullptr;
    check(cudaMalloc(&p, n == 0 ? sizeof(T) : n * sizeof(T)), "cudaMalloc");
    p_ = static_cast<T*>(p);
  }
  DeviceBuffer(DeviceBuffer&& o) noexcept : p_(std::exchange(o.p_, nullptr)), n_(o.n_) {}
  DeviceBuffer& operator=(DeviceBuffer&& o) noexcept {
    std::swap(p_, o.p_);
    std::swap(n_, o.n_);
    return *this;
  }
  ~DeviceBuffer() {
    if (p_) cudaFree(p_);  // a destructor must not throw; a failure here has been reported already
  }
  T* get() const { return p_; }
  std::size_t size() const { return n_; }

 private:
  T* p_ = nullptr;
  std::size_t n_ = 0;
};

class Stream {
 public:
  Stream() { check(cudaStreamCreateWithFlags(&s_, cudaStreamNonBlocking), "cudaStreamCreate"); }
  ~Stream() { cudaStreamDestroy(s_); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  cudaStream_t get() const { return s_; }
  void synchronize() const { check(cudaStreamSynchronize(s_), "cudaStreamSynchronize"); }

 private:
  cudaStream_t s_{};
};

class Event {
 public:
  Event() { check(cudaEventCreate(&e_), "cudaEventCreate"); }
  ~Event() { cudaEventDestroy(e_); }
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  void record(const Stream& s) { check(cudaEventRecord(e_, s.get()), "cudaEventRecord"); }
  // Seconds from `start` to this event (waits for this one).
  double seconds_since(const Event& start) const {
    check(cudaEventSynchronize(e_), "cudaEventSynchronize");
    float ms = 0;
    check(cudaEventElapsedTime(&ms, start.e_, e_), "cudaEventElapsedTime");
    return ms * 1e-3;
  }

 private:
  cudaEvent_t e_{};
};

// Pins a host range for the lifetime of the object, so copies run at full link speed and can be
// asynchronous: the honest end-to-end figure is the best the link can do. Where pinning is
// refused (a locked-memory limit, a sandbox), copies fall back to pageable memory, which is slower
// but still correct; pinned() says which, and the row's end-to-end figure is then a lower bound.
class PinnedRegion {
 public:
  PinnedRegion(void* p, std::size_t bytes) {
    if (bytes && cudaHostRegister(p, bytes, cudaHostRegisterDefault) == cudaSuccess)
      p_ = p;
    else
      cudaGetLastError();  // clear the refusal so the next checked call does not report it
  }
  ~PinnedRegion() {
    if (p_) cudaHostUnregister(p_);
  }
  PinnedRegion(const PinnedRegion&) = delete;
  PinnedRegion& operator=(const PinnedRegion&) = delete;
  bool pinned() const { return p_ != nullptr; }

 private:
  void* p_ = nullptr;
};

// The GPU backends' configure: what a GPU takes from the run's settings (`--host-memory`).
void configure(const RunSettings& s);
// Whether executions pin their host arrays, as last configured (default: yes).
bool pin_host_memory();

// The GPU's measured copy reference: cudaMemcpy device-to-device of `bytes`, timed with events,
// GB/s counting bytes read and written (2 x bytes), median of 10 after a warm-up; copies under
// 50 us are timed in batches, as kernel rows are.
double memcpy_d2d_gbps(std::size_t bytes);

// The host link, measured: copies of `bytes` to the device and back, from pinned and from
// pageable host memory, timed with events; the median of five after a warm-up.
HostLink measure_host_link(std::size_t bytes);

}  // namespace flynn::gpu
