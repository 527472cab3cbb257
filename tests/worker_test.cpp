// The CPU workers' partial answers (common/worker.hpp): each worker's on cache lines of its own,
// combined into the problem's answer, and right on `threads` when workers outnumber cores.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>

#include "common/kernels/histogram.hpp"
#include "common/measure.hpp"
#include "common/worker.hpp"

namespace flynn {
namespace {

TEST(Partials, EachWorkerHasCacheLinesOfItsOwn) {
  HistogramProblem<float> problem(10);
  Partials partials(problem, 5);
  std::set<std::uintptr_t> starts;
  for (std::size_t w = 0; w < 5; ++w) {
    const Worker worker = partials.worker(w, 5);
    EXPECT_EQ(worker.index, w);
    EXPECT_EQ(worker.count, 5u);
    const auto at = reinterpret_cast<std::uintptr_t>(worker.partial);
    EXPECT_EQ(at % buffer_alignment, 0u) << "worker " << w;
    starts.insert(at);
  }
  ASSERT_EQ(starts.size(), 5u);
  for (auto it = starts.begin(); std::next(it) != starts.end(); ++it)
    EXPECT_GE(*std::next(it) - *it, HistogramBins::bytes);
}

TEST(Partials, ClearedThenCombinedIntoTheAnswer) {
  HistogramProblem<double> problem(10);
  Partials partials(problem, 3);
  for (std::size_t w = 0; w < 3; ++w) std::fill_n(HistogramBins::in(partials.worker(w, 3).partial), 256, 99);
  partials.clear(problem);
  for (std::size_t w = 0; w < 3; ++w) HistogramBins::in(partials.worker(w, 3).partial)[w] += w + 1;
  partials.combine(problem);
  for (std::size_t k = 0; k < HistogramBins::count; ++k) EXPECT_EQ(problem.view.counts[k], k < 3 ? k + 1 : 0) << k;
}

TEST(Partials, NoneForAKernelThatBuildsNone) {
  struct Plain final : Problem {
    Precision precision() const override { return Precision::f32; }
    std::size_t extent() const override { return 1; }
    std::vector<BufferRef> buffers() override { return {}; }
  } plain;
  Partials partials(plain, 4);
  EXPECT_EQ(partials.worker(3, 4).partial, nullptr);
  EXPECT_EQ(partials.combine(plain), nullptr);
}

// Seven threads on however few cores: each counts into its own bins (two sharing one set would
// lose counts when they race), shares as small as one value, and threads with nothing to count.
TEST(Partials, ThreadsCountRightWithMoreWorkersThanCores) {
  const Backend* threads = registry().find_backend("threads");
  const auto histogram = registry().implementation("histogram", "threads");
  ASSERT_TRUE(threads && histogram);
  if (!threads->availability().ok) GTEST_SKIP() << threads->availability().reason;
#ifdef FLYNN_UNDER_EMULATOR
  GTEST_SKIP() << "under an emulator (qemu-user hangs on a program's second thread)";
#endif
  threads->configure(RunSettings{.threads = 7});
  for (std::size_t n : {std::size_t{1}, std::size_t{6}, std::size_t{4099}, (std::size_t{1} << 22) + 5}) {
    const RunRequest r{.kernel = registry().find_kernel("histogram"),
                       .backend = threads,
                       .precision = Precision::f32,
                       .size = n,
                       .reps = 3,
                       .warmup = 1,
                       .seed = 7};
    const Verdict v = measure(r, *histogram).verdict;
    EXPECT_TRUE(v.ok) << "n = " << n << ": " << v.detail;
  }
  threads->configure(RunSettings{});
}

}  // namespace
}  // namespace flynn
