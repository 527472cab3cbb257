// gemm's check must catch what it is for, each part of it apart: an element wrong beyond its
// rounding bound (the elements checked one by one), a strip of a row wrong however small the size
// lets the stride grow (a tile, a thread's columns), and a single element nobody wrote or far off
// anywhere (Freivalds' check of every block of a row). Either part alone passes what the other is
// there to catch.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/kernels/gemm.hpp"
#include "common/registry.hpp"

namespace flynn {
namespace {

const KernelSpec& gemm() { return *registry().find_kernel("gemm"); }

// A correct product from the scalar backend, as a run leaves it.
std::unique_ptr<Problem> solved(std::size_t n) {
  auto p = gemm().make_problem(n, Precision::f32, 3, serial_chunks);
  gemm().poison(*p);
  (*registry().implementation("gemm", "scalar"))(*p)->run(1);
  return p;
}

float& at(Problem& p, std::size_t i, std::size_t j) {
  auto& v = static_cast<GemmProblem<float>&>(p).view;
  return v.c[i * v.n + j];
}

TEST(GemmVerification, ACorrectProductPasses) {
  for (std::size_t n : {1, 17, 200, 700}) EXPECT_TRUE(gemm().verify(*solved(n)).ok) << n;
}

TEST(GemmVerification, AnyElementOffBeyondItsBoundFailsWhereAllAreChecked) {
  // Up to 256 every element is compared: one negated anywhere fails, at its own index.
  auto p = solved(200);
  at(*p, 123, 45) = -at(*p, 123, 45);
  const Verdict v = gemm().verify(*p);
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.detail.find("C(123, 45)"), std::string::npos) << v.detail;
}

TEST(GemmVerification, AStripOfARowOffFailsAtAnyStride) {
  // At 700 one element in 21 is compared; any 21 neighbours along a row hold one of them.
  auto p = solved(700);
  for (std::size_t j = 300; j < 321; ++j) at(*p, 411, j) += 1;
  EXPECT_FALSE(gemm().verify(*p).ok);
}

TEST(GemmVerification, AnElementNobodyWroteFailsWhereverItIs) {
  // (411, 301) is neither on a compared stripe nor the diagonal at 700: Freivalds' check sees it.
  auto p = solved(700);
  at(*p, 411, 301) = std::numeric_limits<float>::quiet_NaN();
  const Verdict v = gemm().verify(*p);
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.detail.find("C(411, 301) was never written"), std::string::npos) << v.detail;
}

TEST(GemmVerification, ASingleElementOffByOneFailsWhereverItIs) {
  // (411, 301) again, off by 1 where an element is about 9: the bound of its row's 700 elements
  // added up (some 8 in float) passed it; that of its block of 21 columns (some 0.2) does not.
  auto p = solved(700);
  at(*p, 411, 301) += 1;
  const Verdict v = gemm().verify(*p);
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.detail.find("C(411, 294..314)"), std::string::npos) << v.detail;
}

}  // namespace
}  // namespace flynn
