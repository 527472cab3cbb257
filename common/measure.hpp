// Runs one (kernel, backend, precision, size): build the problem, warm up, time repetitions,
// verify after timing. The same procedure for every backend, so figures are comparable.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>

#include "common/registry.hpp"
#include "common/stats.hpp"

namespace flynn {

struct RunRequest {
  const KernelSpec* kernel;
  const Backend* backend;
  Precision precision;
  Extents size;
  int reps;
  int warmup;
  std::uint64_t seed;
  // Evict the caches (host, and the GPU's L2) before each timed repetition, outside the timing.
  bool cold_cache = false;
  std::size_t last_level_cache_bytes = 0;  // needed when cold_cache is set
  // Touch every page of the problem from the calling thread instead of the backend's own split,
  // so on a NUMA machine all of it lands on one node: the cost of ignoring placement.
  bool serial_first_touch = false;
  // More samples after the first `reps`, while the timed samples add up to less than
  // `min_time_s` or disagree by more than `max_noise` (Stats::noise; 0: no such wait), for at
  // most `give_up_s` of wall-clock time or `most_samples` samples (nvbench stops on noise too).
  double min_time_s = 0;
  double max_noise = 0;
  double give_up_s = 15;
  std::size_t most_samples = 10000;
};

struct RunResult {
  WorkModel work;
  Stats kernel_time;              // per run
  std::size_t batch = 1;          // runs timed together in each of the `reps` samples
  std::optional<Stats> e2e_time;  // GPU only: including host<->device copies
  Verdict verdict;
  std::string note;  // from the execution: conditions the figures were taken under
  // False when more samples were asked for (min_time_s, max_noise) and the limits came first.
  bool settled = true;
};

// Reading the clock costs about 25 ns, a quarter of an L1-resident triad. Runs shorter than this
// are timed in batches that last at least this long (nvbench's batch mode; Google Benchmark grows
// its iteration count the same way), and each sample is the batch's time over its runs. With
// `cold_cache` every run must start cold, so each is timed alone.
inline constexpr double shortest_timed_sample_s = 50e-6;
inline constexpr std::size_t most_runs_per_sample = 1 << 16;
std::size_t batch_for(double seconds_per_run);
// The batch for runs that `seconds_for(1)` times one at a time: from the quickest of three, so one
// run that an interrupt or a preemption happened to stretch does not decide it; or from the first
// alone where it took long_run_s or more. A run that long is timed alone whatever the next two
// take, short of a start-up cost thousands of times the run (which warm-up runs pay), and two
// more such runs would be minutes of waiting for nothing (gemm at 16384 on a CPU: a minute each).
inline constexpr double long_run_s = 0.1;
std::size_t calibrate_batch(const std::function<double(std::size_t runs)>& seconds_for);

RunResult measure(const RunRequest& request, const Factory& factory);

}  // namespace flynn
