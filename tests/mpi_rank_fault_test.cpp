// One rank that computes wrong must fail the whole run, and only the mpi backend's verification
// after gathering can see it. A test-only kernel, `copy_off_rank_0`, copies correctly on rank 0
// (and on every backend that is not split across ranks) and writes a wrong value on any other rank.
// Run by ctest under mpirun with 2 and 3 ranks, and alone as one rank, where it must pass.
#include <gtest/gtest.h>

#include "common/stream/stream_problem.hpp"
#include "common/stream/stream_spec.hpp"
#include "cpu/mpi/ranks.hpp"
#include "simd/simd_table.hpp"
#include "tests/run_captured.hpp"

namespace flynn {
namespace {

template <class T>
double copy_off_rank_0(Problem& p, std::size_t begin, std::size_t end) {
  StreamView<T>& v = stream_view<T>(p);
  const T wrong = mpi::rank() == 0 ? T(0) : T(1);
  for (std::size_t i = begin; i < end; ++i) v.c[i] = v.a[i] + wrong;
  return 0;
}

const KernelRegistration kernel{std::make_unique<StreamSpec>(StreamDesc{
    .name = "copy_off_rank_0",
    .description = "c[i] = a[i] on rank 0, a[i] + 1 on every other rank (a test's broken kernel)",
    .roles = {{StreamArray::a}, StreamArray::c},
    .flops_per_element = 0,
    .reference =
        [](const StreamElement& x) {
          return Expected{x.a, 0, 0};
        },
})};
// The mpi backend runs the best SIMD kernel, which is the best instruction set's: registered for
// every instruction set Flynn compiles (an entry for one not compiled in is never looked up).
struct ForEveryIsa {
  ForEveryIsa() {
    for (const char* isa : {"sse2", "sse4.2", "avx2", "avx512", "neon64"})
      simd::IsaKernelRegistration("copy_off_rank_0", isa, copy_off_rank_0<float>, copy_off_rank_0<double>);
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

}  // namespace
}  // namespace flynn
