// What the GPU backends share: one device, its memory, link, copy ceiling and compute ceiling.
// They differ in name and in how kernels are written (hand-written, or Thrust algorithms).
#pragma once
#include <string>

#include "common/parallel_parts.hpp"
#include "gpu/device.cuh"
#include "gpu/peak.cuh"

namespace flynn::gpu {

inline Backend simt_backend(std::string name, std::string description, int order,
                            std::function<std::string(Precision)> width) {
  return Backend{
      .name = std::move(name),
      .flynn_class = FlynnClass::SIMT,
      .description = std::move(description),
      .order = order,
      .availability = device_availability,
      .width = std::move(width),
      // Host arrays are only staged for the device, so where their pages land matters less than
      // filling gigabytes of them in good time.
      .first_touch = parallel_chunks,
      .device_free_bytes = free_device_memory,
      .device_reserve_bytes = device_reserve_bytes,
      .host_link = measure_host_link,
      .configure = configure,
      .copy_reference_name = "cudaMemcpy device to device",
      .copy_reference_gbps = memcpy_d2d_gbps,
      .peak_gflops = peak_gflops,
  };
}

}  // namespace flynn::gpu
