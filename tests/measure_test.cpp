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

TEST(Measure, CalibrationTimesThreeShortRunsButOneLongOne) {
  auto calls_for = [](double seconds) {
    int calls = 0;
    const std::size_t batch = calibrate_batch([&](std::size_t) {
      ++calls;
      return seconds;
    });
    return std::pair{calls, batch};
  };
  EXPECT_EQ(calls_for(1e-6), (std::pair<int, std::size_t>{3, 50}));
  EXPECT_EQ(calls_for(long_run_s / 2), (std::pair<int, std::size_t>{3, 1}));
  EXPECT_EQ(calls_for(long_run_s), (std::pair<int, std::size_t>{1, 1}));
  // A long first run ends it (a quicker one after it is what warm-up runs are for); a short first
  // run and a stretched second still take three, the quickest deciding.
  int call = 0;
  EXPECT_EQ(calibrate_batch([&](std::size_t) { return call++ == 0 ? 1.0 : 1e-6; }), 1u);
  EXPECT_EQ(call, 1);
  call = 0;
  EXPECT_EQ(calibrate_batch([&](std::size_t) { return call++ == 1 ? 1.0 : 1e-6; }), 50u);
  EXPECT_EQ(call, 3);
}

TEST(Stats, NoiseIsTheRelativeMedianAbsoluteDeviation) {
  EXPECT_DOUBLE_EQ(summarize({1, 2, 3, 4, 5}).noise, 1.0 / 3);  // deviations 2 1 0 1 2: median 1, over 3
  EXPECT_DOUBLE_EQ(summarize({1, 1, 1, 1, 9}).noise, 0);        // one stretched sample moves nothing
  EXPECT_DOUBLE_EQ(summarize({2, 2, 4, 4}).noise, 1.0 / 3);     // median 3, deviations all 1
  EXPECT_EQ(summarize({}).noise, 0);
}

// An execution whose samples take the times it is given (the kernel itself runs, so results verify).
class Scripted final : public Execution {
 public:
  Scripted(std::unique_ptr<Execution> inner, std::vector<double> times)
      : inner_(std::move(inner)), times_(std::move(times)) {}
  double run(std::size_t n) override {
    inner_->run(n);
    const double t = times_[next_ % times_.size()] * static_cast<double>(n);
    ++next_;
    return t;
  }
  std::size_t runs() const { return next_; }

 private:
  std::unique_ptr<Execution> inner_;
  std::vector<double> times_;
  std::size_t next_ = 0;
};

TEST(Measure, MoreSamplesUntilTheyAgreeOrTheLimitsCome) {
  const KernelSpec* triad = registry().find_kernel("triad");
  const Backend* scalar = registry().find_backend("scalar");
  const auto correct = registry().implementation("triad", "scalar");
  ASSERT_TRUE(triad && scalar && correct);
  auto scripted = [&](std::vector<double> times) {
    return [&correct, times](Problem& p) -> std::unique_ptr<Execution> {
      return std::make_unique<Scripted>((*correct)(p), times);
    };
  };
  // Calibration takes the first run (1 s: a batch of one, with no second try); then samples
  // swing between 1 and 2 s for six runs, then hold at 1 s.
  const std::vector<double> swinging_then_quiet = {1, 1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  RunRequest r{
      .kernel = triad, .backend = scalar, .precision = Precision::f64, .size = 100, .reps = 4, .warmup = 0, .seed = 0};
  const RunResult plain = measure(r, scripted(swinging_then_quiet));
  EXPECT_EQ(plain.kernel_time.count, 4u);  // --reps alone: no more samples, whatever the noise
  EXPECT_GT(plain.kernel_time.noise, 0.05);
  EXPECT_TRUE(plain.settled);

  r.max_noise = 0.05;
  const RunResult waited = measure(r, scripted(swinging_then_quiet));
  EXPECT_TRUE(waited.settled);
  EXPECT_LE(waited.kernel_time.noise, 0.05);
  EXPECT_GT(waited.kernel_time.count, 4u);
  EXPECT_TRUE(waited.verdict.ok);

  r.most_samples = 50;  // never quiet: 1, 2, 3, 1, 2, 3, ... (a third at the median, the rest 1 away)
  const RunResult restless = measure(r, scripted({1, 2, 3}));
  EXPECT_FALSE(restless.settled);
  EXPECT_EQ(restless.kernel_time.count, 50u);

  r.max_noise = 0;
  r.min_time_s = 10;  // 10 s of timed work at 1 s a sample: 10 samples
  const RunResult long_enough = measure(r, scripted({1}));
  EXPECT_EQ(long_enough.kernel_time.count, 10u);
  EXPECT_TRUE(long_enough.settled);
}

}  // namespace
}  // namespace flynn

#include <sched.h>

#include "common/parallel_parts.hpp"

namespace flynn {
namespace {

int cpus_of_this_thread() {
  cpu_set_t set;
  CPU_ZERO(&set);
  return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : -1;
}

// --pin: the MIMD backend's workers each on one CPU (the calling thread is worker 0), and back to
// every CPU when it is off again; helper threads for host work never inherit a binding.
TEST(Pin, WorkersAreBoundUnderPinAndFreedWithout) {
  const int all = cpus_of_this_thread();
  if (all < 2) GTEST_SKIP() << "one CPU: nothing to bind to";
  if (!bind_this_thread(0)) GTEST_SKIP() << "this system refuses thread affinity";
  EXPECT_EQ(cpus_of_this_thread(), 1);
  int helper_cpus = 0;
  for_each_part(std::size_t{1} << 20, [&](std::size_t i, Range) {
    if (i == 1) helper_cpus = cpus_of_this_thread();
  });
  if (parts_for(std::size_t{1} << 20) > 1) EXPECT_EQ(helper_cpus, all);
  ASSERT_TRUE(bind_this_thread(-1));
  EXPECT_EQ(cpus_of_this_thread(), all);

  const Backend* threads = registry().find_backend("threads");
  const auto triad = registry().implementation("triad", "threads");
  ASSERT_TRUE(threads && triad);
  const RunRequest r{.kernel = registry().find_kernel("triad"),
                     .backend = threads,
                     .precision = Precision::f64,
                     .size = 4099,
                     .reps = 2,
                     .warmup = 1,
                     .seed = 0};
  threads->configure(RunSettings{.pin_threads = true});
  EXPECT_TRUE(measure(r, *triad).verdict.ok);
  EXPECT_EQ(cpus_of_this_thread(), 1);  // this thread is worker 0 of the team
  threads->configure(RunSettings{});
  EXPECT_TRUE(measure(r, *triad).verdict.ok);
  EXPECT_EQ(cpus_of_this_thread(), all);
}

}  // namespace
}  // namespace flynn
