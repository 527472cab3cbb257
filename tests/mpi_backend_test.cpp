// The mpi backend beside test-only kernels, run by ctest under mpirun with 1, 2 and 3 ranks and
// alone. One rank that computes wrong must fail the whole run, and only the verification after
// gathering can see it: `copy_off_rank_0` copies correctly on rank 0 (and on every backend that is
// not split across ranks) and writes a wrong value on any other rank. A kernel that brings a
// `threads` implementation of its own (parts that depend on each other in a way no spec
// describes: a scan's carries are described, Problem::carries) is not split.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <thread>

#include "common/measure.hpp"
#include "common/stream/stream_problem.hpp"
#include "common/stream/stream_spec.hpp"
#include "cpu/mpi/ranks.hpp"
#include "simd/simd_table.hpp"
#include "tests/run_captured.hpp"

namespace flynn {
namespace {

template <class T>
double copy(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  StreamView<T>& v = stream_view<T>(p);
  for (std::size_t i = begin; i < end; ++i) v.c[i] = v.a[i];
  return 0;
}

template <class T>
double copy_off_rank_0(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  StreamView<T>& v = stream_view<T>(p);
  const T wrong = mpi::rank() == 0 ? T(0) : T(1);
  for (std::size_t i = begin; i < end; ++i) v.c[i] = v.a[i] + wrong;
  return 0;
}

std::unique_ptr<KernelSpec> copy_spec(const char* name) {
  return std::make_unique<StreamSpec>(StreamDesc{
      .name = name,
      .description = "c[i] = a[i] (a test's kernel)",
      .roles = {{StreamArray::a}, StreamArray::c},
      .flops_per_element = 0,
      .reference =
          [](const StreamElement& x) {
            return Expected{x.a, 0, 0};
          },
  });
}
// copy under another name, its problem made another way (make_problem is each test's own).
class CopyMadeOtherwise : public KernelSpec {
 public:
  explicit CopyMadeOtherwise(const char* name) : name_(name), copy_(copy_spec(name)) {}
  std::string_view name() const override { return name_; }
  Bound bound() const override { return copy_->bound(); }
  Extents default_size(Precision p, const SizingHints& h) const override { return copy_->default_size(p, h); }
  std::size_t footprint_bytes(const Extents& e, Precision p) const override { return copy_->footprint_bytes(e, p); }
  WorkModel work(const Extents& e, Precision p) const override { return copy_->work(e, p); }
  void poison(Problem& p) const override { copy_->poison(p); }
  Verdict verify(const Problem& p) const override { return copy_->verify(p); }

 protected:
  const KernelSpec& copy() const { return *copy_; }

 private:
  const char* name_;
  std::unique_ptr<KernelSpec> copy_;
};

// copy, except that making its problem fails on every rank but 0 (as an allocation might).
class FailingOffRank0 final : public CopyMadeOtherwise {
 public:
  FailingOffRank0() : CopyMadeOtherwise("copy_unmade_off_rank_0") {}
  std::string_view description() const override { return "copy whose problem cannot be made off rank 0"; }
  std::unique_ptr<Problem> make_problem(const Extents& e, Precision p, std::uint64_t seed,
                                        const ChunkRunner& first_touch) const override {
    if (mpi::rank() != 0) throw std::runtime_error("no room for this part here");
    return copy().make_problem(e, p, seed, first_touch);
  }
};

// copy, except that it fills its arrays over half its indices and one more (a spec that passes
// first_touch another count than its extent: a grid's columns where its extent is its rows).
class FilledOverTheWrongCount final : public CopyMadeOtherwise {
 public:
  FilledOverTheWrongCount() : CopyMadeOtherwise("copy_filled_over_the_wrong_count") {}
  std::string_view description() const override { return "copy whose first touch is not over its extent"; }
  std::unique_ptr<Problem> make_problem(const Extents& e, Precision p, std::uint64_t seed,
                                        const ChunkRunner& first_touch) const override {
    return copy().make_problem(e, p, seed,
                               [&](std::size_t n, const std::function<void(std::size_t, std::size_t)>& body) {
                                 first_touch(n / 2 + 1, body);
                               });
  }
};

template <class T>
double copy_slowly_off_rank_0(Problem& p, std::size_t begin, std::size_t end, const Worker& w) {
  if (mpi::rank() != 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return copy<T>(p, begin, end, w);
}

const KernelRegistration wrong_off_rank_0{copy_spec("copy_off_rank_0")};
const KernelRegistration slow_off_rank_0{copy_spec("copy_slowly_off_rank_0")};
const KernelRegistration unmade_off_rank_0{std::make_unique<FailingOffRank0>()};
const KernelRegistration filled_over_the_wrong_count{std::make_unique<FilledOverTheWrongCount>()};
const KernelRegistration with_own_threads{copy_spec("copy_with_own_threads")};
const ImplementationRegistration own_threads{"copy_with_own_threads", "threads",
                                             range_factory({copy<float>, copy<double>})};

// The mpi backend runs the best SIMD kernel, which is the best instruction set's: registered for
// every instruction set Flynn compiles (an entry for one not compiled in is never looked up).
struct ForEveryIsa {
  ForEveryIsa() {
    for (const char* isa : {"sse2", "sse4.2", "avx2", "avx512", "neon64"}) {
      simd::IsaKernelRegistration("copy_off_rank_0", isa, copy_off_rank_0<float>, copy_off_rank_0<double>);
      simd::IsaKernelRegistration("copy_with_own_threads", isa, copy<float>, copy<double>);
      simd::IsaKernelRegistration("copy_slowly_off_rank_0", isa, copy_slowly_off_rank_0<float>,
                                  copy_slowly_off_rank_0<double>);
      simd::IsaKernelRegistration("copy_unmade_off_rank_0", isa, copy<float>, copy<double>);
      simd::IsaKernelRegistration("copy_filled_over_the_wrong_count", isa, copy<float>, copy<double>);
    }
  }
};
const ForEveryIsa every_isa;

// The driver in-process on 4099 elements, one timed run and no warm-up.
Captured one_run(std::vector<std::string> kernels, std::vector<std::string> backends) {
  driver::RunOptions o;
  o.kernels = std::move(kernels);
  o.backends = std::move(backends);
  o.sizes = {"4099"};
  o.reps = 1;
  o.warmup = 0;
  return run_captured(o);
}

TEST(MpiRanks, ARankThatComputesWrongFailsTheWholeRun) {
  const bool alone = mpi::size() == 1;
  const Captured c = one_run({"copy_off_rank_0"}, {"mpi"});
  EXPECT_EQ(c.code, alone ? 0 : 1) << c.out;
  EXPECT_EQ(c.out.find("FAILED") != std::string::npos, !alone) << c.out;
}

// The row's time is the slowest rank's, not rank 0's: here rank 0 copies 4099 doubles in a
// microsecond and every other rank sleeps 20 ms in each run.
TEST(MpiRanks, TheSlowestRankDecidesTheTime) {
  const KernelSpec* kernel = registry().find_kernel("copy_slowly_off_rank_0");
  const Backend* mpi = registry().find_backend("mpi");
  ASSERT_TRUE(kernel && mpi);
  const RunResult r =
      measure({kernel, mpi, Precision::f64, 4099, 3, 1, 0}, *registry().implementation(kernel->name(), "mpi"));
  EXPECT_TRUE(r.verdict.ok) << r.verdict.detail;
  if (mpi::size() > 1)
    EXPECT_GE(r.kernel_time.min, 0.02);
  else
    EXPECT_LT(r.kernel_time.median, 0.02);
}

// A rank that fails to set up its part: rank 0 reports which rank and why, in that row alone.
TEST(MpiRanks, ARankThatCannotMakeItsPartFailsItsRowAndSaysWhich) {
  const Captured c = one_run({"copy_unmade_off_rank_0", "copy"}, {"mpi"});
  if (mpi::size() == 1) {
    EXPECT_EQ(c.code, 0) << c.out;
    return;
  }
  EXPECT_EQ(c.code, 1) << c.out;
  EXPECT_NE(c.out.find("rank 1: no room for this part here"), std::string::npos) << c.out;
  // The next row, after the failed one, runs on every rank as usual.
  const auto copy_row = c.out.find("\ncopy ");
  ASSERT_NE(copy_row, std::string::npos) << c.out;
  EXPECT_NE(c.out.find(" ok", copy_row), std::string::npos) << c.out;
}

// A spec that fills its arrays over another count than its extent: each rank would share values it
// never made over rank 0's. Every other rank refuses it, saying why.
TEST(MpiRanks, AKernelFilledOverAnotherCountThanItsExtentIsRefused) {
  const Captured c = one_run({"copy_filled_over_the_wrong_count"}, {"mpi"});
  if (mpi::size() == 1) {
    EXPECT_EQ(c.code, 0) << c.out;  // nothing is shared: rank 0 holds what it made
    return;
  }
  EXPECT_EQ(c.code, 1) << c.out;
  EXPECT_NE(c.out.find("fills its arrays over 2050 indices but its extent is 4099"), std::string::npos) << c.out;
}

// A scan's carries between ranks: each rank's summary (here its rank + 1, a decimal digit) becomes
// the lower ranks' combined in rank order, by an operation that does not commute (digits written
// one after another: rank 2 of 3 gets 12, not 21).
TEST(MpiRanks, CarriesCombineTheLowerRanksInRankOrder) {
  auto digits = [](std::byte* into, const std::byte* from) {
    std::uint64_t after = *reinterpret_cast<const std::uint64_t*>(from), scale = 1;
    for (std::uint64_t rest = after; rest; rest /= 10) scale *= 10;
    auto& mine = *reinterpret_cast<std::uint64_t*>(into);
    mine = mine * scale + after;
  };
  mpi::Combiner combiner(sizeof(std::uint64_t), digits, /*ordered=*/true);
  std::uint64_t value = static_cast<std::uint64_t>(mpi::rank()) + 1;
  combiner.combine_lower_ranks(reinterpret_cast<std::byte*>(&value));
  std::uint64_t want = 0;
  for (int r = 0; r < mpi::rank(); ++r) want = want * 10 + static_cast<std::uint64_t>(r) + 1;
  if (mpi::rank() > 0)
    EXPECT_EQ(value, want);
  else
    EXPECT_EQ(value, 1u);  // rank 0's is left as it was
}

TEST(MpiRanks, AKernelWithPartsThatDependOnEachOtherIsNotSplit) {
  EXPECT_FALSE(registry().implementation("copy_with_own_threads", "mpi").has_value());
  const Captured c = one_run({"copy_with_own_threads"}, {"threads", "mpi"});
  EXPECT_EQ(c.code, 0) << c.out;
  EXPECT_NE(c.out.find("not implemented: only kernels whose parts are independent"), std::string::npos) << c.out;
}

}  // namespace
}  // namespace flynn
