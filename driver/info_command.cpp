#include <fmt/format.h>

#include <optional>

#include "common/copy_reference.hpp"
#include "common/machine.hpp"
#include "driver/ceilings.hpp"
#include "driver/commands.hpp"

namespace flynn::driver {
namespace {

std::string bytes(std::size_t b) {
  if (b >= (1ULL << 30)) return fmt::format("{:.1f} GiB", static_cast<double>(b) / (1ULL << 30));
  if (b >= (1ULL << 20)) return fmt::format("{:.1f} MiB", static_cast<double>(b) / (1ULL << 20));
  return fmt::format("{} KiB", b >> 10);
}

void print_cpu(const MachineInfo& m) {
  fmt::print("CPU (SISD, SIMD, MIMD)\n");
  fmt::print("  model            {}\n", m.cpu_model);
  fmt::print("  packages/cores   {} package(s), {} cores, {} hardware threads\n", m.packages, m.cores,
             m.hardware_threads);
  fmt::print("  SIMD             ");
  bool first = true;
  for (const Backend* b : registry().backends()) {
    if (b->flynn_class != FlynnClass::SIMD || b->name == "simd") continue;
    const Availability a = b->availability();
    fmt::print("{}{} ({}, {}){}", first ? "" : "; ", b->name.substr(b->name.find('.') + 1), b->width(Precision::f32),
               b->width(Precision::f64), a.ok ? "" : " not on this CPU");
    first = false;
  }
  fmt::print("\n");
}

// The first available backend of `c` with a copy reference (nullptr if none).
const Backend* copying_backend(FlynnClass c) {
  for (const Backend* b : registry().backends())
    if (b->flynn_class == c && b->copy_reference_gbps && b->availability().ok) return b;
  return nullptr;
}

void print_memory_hierarchy(const MachineInfo& m, Ceilings& ceilings) {
  // Each level measured: the fastest copy of one array small enough that source and destination
  // fill half of it, on one core (the SISD backend's copy reference) and on every core (the MIMD
  // backend's own workers, one parallel region per copy as its kernels run), and of one array 4x
  // the last level for memory itself, which the ceilings below reuse.
  const Backend* one_core = copying_backend(FlynnClass::SISD);
  const Backend* every_core = copying_backend(FlynnClass::MIMD);
  // Three decimals below 1 GB/s: on a loaded machine every core's L1 copy, a fork and a join
  // around 16 KiB, can fall that low, and "0.0" would read as nothing measured.
  auto gbps = [&](const Backend* b, std::size_t bytes) {
    if (!b) return std::string("-");
    const double v = ceilings.copy_gbps(*b, bytes);
    return fmt::format("{:.{}f}", v, v < 1 ? 3 : 1);
  };
  auto copies = [&](std::size_t one_core_bytes, std::size_t every_core_bytes) {
    return fmt::format("{:>8} {:>10}", gbps(one_core, one_core_bytes), gbps(every_core, every_core_bytes));
  };
  fmt::print("\n{:<58}{:>8} {:>10}\n", fmt::format("Memory hierarchy (hwloc {}); copy GB/s on", m.hwloc_version),
             "1 core", "every core");
  for (const auto& c : m.caches) {
    const std::string level = fmt::format("  L{} {:<12} {:>10} x {:<3} ({} B lines)", c.depth, c.kind, bytes(c.bytes),
                                          c.instances, c.line_bytes);
    if (c.kind == "instruction") {
      fmt::print("{}\n", level);
      continue;
    }
    fmt::print("{:<58}{}\n", level, copies(c.bytes / 4, c.bytes * c.instances / 4));
  }
  const std::size_t out_of_cache = 4 * m.last_level_cache_bytes();
  fmt::print("{:<58}{}\n",
             fmt::format("  host memory        {} total, {} available now", bytes(total_host_memory()),
                         bytes(available_host_memory())),
             copies(out_of_cache, out_of_cache));
  fmt::print(
      "  (each level: one array a quarter of its size, so source and destination fill half of it;\n"
      "   memory: one array of {}; every core pays a fork and a join per copy, as its kernels do)\n",
      bytes(out_of_cache));
  fmt::print("  {} NUMA node(s){}\n", m.numa_nodes.size(),
             m.numa_nodes.size() > 1 ? ": non-uniform memory access (NUMA)" : ": uniform memory access (UMA)");
  for (const auto& n : m.numa_nodes)
    fmt::print("    node {}: {} local memory, {} cores\n", n.index, bytes(n.memory_bytes), n.cores);
}

void print_ceilings(const MachineInfo& m, Ceilings& ceilings) {
  // The GPU's copy moves more where its L2 is larger than the host's last level.
  std::optional<std::size_t> gpu_copy;
  for (const Backend* b : registry().backends())
    if (b->device_free_bytes && b->availability().ok) gpu_copy = Ceilings::copy_bytes(*b);

  fmt::print("\nCeilings, measured now on each backend's cores\n");
  fmt::print(
      "  peak: independent multiply-add chains in registers; copy: the fastest copy of one array of {}{}\n"
      "  (4x the last-level cache{}; CPU: the best of memcpy and vector copies, GPU: cudaMemcpy);\n"
      "  balance: double flops per byte a kernel needs to be compute-bound\n",
      bytes(4 * m.last_level_cache_bytes()),
      gpu_copy ? fmt::format(", {} on the GPU", bytes(*gpu_copy)) : std::string(), gpu_copy ? " or L2" : "");
  fmt::print("  {:<12} {:<5} {:>14} {:>14} {:>10} {:>9}\n", "backend", "class", "float GFLOP/s", "double GFLOP/s",
             "copy GB/s", "balance");
  for (const Backend* b : registry().backends()) {
    if (!b->availability().ok || (!b->peak_gflops && !b->copy_reference_gbps)) continue;
    const BackendCeilings f32 = ceilings.of(*b, Precision::f32), f64 = ceilings.of(*b, Precision::f64);
    auto shown = [](double v, int digits) { return v > 0 ? fmt::format("{:.{}f}", v, digits) : std::string("-"); };
    fmt::print("  {:<12} {:<5} {:>14} {:>14} {:>10} {:>9}\n", b->name, to_string(b->flynn_class),
               shown(f32.peak_gflops, 1), shown(f64.peak_gflops, 1), shown(f64.copy_gbps, 1),
               shown(f64.balance().value_or(0), 2));
  }
  // What a store costs out of cache: a plain store reads its line before writing it (write-
  // allocate), a non-temporal one does not, so the copy ceiling depends on how a copy stores.
  std::string methods;
  for (const CopyFigure& f : each_copy_method(4 * m.last_level_cache_bytes(), serial_chunks))
    methods += fmt::format("{}{} {:.1f} GB/s", methods.empty() ? "" : ", ", f.method, f.gbps);
  fmt::print("  one core's copies of {} (the copy ceiling is the best):\n    {}\n",
             bytes(4 * m.last_level_cache_bytes()), methods);
}

void print_gpus() {
  fmt::print("\nGPU (SIMT)\n");
  const GpuReport g = registry().gpu_report();
  if (g.devices.empty()) fmt::print("  none: {}\n", g.reason);
  if (!g.runtime_version.empty()) fmt::print("  {}\n", g.runtime_version);
  for (const auto& d : g.devices) {
    fmt::print("  [{}] {} (compute capability {}.{})\n", d.index, d.name, d.compute_major, d.compute_minor);
    fmt::print("      {} SMs, warp size {}, up to {} threads per SM, SM clock {:.0f} MHz\n", d.sm_count, d.warp_size,
               d.max_threads_per_sm, d.sm_clock_mhz);
    fmt::print("      device memory {} ({} free), {}-bit bus at {:.0f} MHz: {:.0f} GB/s theoretical peak\n",
               bytes(d.memory_bytes), bytes(d.memory_free_bytes), d.memory_bus_bits, d.memory_clock_mhz,
               d.peak_bandwidth_gbs);
    fmt::print(
        "      L2 cache {}; host link {}\n", bytes(d.l2_bytes),
        d.pcie_generation ? fmt::format("PCIe gen {} x{}", d.pcie_generation, d.pcie_width) : std::string("unknown"));
  }
  // Host memory against device memory, measured on the current device (the one the backends use).
  for (const Backend* b : registry().backends()) {
    if (!b->host_link || !b->availability().ok) continue;
    constexpr std::size_t link_bytes = std::size_t{256} << 20;
    const HostLink l = b->host_link(link_bytes);
    auto gbps = [](double v) { return v > 0 ? fmt::format("{:.1f}", v) : std::string("- (could not pin)"); };
    fmt::print(
        "  host link measured with {} copies, GB/s from pinned / pageable host memory:\n"
        "      to the device {} / {}, to the host {} / {}\n",
        bytes(link_bytes), gbps(l.to_device_pinned), gbps(l.to_device_pageable), gbps(l.to_host_pinned),
        gbps(l.to_host_pageable));
    break;  // every GPU backend uses the same device and link
  }
}

// What backends say of themselves (the mpi backend: its ranks, its library, the cost of one allreduce).
void print_backend_facts() {
  for (const Backend* b : registry().backends()) {
    if (!b->facts || !b->availability().ok) continue;
    fmt::print("\n{} ({}): {}\n", b->name, to_string(b->flynn_class), b->description);
    for (const BackendFact& f : b->facts()) fmt::print("  {:<18} {}\n", f.name, f.text);
  }
}

}  // namespace

int info_command() {
  const MachineInfo& m = machine();
  print_cpu(m);
  Ceilings ceilings;  // the memory row's copies are the ceilings' too: measured once
  print_memory_hierarchy(m, ceilings);
  print_ceilings(m, ceilings);
  print_backend_facts();
  print_gpus();
  return 0;
}

}  // namespace flynn::driver
