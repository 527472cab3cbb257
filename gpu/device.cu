#include "gpu/device.cuh"

namespace flynn::gpu {

Availability device_availability() {
  static const Availability a = [] {
    int count = 0;
    const cudaError_t e = cudaGetDeviceCount(&count);
    if (e != cudaSuccess) {
      cudaGetLastError();  // clear the sticky error so later queries start clean
      return Availability{false, std::string("no CUDA device: ") + cudaGetErrorString(e)};
    }
    if (count == 0) return Availability{false, "no CUDA device found"};
    return Availability{true, ""};
  }();
  return a;
}

std::optional<std::size_t> free_device_memory() {
  if (!device_availability().ok) return std::nullopt;
  std::size_t free = 0, total = 0;
  check(cudaMemGetInfo(&free, &total), "cudaMemGetInfo");
  return free;
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

}  // namespace flynn::gpu
