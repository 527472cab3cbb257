// SIMT through Thrust: the same kernels as library algorithms (transform, inner_product), to
// show what the vendor's generic building blocks reach next to hand-written code.
#include <string>

#include "gpu/device.cuh"
#include "gpu/peak.cuh"

namespace flynn::gpu {
namespace {
const BackendRegistration registration{Backend{
    .name = "thrust",
    .flynn_class = FlynnClass::SIMT,
    .description = "Thrust algorithms on the GPU: transform for the elementwise kernels, inner_product for dot",
    .order = 200001,
    .availability = device_availability,
    .width = [](Precision) { return std::to_string(sm_count()) + " SMs (Thrust chooses the grid)"; },
    .device_free_bytes = free_device_memory,
    .host_link = measure_host_link,
    .configure = configure,
    .copy_reference_name = "cudaMemcpy device to device",
    .copy_reference_gbps = memcpy_d2d_gbps,
    .peak_gflops = peak_gflops,
}};
}  // namespace
}  // namespace flynn::gpu
