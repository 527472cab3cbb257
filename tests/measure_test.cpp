// The measuring procedure itself, with a backend built here and never registered (so the
// registry-wide suites do not see it).
#include <gtest/gtest.h>

#include "common/measure.hpp"

namespace flynn {
namespace {

// `--first-touch serial` must really bypass the backend's placement, and the default must use it.
TEST(Measure, PagesArePlacedByTheBackendUnlessSerialFirstTouchIsAsked) {
  const KernelSpec* triad = registry().find_kernel("triad");
  ASSERT_NE(triad, nullptr);
  const auto scalar_triad = registry().implementation("triad", "scalar");
  ASSERT_TRUE(scalar_triad.has_value());
  int placements = 0;
  const Backend counting{
      .name = "test.counting",
      .flynn_class = FlynnClass::SISD,
      .first_touch =
          [&](std::size_t n, const std::function<void(std::size_t, std::size_t)>& body) {
            ++placements;
            body(0, n);
          },
  };
  RunRequest r{triad, &counting, Precision::f64, 1000, 1, 0, 0};
  EXPECT_TRUE(measure(r, *scalar_triad).verdict.ok);
  EXPECT_GT(placements, 0);

  const int before = placements;
  r.serial_first_touch = true;
  EXPECT_TRUE(measure(r, *scalar_triad).verdict.ok);
  EXPECT_EQ(placements, before);
}

TEST(Measure, RunsTooShortToTimeAloneAreTimedInBatches) {
  EXPECT_EQ(batch_for(1.0), 1u);
  EXPECT_EQ(batch_for(shortest_timed_sample_s), 1u);
  EXPECT_EQ(batch_for(1e-6), 50u);
  EXPECT_EQ(batch_for(0), most_runs_per_sample);

  const KernelSpec* triad = registry().find_kernel("triad");
  const Backend* scalar = registry().find_backend("scalar");
  const auto scalar_triad = registry().implementation("triad", "scalar");
  ASSERT_TRUE(triad && scalar && scalar_triad);
  // 16 elements take tens of nanoseconds: far under a sample's 50 us.
  RunRequest r{triad, scalar, Precision::f64, 16, 3, 1, 0};
  const RunResult warm = measure(r, *scalar_triad);
  EXPECT_TRUE(warm.verdict.ok);
  EXPECT_GT(warm.batch, 1u);
  EXPECT_LT(warm.kernel_time.median, shortest_timed_sample_s);  // per run, not per batch
  // A cold run must start cold: each is timed alone.
  r.cold_cache = true;
  r.last_level_cache_bytes = 1 << 20;
  EXPECT_EQ(measure(r, *scalar_triad).batch, 1u);
}

}  // namespace
}  // namespace flynn
