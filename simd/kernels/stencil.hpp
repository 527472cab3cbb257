#pragma once
#include "common/kernels/stencil.hpp"
#include "common/worker.hpp"
#include "simd/loops.hpp"

namespace flynn::simd::kernels {
// A row at a time: its interior as one map over five shifted rows (west, east, north, south,
// here: unaligned loads of lines the caches hold, since the rows above and at y were read just
// before), its two edge points one by one. The first and last rows of the grid have no neighbour
// on one side, which the same body gets as 0. The output streams past the caches where it cannot
// stay in them (map). Blocks of columns 4 KiB wide, which keep three rows in L1 where a whole
// row does not, were tried: out of cache one core lost a fifth, the prefetchers meeting short
// runs of each row instead of long ones (docs/results.md).
struct stencil {
  template <class Arch, class T>
  static double run(Problem& p, std::size_t row_begin, std::size_t row_end, const Worker&) {
    const auto& v = static_cast<StencilProblem<T>&>(p).view;
    const std::size_t w = v.width, points = w * v.height;
    const T c0 = v.center, c1 = v.neighbour;
    auto point = [c0, c1](auto west, auto east, auto north, auto south, auto here) {
      using V = decltype(here);
      return V(c0) * here + V(c1) * ((west + east) + (north + south));
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
      if (w > 2) {
        // Points 1 .. w - 2 as map's indices 0 .. w - 3: every pointer shifted by one more, so that
        // index i reads point i + 1's values.
        const std::size_t inner = w - 2;
        if (north && south)
          map<Arch>(out + 1, points, 0, inner, point, row, row + 2, north + 1, south + 1, row + 1);
        else if (north)
          map<Arch>(
              out + 1, points, 0, inner,
              [&](auto wv, auto ev, auto nv, auto hv) { return point(wv, ev, nv, decltype(hv)(0), hv); }, row, row + 2,
              north + 1, row + 1);
        else if (south)
          map<Arch>(
              out + 1, points, 0, inner,
              [&](auto wv, auto ev, auto sv, auto hv) { return point(wv, ev, decltype(hv)(0), sv, hv); }, row, row + 2,
              south + 1, row + 1);
        else
          map<Arch>(
              out + 1, points, 0, inner,
              [&](auto wv, auto ev, auto hv) { return point(wv, ev, decltype(hv)(0), decltype(hv)(0), hv); }, row,
              row + 2, row + 1);
      }
      edge(w - 1);
    }
    return 0;
  }
};
}  // namespace flynn::simd::kernels
