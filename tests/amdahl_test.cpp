// The arithmetic of `flynn concurrency`: the Amdahl fit and the ideal speedups it sets beside the
// measured ones (the timings themselves are the machine's business).
#include <gtest/gtest.h>

#include "common/amdahl.hpp"

namespace flynn {
namespace {

TEST(Amdahl, RecoversTheSerialFractionOfExactData) {
  for (double s : {0.0, 0.05, 0.3, 1.0}) {
    std::vector<ScalingPoint> points;
    for (double p : {1.0, 2.0, 4.0, 8.0, 16.0}) points.push_back({p, amdahl_speedup(s, p)});
    EXPECT_NEAR(amdahl_serial_fraction(points), s, 1e-12) << s;
  }
}

TEST(Amdahl, EdgesAreClampedAndNeverNaN) {
  EXPECT_EQ(amdahl_serial_fraction({}), 0);
  EXPECT_EQ(amdahl_serial_fraction({{1, 1}}), 0);            // no point past one worker
  EXPECT_EQ(amdahl_serial_fraction({{1, 1}, {2, 2.5}}), 0);  // faster than linear
  EXPECT_EQ(amdahl_serial_fraction({{1, 1}, {2, 0.5}}), 1);  // slower with more workers
  EXPECT_DOUBLE_EQ(amdahl_speedup(0.1, 1), 1);
  EXPECT_NEAR(amdahl_speedup(0.1, 1e12), 10, 1e-9);  // at most 1/s
}

TEST(Concurrency, IdealSpeedupsTeachTheLesson) {
  // Waiting overlaps on one core; computing needs cores.
  EXPECT_EQ(ideal_speedup(TaskKind::waiting, Schedule::one_after_another, 8, 2), 1);
  EXPECT_EQ(ideal_speedup(TaskKind::waiting, Schedule::concurrently_on_one_core, 8, 2), 8);
  EXPECT_EQ(ideal_speedup(TaskKind::waiting, Schedule::in_parallel, 8, 2), 8);
  EXPECT_EQ(ideal_speedup(TaskKind::computing, Schedule::concurrently_on_one_core, 8, 2), 1);
  EXPECT_EQ(ideal_speedup(TaskKind::computing, Schedule::in_parallel, 8, 2), 2);
  EXPECT_EQ(ideal_speedup(TaskKind::computing, Schedule::in_parallel, 3, 16), 3);  // no more than one core a task
}

}  // namespace
}  // namespace flynn
