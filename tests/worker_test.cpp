// The CPU workers' partial answers and scratch (common/worker.hpp): each worker's on cache lines of
// its own, the partials combined into the problem's answer, and right on `threads` when workers
// outnumber cores.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "common/kernels/histogram.hpp"
#include "common/measure.hpp"
#include "common/worker.hpp"
#include "cpu/threads/threads_runner.hpp"

namespace flynn {
namespace {

// A kernel that carries, whose summaries combine in an order that shows: decimal digits written
// one after another (associative, and not commutative: 1 then 2 is 12, 2 then 1 is 21).
class DigitsProblem final : public Problem {
 public:
  Precision precision() const override { return Precision::f64; }
  std::size_t extent() const override { return 4; }
  std::vector<BufferRef> buffers() override { return {}; }
  bool carries() const override { return true; }
  std::size_t partial_bytes() const override { return sizeof(std::uint64_t); }
  void clear_partial(std::byte* p) const override { digits(p) = 0; }
  void merge_partial(std::byte* into, const std::byte* from) const override {
    std::uint64_t after = *reinterpret_cast<const std::uint64_t*>(from), scale = 1;
    for (std::uint64_t rest = after; rest; rest /= 10) scale *= 10;
    digits(into) = digits(into) * scale + after;
  }
  static std::uint64_t& digits(std::byte* p) { return *reinterpret_cast<std::uint64_t*>(p); }
};

TEST(WorkerMemory, SummariesBecomeCarriesInWorkerOrder) {
  DigitsProblem problem;
  WorkerMemory partials(problem, 4);
  partials.clear(problem);
  for (std::size_t w = 0; w < 3; ++w) DigitsProblem::digits(partials.worker(w, 3).partial) = w + 1;
  DigitsProblem::digits(partials.worker(3, 4).partial) = 9;  // not in a team of 3: untouched
  partials.carry_forward(problem, 3);
  EXPECT_EQ(DigitsProblem::digits(partials.worker(0, 3).partial), 0u);  // nothing before the first
  EXPECT_EQ(DigitsProblem::digits(partials.worker(1, 3).partial), 1u);
  EXPECT_EQ(DigitsProblem::digits(partials.worker(2, 3).partial), 12u);
  EXPECT_EQ(DigitsProblem::digits(partials.worker(3, 4).partial), 9u);
  EXPECT_EQ(partials.combine(problem), nullptr);  // carries are not an answer to combine
}

TEST(WorkerMemory, EachWorkerHasCacheLinesOfItsOwn) {
  HistogramProblem<float> problem(10);
  WorkerMemory partials(problem, 5);
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

TEST(WorkerMemory, ClearedThenCombinedIntoTheAnswer) {
  HistogramProblem<double> problem(10);
  WorkerMemory partials(problem, 3);
  for (std::size_t w = 0; w < 3; ++w) std::fill_n(HistogramBins::in(partials.worker(w, 3).partial), 256, 99);
  partials.clear(problem);
  for (std::size_t w = 0; w < 3; ++w) HistogramBins::in(partials.worker(w, 3).partial)[w] += w + 1;
  partials.combine(problem);
  for (std::size_t k = 0; k < HistogramBins::count; ++k) EXPECT_EQ(problem.view.counts[k], k < 3 ? k + 1 : 0) << k;
}

TEST(WorkerMemory, NoneForAKernelThatBuildsNone) {
  struct Plain final : Problem {
    Precision precision() const override { return Precision::f32; }
    std::size_t extent() const override { return 1; }
    std::vector<BufferRef> buffers() override { return {}; }
  } plain;
  WorkerMemory partials(plain, 4);
  EXPECT_EQ(partials.worker(3, 4).partial, nullptr);
  EXPECT_EQ(partials.combine(plain), nullptr);
}

// Scratch (gemm's packed panels) beside the partials: each worker's on cache lines of its own, as
// large as the problem asked, overlapping neither another worker's nor any partial.
TEST(WorkerMemory, EachWorkerHasScratchOfItsOwn) {
  struct Both final : Problem {
    Precision precision() const override { return Precision::f32; }
    std::size_t extent() const override { return 1; }
    std::vector<BufferRef> buffers() override { return {}; }
    std::size_t partial_bytes() const override { return 24; }
    std::size_t worker_scratch_bytes() const override { return 1000; }
  } both;
  WorkerMemory memory(both, 3);
  std::vector<std::pair<std::uintptr_t, std::size_t>> spans;  // [start, start + size)
  for (std::size_t w = 0; w < 3; ++w) {
    const Worker worker = memory.worker(w, 3);
    ASSERT_NE(worker.scratch, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(worker.scratch) % buffer_alignment, 0u) << "worker " << w;
    std::fill_n(worker.scratch, 1000, std::byte{0x5a});  // all of it may be written (ASan would see more)
    spans.emplace_back(reinterpret_cast<std::uintptr_t>(worker.partial), 24);
    spans.emplace_back(reinterpret_cast<std::uintptr_t>(worker.scratch), 1000);
  }
  std::sort(spans.begin(), spans.end());
  for (std::size_t i = 1; i < spans.size(); ++i) EXPECT_GE(spans[i].first, spans[i - 1].first + spans[i - 1].second);

  HistogramProblem<float> partial_only(10);
  EXPECT_EQ(WorkerMemory(partial_only, 2).worker(1, 2).scratch, nullptr);
}

// Seven threads on however few cores, counted exactly: shares as small as one value, and threads
// with nothing to count. (Whether threads share a partial, this cannot tell: the SIMD kernel adds
// to its partial only once a range. EachThreadOfTheTeamIsAWorkerOfItsOwn checks that.)
TEST(WorkerMemory, ThreadsCountRightWithMoreWorkersThanCores) {
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

// n indices, one 64-bit count a worker: what each worker was handed, recorded by thread.
class Counted final : public Problem {
 public:
  Counted(std::size_t n, bool uneven) : n_(n), uneven_(uneven) {}
  Precision precision() const override { return Precision::f64; }
  std::size_t extent() const override { return n_; }
  bool uneven() const override { return uneven_; }
  std::vector<BufferRef> buffers() override { return {}; }
  std::size_t partial_bytes() const override { return sizeof(std::uint64_t); }
  void clear_partial(std::byte* p) const override { *reinterpret_cast<std::uint64_t*>(p) = 0; }
  void merge_partial(std::byte* into, const std::byte* from) const override {
    *reinterpret_cast<std::uint64_t*>(into) += *reinterpret_cast<const std::uint64_t*>(from);
  }
  void store_partial(const std::byte* p) override { total = *reinterpret_cast<const std::uint64_t*>(p); }

  struct Handed {
    std::set<std::byte*> partials;
    std::set<std::size_t> indices;
  };
  std::mutex m;
  std::map<std::thread::id, Handed> by_thread;
  std::size_t largest_count = 0;
  std::uint64_t total = 0;

 private:
  std::size_t n_;
  bool uneven_;
};

double record(Problem& p, std::size_t begin, std::size_t end, const Worker& w) {
  auto& c = static_cast<Counted&>(p);
  {
    std::lock_guard<std::mutex> lock(c.m);
    Counted::Handed& h = c.by_thread[std::this_thread::get_id()];
    h.partials.insert(w.partial);
    h.indices.insert(w.index);
    c.largest_count = std::max(c.largest_count, w.count);
  }
  *reinterpret_cast<std::uint64_t*>(w.partial) += end - begin;  // unguarded: the partial is this worker's
  return 0;
}

// Every thread of the team one worker, with its own index and partial, whether it takes one equal
// share or many small ones (an uneven problem): two threads handed one partial would race on it,
// which a kernel that adds to its partial rarely (histogram's SIMD flush) might never show.
TEST(WorkerMemory, EachThreadOfTheTeamIsAWorkerOfItsOwn) {
#ifdef FLYNN_UNDER_EMULATOR
  GTEST_SKIP() << "under an emulator (qemu-user hangs on a program's second thread)";
#endif
  const Backend* threads = registry().find_backend("threads");
  ASSERT_TRUE(threads);
  threads->configure(RunSettings{.threads = 4});
  for (bool uneven : {false, true}) {
    Counted p(1000, uneven);
    WorkerMemory partials(p, threads::team_size());
    partials.clear(p);
    threads::run_on_all_threads(p, record, partials);
    partials.combine(p);
    EXPECT_EQ(p.total, 1000u) << "uneven " << uneven;
    EXPECT_LE(p.largest_count, partials.workers());
    std::set<std::byte*> partials_seen;
    std::set<std::size_t> indices_seen;
    for (const auto& [thread, handed] : p.by_thread) {
      EXPECT_EQ(handed.partials.size(), 1u) << "a thread handed several partials (uneven " << uneven << ")";
      EXPECT_EQ(handed.indices.size(), 1u) << "a thread handed several indices (uneven " << uneven << ")";
      partials_seen.insert(handed.partials.begin(), handed.partials.end());
      indices_seen.insert(handed.indices.begin(), handed.indices.end());
    }
    EXPECT_EQ(partials_seen.size(), p.by_thread.size()) << "threads shared a partial (uneven " << uneven << ")";
    EXPECT_EQ(indices_seen.size(), p.by_thread.size()) << "threads shared an index (uneven " << uneven << ")";
    if (!uneven) EXPECT_EQ(p.by_thread.size(), 4u);  // four equal shares, one a thread
  }
  threads->configure(RunSettings{});
}

}  // namespace
}  // namespace flynn
