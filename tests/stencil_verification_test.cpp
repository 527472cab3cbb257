// stencil's check must pass every legitimate way of rounding a step (any order of the four-term
// sum, products fused or not) and fail the mistakes a stencil is prone to: a boundary that wraps
// round instead of holding 0, a neighbour read from the wrong row, an edge point never written.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/kernels/stencil.hpp"
#include "common/registry.hpp"

namespace flynn {
namespace {

const KernelSpec& stencil() { return *registry().find_kernel("stencil"); }

enum class Step { reordered_and_fused, wrapped_east_west, south_two_rows_down };

// The step computed here, independently of every backend, with one deliberate difference.
template <class T>
std::unique_ptr<Problem> stepped(std::size_t w, std::size_t h, Step how) {
  auto p = stencil().make_problem(Extents::grid(w, h), precision_of<T>(), 5, serial_chunks);
  stencil().poison(*p);
  auto& v = static_cast<StencilProblem<T>&>(*p).view;
  for (std::size_t y = 0; y < h; ++y)
    for (std::size_t x = 0; x < w; ++x) {
      const T* row = v.in + y * w;
      const bool wrap = how == Step::wrapped_east_west;
      const T west = x > 0 ? row[x - 1] : wrap ? row[w - 1] : T(0);
      const T east = x + 1 < w ? row[x + 1] : wrap ? row[0] : T(0);
      const T north = y > 0 ? row[x - w] : T(0);
      const std::size_t down = how == Step::south_two_rows_down && y + 2 < h ? 2 : 1;
      const T south = y + down < h ? row[x + down * w] : T(0);
      // Another order than every backend's, with both products fused into the sums.
      v.out[y * w + x] = std::fma(v.center, row[x], v.neighbour * (((south + west) + north) + east));
    }
  return p;
}

TEST(StencilVerification, AnyOrderOfTheSumWithFusedProductsPasses) {
  for (auto [w, h] : {std::pair<std::size_t, std::size_t>{1, 1}, {1, 9}, {9, 1}, {100, 37}, {513, 300}}) {
    EXPECT_TRUE(stencil().verify(*stepped<float>(w, h, Step::reordered_and_fused)).ok) << w << "x" << h;
    EXPECT_TRUE(stencil().verify(*stepped<double>(w, h, Step::reordered_and_fused)).ok) << w << "x" << h;
  }
}

TEST(StencilVerification, ABoundaryThatWrapsRoundFailsAtTheFirstEdgePoint) {
  const Verdict v = stencil().verify(*stepped<float>(100, 37, Step::wrapped_east_west));
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.detail.find("(0, 0)"), std::string::npos) << v.detail;
}

TEST(StencilVerification, ANeighbourFromTheWrongRowFails) {
  EXPECT_FALSE(stencil().verify(*stepped<double>(100, 37, Step::south_two_rows_down)).ok);
}

TEST(StencilVerification, AnEdgePointNobodyWroteFails) {
  auto p = stepped<float>(100, 37, Step::reordered_and_fused);
  auto& v = static_cast<StencilProblem<float>&>(*p).view;
  v.out[20 * 100 + 99] = std::numeric_limits<float>::quiet_NaN();
  const Verdict verdict = stencil().verify(*p);
  EXPECT_FALSE(verdict.ok);
  EXPECT_NE(verdict.detail.find("(99, 20)"), std::string::npos) << verdict.detail;
}

}  // namespace
}  // namespace flynn
