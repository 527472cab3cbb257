// Runs one (kernel, backend, precision, size): build the problem, warm up, time repetitions,
// verify after timing. The same procedure for every backend, so figures are comparable.
#pragma once
#include <cstdint>
#include <optional>

#include "common/registry.hpp"
#include "common/stats.hpp"

namespace flynn {

struct RunRequest {
  const KernelSpec* kernel;
  const Backend* backend;
  Precision precision;
  std::size_t size;
  int reps;
  int warmup;
  std::uint64_t seed;
  // Evict the caches (host, and the GPU's L2) before each timed repetition, outside the timing.
  bool cold_cache = false;
  std::size_t last_level_cache_bytes = 0;  // needed when cold_cache is set
  // Touch every page of the problem from the calling thread instead of the backend's own split,
  // so on a NUMA machine all of it lands on one node: the cost of ignoring placement.
  bool serial_first_touch = false;
};

struct RunResult {
  WorkModel work;
  Stats kernel_time;
  std::optional<Stats> e2e_time;  // GPU only: including host<->device copies
  Verdict verdict;
  std::string note;  // from the execution: conditions the figures were taken under
};

RunResult measure(const RunRequest& request, const Factory& factory);

}  // namespace flynn
