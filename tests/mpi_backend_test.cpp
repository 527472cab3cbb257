// The mpi backend beside test-only kernels, run by ctest under mpirun with 1, 2 and 3 ranks and
// alone. One rank that computes wrong must fail the whole run, and only the verification after
// gathering can see it: `copy_off_rank_0` copies correctly on rank 0 (and on every backend that is
// not split across ranks) and writes a wrong value on any other rank. A kernel whose parts are not
// independent (it brings a `threads` implementation of its own, as a scan would) is not split.
#include <gtest/gtest.h>

#include "common/stream/stream_problem.hpp"
#include "common/stream/stream_spec.hpp"
#include "cpu/mpi/ranks.hpp"
#include "simd/simd_table.hpp"
#include "tests/run_captured.hpp"

namespace flynn {
namespace {

template <class T>
double copy(Problem& p, std::size_t begin, std::size_t end) {
  StreamView<T>& v = stream_view<T>(p);
  for (std::size_t i = begin; i < end; ++i) v.c[i] = v.a[i];
  return 0;
}

template <class T>
double copy_off_rank_0(Problem& p, std::size_t begin, std::size_t end) {
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
const KernelRegistration wrong_off_rank_0{copy_spec("copy_off_rank_0")};
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
    }
  }
};
const ForEveryIsa every_isa;

TEST(MpiRanks, ARankThatComputesWrongFailsTheWholeRun) {
  const bool alone = mpi::size() == 1;
  driver::RunOptions o;
  o.kernels = {"copy_off_rank_0"};
  o.backends = {"mpi"};
  o.sizes = {"4099"};
  o.reps = 1;
  o.warmup = 0;
  const Captured c = run_captured(o);
  EXPECT_EQ(c.code, alone ? 0 : 1) << c.out;
  EXPECT_EQ(c.out.find("FAILED") != std::string::npos, !alone) << c.out;
}

TEST(MpiRanks, AKernelWithPartsThatDependOnEachOtherIsNotSplit) {
  EXPECT_FALSE(registry().implementation("copy_with_own_threads", "mpi").has_value());
  driver::RunOptions o;
  o.kernels = {"copy_with_own_threads"};
  o.backends = {"threads", "mpi"};
  o.sizes = {"4099"};
  o.reps = 1;
  o.warmup = 0;
  const Captured c = run_captured(o);
  EXPECT_EQ(c.code, 0) << c.out;
  EXPECT_NE(c.out.find("not implemented: only kernels whose parts are independent"), std::string::npos) << c.out;
}

}  // namespace
}  // namespace flynn
