// What the driver shows of each GPU, filled by the GPU backends when they are built.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace flynn {

struct GpuInfo {
  int index;
  std::string name;
  int compute_major, compute_minor;
  int sm_count;
  int warp_size;
  int max_threads_per_sm;
  double sm_clock_mhz;
  double memory_clock_mhz;
  std::size_t memory_bytes;
  std::size_t memory_free_bytes;
  int memory_bus_bits;
  std::size_t l2_bytes;
  int pcie_generation;        // 0 when unknown
  int pcie_width;             // lanes; 0 when unknown
  double peak_bandwidth_gbs;  // from the memory clock and bus width (DDR: two transfers a clock)
};

// Host memory against device memory: GB/s of one copy each way over the host link (bytes moved
// once), from page-locked (pinned) host memory and from ordinary (pageable) memory.
struct HostLink {
  double to_device_pinned, to_host_pinned, to_device_pageable, to_host_pageable;
};

struct GpuReport {
  std::vector<GpuInfo> devices;
  std::string runtime_version;  // CUDA runtime and driver versions, when known
  std::string reason;           // why there are no devices, when there are none
};

}  // namespace flynn
