// stencil's data: one explicit step of the heat equation on a width x height grid, a 5-point star.
// Every backend computes, for point (x, y), in the problem's precision:
//
//   out[y][x] = c0 in[y][x] + c1 ((west + east) + (north + south))
//
// with c0 = 1/2 and c1 = 1/8 (diffusion number 1/8: in + (sum of the four - 4 in) / 8), where a
// neighbour outside the grid is 0 (a boundary held cold). The order of the four-term sum is free.
// 6 flops a point (three sums, two products, the last sum), edge points counted alike. The index
// space is the grid's rows: a worker that writes rows [begin, end) reads one row more on each side
// (BufferRef::halo), which shared-memory backends read in place and mpi's ranks trade.
#pragma once
#include "common/aligned_buffer.hpp"
#include "common/extents.hpp"
#include "common/problem.hpp"

namespace flynn {

// What a kernel body sees; a bare aggregate (see common/stream/stream_view.hpp for why).
template <class T>
struct StencilView {
  const T* in;  // row-major, width x height
  T* out;       // the same shape
  std::size_t width, height;
  T center, neighbour;  // c0 and c1
};

template <class T, class F>
StencilView<T> relocate(StencilView<T> v, F&& f) {
  v.in = f(v.in);
  v.out = f(v.out);
  return v;
}

struct StencilModel {
  // Powers of two: multiplying by them is exact, so a correct point rounds only in its sums.
  static constexpr double center = 0.5, neighbour = 0.125;
  static constexpr double flops_per_point = 6;
  static constexpr std::size_t halo_rows = 1;
};

#ifdef __CUDACC__
// One point from its five values on a GPU, the cuda backend's columns and Thrust's transform
// alike (neighbours outside the grid passed as 0).
template <class T>
__device__ T heat_step(const StencilView<T>& v, T west, T east, T north, T south, T here) {
  return v.center * here + v.neighbour * ((west + east) + (north + south));
}

// Point i of the flattened grid, loading all five of its values through the read-only cache
// (Thrust's transform, and the cuda backend's grids narrower than a warp).
template <class T>
__device__ T heat_step_at(const StencilView<T>& v, std::size_t i) {
  const std::size_t w = v.width, y = i / w, x = i - y * w;
  const T* p = v.in + i;
  return heat_step(v, x > 0 ? __ldg(p - 1) : T(0), x + 1 < w ? __ldg(p + 1) : T(0), y > 0 ? __ldg(p - w) : T(0),
                   y + 1 < v.height ? __ldg(p + w) : T(0), __ldg(p));
}
#endif

template <class T>
class StencilProblem final : public Problem {
 public:
  explicit StencilProblem(const Extents& e)
      : in_(e.count(), 0),
        out_(e.count(), 1),
        view{in_.data(),
             out_.data(),
             e.width,
             e.height,
             static_cast<T>(StencilModel::center),
             static_cast<T>(StencilModel::neighbour)} {}
  Precision precision() const override { return precision_of<T>(); }
  std::size_t extent() const override { return view.height; }  // backends split rows
  std::vector<BufferRef> buffers() override {
    const std::size_t bytes = view.width * view.height * sizeof(T);
    BufferRef in{in_.data(), bytes, BufferRef::Role::input};
    in.halo = StencilModel::halo_rows;  // row y reads rows y - 1 and y + 1
    return {in, {out_.data(), bytes, BufferRef::Role::output}};
  }

 private:
  AlignedBuffer<T> in_, out_;

 public:
  StencilView<T> view;
};

}  // namespace flynn
