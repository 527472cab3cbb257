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
      .first_touch = [&](std::size_t n, const std::function<void(std::size_t, std::size_t)>& body) {
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

}  // namespace
}  // namespace flynn
