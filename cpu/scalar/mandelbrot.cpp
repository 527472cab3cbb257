#include "common/kernels/mandelbrot.hpp"
#include "common/range_execution.hpp"

namespace flynn {
namespace {
// One pixel at a time: each iteration waits on the one before (a chain of dependent multiplies
// and adds), which is what SIMD lanes, running many such chains at once, are measured against.
template <class T>
double mandelbrot(Problem& p, std::size_t row_begin, std::size_t row_end, const Worker&) {
  const auto& v = static_cast<MandelbrotProblem<T>&>(p).view;
  for (std::size_t y = row_begin; y < row_end; ++y) {
    const T ci = v.y0 + static_cast<T>(y) * v.dy;
    for (std::size_t x = 0; x < v.width; ++x) {
      const T cr = v.x0 + static_cast<T>(x) * v.dx;
      T zr = 0, zi = 0;
      int k = 0;
      for (; k < v.max_iterations; ++k) {
        const T zr2 = zr * zr, zi2 = zi * zi;
        if (zr2 + zi2 > T(4)) break;
        zi = (zr + zr) * zi + ci;
        zr = zr2 - zi2 + cr;
      }
      v.counts[y * v.width + x] = k;
    }
  }
  return 0;
}
const ImplementationRegistration registration{"mandelbrot", "scalar",
                                              range_factory({mandelbrot<float>, mandelbrot<double>})};
}  // namespace
}  // namespace flynn
