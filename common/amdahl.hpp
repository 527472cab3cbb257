// Amdahl's law, fitted: a run on p workers takes s + (1 - s) / p of the one-worker time, where s
// is the fraction that did not get faster with more workers (serial code, fork and join, and for
// a memory-bound kernel the memory bus the workers share). And the ideal speedups of tasks that
// wait or compute, run one after another, concurrently on one core, or in parallel.
#pragma once
#include <algorithm>
#include <cstddef>
#include <vector>

namespace flynn {

struct ScalingPoint {
  double workers;
  double speedup;  // over one worker
};

// The s that best fits speedup(p) = 1 / (s + (1 - s) / p), by least squares on 1/speedup - 1/p =
// s (1 - 1/p), a line through the origin. Clamped to [0, 1]: faster than linear (a problem that
// fits the caches once split) reads as 0. NaN-free: without a point past one worker, 0.
inline double amdahl_serial_fraction(const std::vector<ScalingPoint>& points) {
  double xy = 0, xx = 0;
  for (const ScalingPoint& pt : points) {
    if (pt.workers <= 1 || pt.speedup <= 0) continue;
    const double x = 1 - 1 / pt.workers, y = 1 / pt.speedup - 1 / pt.workers;
    xy += x * y;
    xx += x * x;
  }
  return xx > 0 ? std::clamp(xy / xx, 0.0, 1.0) : 0;
}

inline double amdahl_speedup(double serial_fraction, double workers) {
  return 1 / (serial_fraction + (1 - serial_fraction) / workers);
}

enum class TaskKind { waiting, computing };
enum class Schedule { one_after_another, concurrently_on_one_core, in_parallel };

// What an ideal machine gives `tasks` equal tasks over running them one after another: waiting
// tasks overlap on one core as well as on many (nothing is being computed); computing tasks need
// a core each, so one core gives nothing and `cores` give at most `cores`.
inline double ideal_speedup(TaskKind kind, Schedule schedule, std::size_t tasks, std::size_t cores) {
  if (schedule == Schedule::one_after_another || tasks == 0) return 1;
  if (kind == TaskKind::waiting) return static_cast<double>(tasks);
  if (schedule == Schedule::concurrently_on_one_core) return 1;
  return static_cast<double>(std::min(tasks, std::max<std::size_t>(cores, 1)));
}

}  // namespace flynn
