// A backend that computes the wrong answer must be caught by the driver: its row says FAILED,
// the other rows still run, and the exit code is 1. The broken backend exists only in this test
// binary; its triad is off by one ulp-scale nudge too large for triad's tolerance.
#include <gtest/gtest.h>

#include <cmath>

#include "common/range_execution.hpp"
#include "common/stream/stream_problem.hpp"
#include "driver/commands.hpp"
#include "tests/run_captured.hpp"

namespace flynn {
namespace {

template <class T>
double wrong_triad(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  auto& v = stream_view<T>(p);
  for (std::size_t i = begin; i < end; ++i) v.a[i] = (v.b[i] + v.scalar * v.c[i]) * T(1.001);
  return 0;
}

const BackendRegistration broken_backend{Backend{
    .name = "test.broken",
    .flynn_class = FlynnClass::SISD,
    .description = "test only: a triad that is 0.1% off",
    .order = 999999,
    .availability =
        [] {
          return Availability{true, ""};
        },
    .width = [](Precision) { return std::string("1 lane"); },
}};
const ImplementationRegistration broken_triad{"triad", "test.broken",
                                              range_factory({wrong_triad<float>, wrong_triad<double>})};

TEST(FailedVerification, RowSaysFailedRunGoesOnExitCodeIsOne) {
  driver::RunOptions o;
  o.kernels = {"triad"};
  o.backends = {"test.broken", "scalar"};
  o.sizes = {"1000"};
  o.reps = 1;
  o.warmup = 0;
  const auto [code, out] = run_captured(o);
  EXPECT_EQ(code, 1) << out;
  EXPECT_NE(out.find("FAILED: 1000 of 1000 elements wrong"), std::string::npos) << out;
  // The scalar row after the failure still ran and verified.
  EXPECT_NE(out.find("scalar"), std::string::npos) << out;
  EXPECT_NE(out.find("  ok"), std::string::npos) << out;
}

}  // namespace
}  // namespace flynn
