#include "gpu/device.cuh"

#include <cstring>
#include <vector>

#include "common/aligned_buffer.hpp"
#include "common/measure.hpp"
#include "common/stats.hpp"
#include "gpu/launch_gate.cuh"

namespace flynn::gpu {

Availability availability_from(cudaError_t count_status, int count, cudaError_t context_status) {
  if (count_status != cudaSuccess) return {false, std::string("no CUDA device: ") + cudaGetErrorString(count_status)};
  if (count == 0) return {false, "no CUDA device found"};
  if (context_status != cudaSuccess)
    return {false,
            std::string("the GPU cannot be used: creating a context failed: ") + cudaGetErrorString(context_status)};
  return {true, ""};
}

Availability device_availability() {
  static const Availability a = [] {
    int count = 0;
    const cudaError_t counted = cudaGetDeviceCount(&count);
    // A device that exists may still refuse a context (exclusive-process mode and another process
    // holds it, a failed or busy GPU): create it now, so that refusal is a reason on the row and
    // not an exception out of the first cudaMemGetInfo while the run is planned.
    const cudaError_t context = counted == cudaSuccess && count > 0 ? cudaFree(nullptr) : cudaSuccess;
    cudaGetLastError();  // start later calls clean
    return availability_from(counted, count, context);
  }();
  return a;
}

std::optional<std::size_t> free_device_memory() {
  if (!device_availability().ok) return std::nullopt;
  std::size_t free = 0, total = 0;
  check(cudaMemGetInfo(&free, &total), "cudaMemGetInfo");
  return free;
}

std::size_t device_reserve_bytes(bool cold_cache) {
  // Besides the arrays: the --cold-cache eviction buffer (twice the L2), and a margin for what
  // the runtime and libraries allocate as a run goes on: kernels' code, loaded lazily on first
  // launch; the reduction scratch; Thrust's temporary-storage pool; cudaMalloc's rounding of
  // each array to its 2 MiB pages.
  constexpr std::size_t margin = std::size_t{256} << 20;
  return margin + (cold_cache ? 2 * l2_bytes() : 0);
}

int sm_count() {
  static const int n = [] {
    int device = 0, sms = 0;
    check(cudaGetDevice(&device), "cudaGetDevice");
    check(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device), "cudaDeviceGetAttribute(SMs)");
    return sms;
  }();
  return n;
}

std::size_t l2_bytes() {
  static const std::size_t n = [] {
    int device = 0, bytes = 0;
    check(cudaGetDevice(&device), "cudaGetDevice");
    check(cudaDeviceGetAttribute(&bytes, cudaDevAttrL2CacheSize, device), "cudaDeviceGetAttribute(L2)");
    return static_cast<std::size_t>(bytes);
  }();
  return n;
}

namespace {
bool pin_host = true;
}

void configure(const RunSettings& s) { pin_host = s.pin_host_memory; }
bool pin_host_memory() { return pin_host; }

double memcpy_d2d_gbps(std::size_t bytes) {
  DeviceBuffer<char> src(bytes), dst(bytes);
  Stream stream;
  Event start, stop;
  check(cudaMemsetAsync(src.get(), 1, bytes, stream.get()), "cudaMemsetAsync");
  // Gated like the kernels' rows (device_execution.cuh).
  LaunchGate gate;
  auto seconds_for = [&](std::size_t copies) {
    {
      const auto held = gate.hold(stream.get(), copies);
      start.record(stream);
      for (std::size_t i = 0; i < copies; ++i)
        check(cudaMemcpyAsync(dst.get(), src.get(), bytes, cudaMemcpyDeviceToDevice, stream.get()),
              "cudaMemcpyAsync(D2D)");
      stop.record(stream);
    }
    return stop.seconds_since(start) / static_cast<double>(copies);
  };
  // Batched like the kernels' rows (common/measure.hpp), so a small copy is timed as they are.
  const std::size_t batch = calibrate_batch(seconds_for);
  std::vector<double> t;
  for (int r = 0; r < 10; ++r) t.push_back(seconds_for(batch));
  return 2.0 * static_cast<double>(bytes) / summarize(t).median / 1e9;
}

namespace {
double link_gbps(void* host, DeviceBuffer<char>& device, std::size_t bytes, cudaMemcpyKind kind) {
  Stream stream;
  Event start, stop;
  void* dst = kind == cudaMemcpyHostToDevice ? static_cast<void*>(device.get()) : host;
  const void* src = kind == cudaMemcpyHostToDevice ? static_cast<const void*>(host) : device.get();
  auto once = [&] {
    start.record(stream);
    check(cudaMemcpyAsync(dst, src, bytes, kind, stream.get()), "cudaMemcpyAsync(host link)");
    stop.record(stream);
    return stop.seconds_since(start);
  };
  once();
  std::vector<double> t;
  for (int r = 0; r < 5; ++r) t.push_back(once());
  return static_cast<double>(bytes) / summarize(t).median / 1e9;
}
}  // namespace

HostLink measure_host_link(std::size_t bytes) {
  AlignedBuffer<char> host(bytes);
  std::memset(host.data(), 1, bytes);  // touched, so no copy pays for first-touch page faults
  DeviceBuffer<char> device(bytes);
  HostLink link{};
  link.to_device_pageable = link_gbps(host.data(), device, bytes, cudaMemcpyHostToDevice);
  link.to_host_pageable = link_gbps(host.data(), device, bytes, cudaMemcpyDeviceToHost);
  const PinnedRegion pinned(host.data(), bytes);
  if (pinned.pinned()) {
    link.to_device_pinned = link_gbps(host.data(), device, bytes, cudaMemcpyHostToDevice);
    link.to_host_pinned = link_gbps(host.data(), device, bytes, cudaMemcpyDeviceToHost);
  }
  return link;
}

}  // namespace flynn::gpu
