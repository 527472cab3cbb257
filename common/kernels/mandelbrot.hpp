// mandelbrot's data: escape-time counts on a width x height grid over a fixed region of the
// complex plane. Every backend computes, for pixel (x, y) with c = (x0 + x dx) + i (y0 + y dy):
//
//   zr = zi = 0; k = 0
//   while k < max_iterations:
//     zr2 = zr * zr; zi2 = zi * zi
//     if zr2 + zi2 > 4: stop
//     zi = (zr + zr) * zi + ci; zr = zr2 - zi2 + cr; k = k + 1
//   counts[y * width + x] = k
//
// in the problem's precision: k iterations of 8 flops each (2 squares, the norm's sum, the
// doubling, a product and 3 sums). Rows cost very different amounts (Problem::uneven).
#pragma once
#include <cstdint>

#include "common/aligned_buffer.hpp"
#include "common/extents.hpp"
#include "common/problem.hpp"

namespace flynn {

// What a kernel body sees; a bare aggregate (see common/stream/stream_view.hpp for why).
template <class T>
struct MandelbrotView {
  std::int32_t* counts;  // row-major, width x height
  std::size_t width, height;
  T x0, y0, dx, dy;
  int max_iterations;
};

// The view with its array moved (a GPU backend's device copy: gpu/view_execution.cuh).
template <class T, class F>
MandelbrotView<T> relocate(MandelbrotView<T> v, F&& f) {
  v.counts = f(v.counts);
  return v;
}

#ifdef __CUDACC__
// Pixel i's count on a GPU: the cuda backend's kernel and Thrust's transform run this same code.
// (The reference and the CPU backends each write the loop themselves: a reference sharing a
// backend's code could not catch its mistakes, and the scalar and SIMD files are compiled apart.)
template <class T>
__device__ std::int32_t escape_count(const MandelbrotView<T>& v, std::size_t i) {
  const std::size_t x = i % v.width, y = i / v.width;
  const T cr = v.x0 + static_cast<T>(x) * v.dx, ci = v.y0 + static_cast<T>(y) * v.dy;
  T zr = 0, zi = 0;
  int k = 0;
  for (; k < v.max_iterations; ++k) {
    const T zr2 = zr * zr, zi2 = zi * zi;
    if (zr2 + zi2 > T(4)) break;
    zi = (zr + zr) * zi + ci;
    zr = zr2 - zi2 + cr;
  }
  return k;
}
#endif

// The region every run draws: the whole set, a little wider than tall.
struct MandelbrotRegion {
  static constexpr double x_min = -2.25, x_max = 0.75, y_min = -1.25, y_max = 1.25;
  static constexpr int max_iterations = 256;
  static constexpr double flops_per_iteration = 8;
};

template <class T>
class MandelbrotProblem final : public Problem {
 public:
  explicit MandelbrotProblem(const Extents& e)
      : counts_(e.count()),
        view{counts_.data(),
             e.width,
             e.height,
             static_cast<T>(MandelbrotRegion::x_min),
             static_cast<T>(MandelbrotRegion::y_min),
             static_cast<T>((MandelbrotRegion::x_max - MandelbrotRegion::x_min) / static_cast<double>(e.width)),
             static_cast<T>((MandelbrotRegion::y_max - MandelbrotRegion::y_min) / static_cast<double>(e.height)),
             MandelbrotRegion::max_iterations} {}
  Precision precision() const override { return precision_of<T>(); }
  std::size_t extent() const override { return view.height; }  // backends split rows
  bool uneven() const override { return true; }
  std::vector<BufferRef> buffers() override {
    return {{counts_.data(), counts_.size() * sizeof(std::int32_t), BufferRef::Role::output}};
  }

 private:
  AlignedBuffer<std::int32_t> counts_;

 public:
  MandelbrotView<T> view;
};

}  // namespace flynn
