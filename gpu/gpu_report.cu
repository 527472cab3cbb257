// What `flynn info` and the JSON context show of each GPU.
#include <cuda_runtime.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <string>

#include "gpu/device.cuh"

namespace flynn::gpu {
namespace {

int attribute(cudaDeviceAttr a, int device) {
  int v = 0;
  check(cudaDeviceGetAttribute(&v, a, device), "cudaDeviceGetAttribute");
  return v;
}

// A link's generation from its speed in GT/s as sysfs writes it ("32.0 GT/s PCIe"); 0 if unknown.
int pcie_generation(const std::string& file) {
  double gts = 0;
  if (!(std::ifstream(file) >> gts)) return 0;
  const double speeds[] = {2.5, 5, 8, 16, 32, 64};
  int generation = 0;
  for (int g = 0; g < 6; ++g)
    if (gts >= speeds[g] - 0.1) generation = g + 1;
  return generation;
}

int read_int(const std::string& file) {
  int v = 0;
  return std::ifstream(file) >> v ? v : 0;
}

// The CUDA runtime does not report the PCIe link; Linux's sysfs does, by the device's bus id. An
// idle GPU drops its link to a lower speed to save power, so the current speed says little: the
// link is what both ends can do, the GPU's maximum and that of the port it sits in (its parent,
// where that is a PCIe bridge; a virtual machine's root bus has none).
void read_pcie_link(int device, GpuInfo& info) {
  char bus[32] = {};
  if (cudaDeviceGetPCIBusId(bus, sizeof bus, device) != cudaSuccess) {
    cudaGetLastError();
    return;
  }
  std::string id = bus;
  for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (id.size() > 12) id = id.substr(id.size() - 12);  // domain 0000:bb:dd.f as sysfs spells it
  const std::string dir = "/sys/bus/pci/devices/" + id + "/";
  info.pcie_generation = pcie_generation(dir + "max_link_speed");
  info.pcie_width = read_int(dir + "max_link_width");
  const std::string port = dir + "../";
  if (const int g = pcie_generation(port + "max_link_speed"); g > 0)
    info.pcie_generation = std::min(info.pcie_generation, g);
  if (const int w = read_int(port + "max_link_width"); w > 0) info.pcie_width = std::min(info.pcie_width, w);
}

GpuReport report() {
  GpuReport r;
  const Availability a = device_availability();
  if (!a.ok) {
    r.reason = a.reason;
    return r;
  }
  int runtime = 0, driver = 0;
  check(cudaRuntimeGetVersion(&runtime), "cudaRuntimeGetVersion");
  check(cudaDriverGetVersion(&driver), "cudaDriverGetVersion");
  r.runtime_version = "CUDA runtime " + std::to_string(runtime / 1000) + "." + std::to_string(runtime % 1000 / 10) +
                      ", driver supports " + std::to_string(driver / 1000) + "." + std::to_string(driver % 1000 / 10);
  int count = 0;
  check(cudaGetDeviceCount(&count), "cudaGetDeviceCount");
  for (int d = 0; d < count; ++d) {
    cudaDeviceProp p{};
    check(cudaGetDeviceProperties(&p, d), "cudaGetDeviceProperties");
    GpuInfo g{};
    g.index = d;
    g.name = p.name;
    g.compute_major = p.major;
    g.compute_minor = p.minor;
    g.sm_count = p.multiProcessorCount;
    g.warp_size = p.warpSize;
    g.max_threads_per_sm = p.maxThreadsPerMultiProcessor;
    g.sm_clock_mhz = attribute(cudaDevAttrClockRate, d) / 1e3;
    g.memory_clock_mhz = attribute(cudaDevAttrMemoryClockRate, d) / 1e3;
    g.memory_bytes = p.totalGlobalMem;
    g.memory_bus_bits = p.memoryBusWidth;
    g.l2_bytes = static_cast<std::size_t>(p.l2CacheSize);
    // Double data rate: two transfers per memory clock on each bit of the bus.
    g.peak_bandwidth_gbs = 2.0 * g.memory_clock_mhz * 1e6 * (g.memory_bus_bits / 8.0) / 1e9;
    int current = 0;
    check(cudaGetDevice(&current), "cudaGetDevice");
    check(cudaSetDevice(d), "cudaSetDevice");
    std::size_t free = 0, total = 0;
    check(cudaMemGetInfo(&free, &total), "cudaMemGetInfo");
    check(cudaSetDevice(current), "cudaSetDevice");
    g.memory_free_bytes = free;
    read_pcie_link(d, g);
    r.devices.push_back(g);
  }
  return r;
}

const bool registered = (registry().set_gpu_reporter(report), true);

}  // namespace
}  // namespace flynn::gpu
