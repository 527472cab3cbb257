#include "common/kernels/stencil.hpp"
#include "common/range_execution.hpp"

namespace flynn {
namespace {
// Point by point along each row, the edges (a neighbour outside the grid is 0) apart from the
// interior, which reads its five values with no test.
template <class T>
double stencil(Problem& p, std::size_t row_begin, std::size_t row_end, const Worker&) {
  const auto& v = static_cast<StencilProblem<T>&>(p).view;
  const std::size_t w = v.width;
  const T c0 = v.center, c1 = v.neighbour;
  auto point = [c0, c1](T west, T east, T north, T south, T here) {
    return c0 * here + c1 * ((west + east) + (north + south));
  };
  for (std::size_t y = row_begin; y < row_end; ++y) {
    const T* row = v.in + y * w;
    const T* north = y > 0 ? row - w : nullptr;
    const T* south = y + 1 < v.height ? row + w : nullptr;
    T* out = v.out + y * w;
    auto edge = [&](std::size_t x) {
      out[x] = point(x > 0 ? row[x - 1] : T(0), x + 1 < w ? row[x + 1] : T(0), north ? north[x] : T(0),
                     south ? south[x] : T(0), row[x]);
    };
    edge(0);
    if (w == 1) continue;
    if (north && south)
      for (std::size_t x = 1; x + 1 < w; ++x) out[x] = point(row[x - 1], row[x + 1], north[x], south[x], row[x]);
    else
      for (std::size_t x = 1; x + 1 < w; ++x) edge(x);
    edge(w - 1);
  }
  return 0;
}
const ImplementationRegistration registration{"stencil", "scalar", range_factory({stencil<float>, stencil<double>})};
}  // namespace
}  // namespace flynn
