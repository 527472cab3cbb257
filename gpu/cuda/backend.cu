// SIMT through hand-written CUDA kernels: thousands of threads in warps of 32 running one
// instruction stream each, in lockstep.
#include <string>

#include "gpu/device.cuh"
#include "gpu/peak.cuh"

namespace flynn::gpu {
namespace {
const BackendRegistration registration{Backend{
    .name = "cuda",
    .flynn_class = FlynnClass::SIMT,
    .description = "hand-written CUDA kernels: grid-stride, 16-byte loads, CUB block reduction for dot",
    .order = 200000,
    .availability = device_availability,
    .width = [](Precision) { return std::to_string(sm_count()) + " SMs x 2048 threads"; },
    .device_free_bytes = free_device_memory,
    .host_link = measure_host_link,
    .configure = configure,
    .copy_reference_name = "cudaMemcpy device to device",
    .copy_reference_gbps = memcpy_d2d_gbps,
    .peak_gflops = peak_gflops,
}};
}  // namespace
}  // namespace flynn::gpu
