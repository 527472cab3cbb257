#include <chrono>
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
    gpus.push_back({{"index", g.index}, {"name", g.name}, {"compute_capability", std::to_string(g.compute_major) + "." + std::to_string(g.compute_minor)},
                    {"sm_count", g.sm_count}, {"memory_bytes", g.memory_bytes}, {"peak_bandwidth_gbs", g.peak_bandwidth_gbs}});

  return {{"date", date},
          {"host", m.hostname},
          {"cpu", m.cpu_model},
          {"cores", m.cores},
          {"hardware_threads", m.hardware_threads},
          {"numa_nodes", m.numa_nodes.size()},
          {"last_level_cache_bytes", m.last_level_cache_bytes()},
          {"gpus", gpus},
          {"gpu_note", report.devices.empty() ? report.reason : report.runtime_version},
          {"flynn_version", build::version},
          {"compiler", build::cxx_compiler},
          {"flags", build::cxx_flags},
          {"build_type", build::build_type},
          {"xsimd_version", build::xsimd_version},
          {"cuda_version", build::cuda_compiler_version},
          {"cuda_architectures", build::cuda_architectures},
          {"seed", o.seed},
          {"threads_requested", o.threads},
          {"streaming_stores", o.streaming}};
}

}  // namespace flynn::driver
