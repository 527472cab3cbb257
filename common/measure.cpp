#include "common/measure.hpp"

#include <optional>
#include <vector>

#include "common/cache_eviction.hpp"

namespace flynn {

RunResult measure(const RunRequest& r, const Factory& factory) {
  // Allocation, first touch, poisoning and device uploads all happen before the clock starts.
  const ChunkRunner& first_touch = r.serial_first_touch || !r.backend->first_touch ? ChunkRunner(serial_chunks) : r.backend->first_touch;
  auto problem = r.kernel->make_problem(r.size, r.precision, r.seed, first_touch);
  r.kernel->poison(*problem);
  auto exec = factory(*problem);

  std::optional<CacheEvictor> evictor;
  if (r.cold_cache) evictor.emplace(r.last_level_cache_bytes, r.backend->first_touch);
  auto make_cold = [&] {
    if (!evictor) return;
    evictor->evict();
    exec->evict_device_cache();
  };

  for (int i = 0; i < r.warmup; ++i) exec->run();
  std::vector<double> kernel, e2e;
  for (int i = 0; i < r.reps; ++i) {
    make_cold();
    kernel.push_back(exec->run());
  }
  // End-to-end repetitions follow the kernel-only ones; the first tells whether there are any.
  for (int i = 0; i < r.reps; ++i) {
    make_cold();
    auto t = exec->run_end_to_end();
    if (!t) break;
    e2e.push_back(*t);
  }
  exec->finish();

  RunResult out;
  out.work = r.kernel->work(r.size, r.precision);
  out.kernel_time = summarize(kernel);
  if (!e2e.empty()) out.e2e_time = summarize(e2e);
  out.note = exec->note();
  out.verdict = r.kernel->verify(*problem);
  return out;
}

}  // namespace flynn
