#include "common/measure.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <vector>

#include "common/cache_eviction.hpp"
#include "common/input_fingerprint.hpp"

namespace flynn {

std::size_t batch_for(double seconds_per_run) {
  if (seconds_per_run >= shortest_timed_sample_s) return 1;
  if (!(seconds_per_run > 0)) return most_runs_per_sample;  // a run the clock did not see
  const double runs = shortest_timed_sample_s / seconds_per_run;
  if (runs >= static_cast<double>(most_runs_per_sample)) return most_runs_per_sample;
  return static_cast<std::size_t>(std::ceil(runs * (1 - 1e-12)));  // 50.000000000001 is 50 runs, not 51
}

std::size_t calibrate_batch(const std::function<double(std::size_t runs)>& seconds_for) {
  double quickest = seconds_for(1);
  for (int i = 1; i < 3 && quickest < long_run_s; ++i) quickest = std::min(quickest, seconds_for(1));
  return batch_for(quickest);
}

RunResult measure(const RunRequest& r, const Factory& factory) {
  // Allocation, first touch, poisoning and device uploads all happen before the clock starts.
  const ChunkRunner& first_touch =
      r.serial_first_touch || !r.backend->first_touch ? ChunkRunner(serial_chunks) : r.backend->first_touch;
  auto problem = r.kernel->make_problem(r.size, r.precision, r.seed, first_touch);
  problem->set_recipe({std::string(r.kernel->name()), r.size, r.seed});
  r.kernel->poison(*problem);
  const InputFingerprint inputs(*problem);
  auto exec = factory(*problem);

  std::optional<CacheEvictor> evictor;
  if (r.cold_cache) evictor.emplace(r.last_level_cache_bytes, r.backend->first_touch);
  // Before every run, outside the timing: the start values back where a kernel updates in place
  // (so a run of an in-place kernel is timed alone: a batch would compute something else each
  // time), then the caches emptied where asked.
  const bool in_place = problem->in_place();
  auto restart = [&] {
    problem->reset();
    exec->reset();
  };
  auto prepare = [&] {
    if (in_place) restart();
    if (!evictor) return;
    evictor->evict();
    exec->evict_device_cache();
  };

  for (int i = 0; i < r.warmup; ++i) {
    prepare();
    exec->run(1);
  }
  const std::size_t batch =
      r.cold_cache || in_place ? 1 : calibrate_batch([&](std::size_t runs) { return exec->run(runs); });
  std::vector<double> kernel, e2e;
  double timed = 0;
  auto sample = [&] {
    prepare();
    const double seconds = exec->run(batch);
    timed += seconds;
    kernel.push_back(seconds / static_cast<double>(batch));
  };
  for (int i = 0; i < r.reps; ++i) sample();
  bool settled = true;
  if (r.min_time_s > 0 || r.max_noise > 0) {
    const auto start = std::chrono::steady_clock::now();
    auto stable = [&] { return timed >= r.min_time_s && (r.max_noise <= 0 || summarize(kernel).noise <= r.max_noise); };
    while (!stable()) {
      const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (waited >= r.give_up_s || kernel.size() >= r.most_samples) {
        settled = false;
        break;
      }
      sample();
    }
  }
  // End-to-end repetitions follow the kernel-only ones; the first tells whether there are any.
  for (int i = 0; i < r.reps; ++i) {
    prepare();
    auto t = exec->run_end_to_end();
    if (!t) break;
    e2e.push_back(*t);
  }
  // What is verified is one run of its own, from poisoned outputs (and the start values, where a
  // kernel updates in place): every run computes the same answer, so an element the earlier runs
  // wrote would pass for one that this run, a part skipped or raced over, left unwritten.
  r.kernel->poison(*problem);
  exec->poison_outputs();
  if (in_place) restart();
  exec->run(1);
  exec->finish();

  RunResult out;
  // The work a kernel did may be read from its results (mandelbrot's iterations).
  out.work = r.kernel->work_done(*problem, r.size, r.precision);
  out.kernel_time = summarize(kernel);
  out.batch = batch;
  if (!e2e.empty()) out.e2e_time = summarize(e2e);
  out.note = exec->note();
  out.settled = settled;
  out.verdict = r.kernel->verify(*problem);
  if (const auto changed = inputs.changed(*problem)) out.verdict = Verdict{false, 0, 0, *changed};
  return out;
}

}  // namespace flynn
