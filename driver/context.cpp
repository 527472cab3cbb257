#include <chrono>
#include <cmath>
#include <cstdint>
#include <ctime>

#include "common/machine.hpp"
#include "driver/commands.hpp"
#include "flynn_build_info.hpp"

namespace flynn::driver {

nlohmann::json make_context(const RunOptions& o) {
  const MachineInfo& m = machine();
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char date[64];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));

  nlohmann::json gpus = nlohmann::json::array();
  const GpuReport report = registry().gpu_report();
  for (const auto& g : report.devices)
    gpus.push_back({{"index", g.index},
                    {"name", g.name},
                    {"compute_capability", std::to_string(g.compute_major) + "." + std::to_string(g.compute_minor)},
                    {"sm_count", g.sm_count},
                    {"warp_size", g.warp_size},
                    {"max_threads_per_sm", g.max_threads_per_sm},
                    {"sm_clock_mhz", g.sm_clock_mhz},
                    {"memory_clock_mhz", g.memory_clock_mhz},
                    {"memory_bytes", g.memory_bytes},
                    {"memory_bus_bits", g.memory_bus_bits},
                    {"l2_bytes", g.l2_bytes},
                    {"pcie_generation", g.pcie_generation},
                    {"pcie_width", g.pcie_width},
                    {"peak_bandwidth_gbs", g.peak_bandwidth_gbs}});
  // The memory architecture the CPU figures were taken on.
  nlohmann::json caches = nlohmann::json::array(), numa = nlohmann::json::array();
  for (const auto& c : m.caches)
    caches.push_back({{"level", c.depth},
                      {"kind", c.kind},
                      {"bytes", c.bytes},
                      {"instances", c.instances},
                      {"line_bytes", c.line_bytes}});
  for (const auto& n : m.numa_nodes)
    numa.push_back({{"index", n.index}, {"memory_bytes", n.memory_bytes}, {"cores", n.cores}});

  // What backends say of themselves beyond their rows (mpi: its ranks, library, allreduce time).
  nlohmann::json backends = nlohmann::json::object();
  for (const Backend* b : registry().backends()) {
    if (!b->facts) continue;
    nlohmann::json facts = nlohmann::json::object();
    for (const BackendFact& f : b->facts()) {
      if (!f.number)
        facts[f.name] = f.text;
      else if (std::trunc(*f.number) == *f.number && std::fabs(*f.number) < 1e15)
        facts[f.name] = static_cast<std::int64_t>(*f.number);  // a count stays a count: 2, not 2.0
      else
        facts[f.name] = *f.number;
    }
    backends[b->name] = facts;
  }

  return {{"date", date},
          {"host", m.hostname},
          {"cpu", m.cpu_model},
          {"cores", m.cores},
          {"hardware_threads", m.hardware_threads},
          {"caches", caches},
          {"numa_nodes", numa},
          {"host_memory_bytes", total_host_memory()},
          {"last_level_cache_bytes", m.last_level_cache_bytes()},
          {"gpus", gpus},
          {"gpu_note", report.devices.empty() ? report.reason : report.runtime_version},
          {"backends", backends},
          {"flynn_version", build::version},
          {"compiler", build::cxx_compiler},
          {"flags", build::cxx_flags},
          {"build_type", build::build_type},
          {"xsimd_version", build::xsimd_version},
          {"cuda_version", build::cuda_compiler_version},
          {"cuda_architectures", build::cuda_architectures},
          {"seed", o.seed},
          {"threads_requested", o.threads},
          {"streaming_stores", o.streaming},
          {"cold_cache", o.cold_cache},
          {"first_touch", o.first_touch},
          {"host_memory", o.host_memory},
          {"max_noise", o.max_noise},
          {"waited_for_quiet", o.wait_for_quiet},
          {"min_time_s", o.min_time_s},
          {"pin", o.pin}};
}

}  // namespace flynn::driver
