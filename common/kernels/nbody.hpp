// nbody's data: n bodies (position x, y, z and mass m in; acceleration ax, ay, az out), all pairs.
// Every backend computes, for body i, in the problem's precision (the order of the sum is free):
//
//   a_i = sum over every body j of  m_j d / (|d|^2 + e^2)^(3/2),   d = p_j - p_i
//
// as dx, dy, dz = differences; r2 = dx dx + dy dy + dz dz + e^2; inv = 1 / sqrt(r2) (or CUDA's
// rsqrt); s = m_j inv inv inv; a += d s. Softening e keeps j = i (d = 0) harmless. By the usual
// convention (GPU Gems 3, ch. 31) an interaction is 20 flops.
#pragma once
#include "common/aligned_buffer.hpp"
#include "common/problem.hpp"

namespace flynn {

// What a kernel body sees; a bare aggregate (see common/stream/stream_view.hpp for why).
template <class T>
struct NbodyView {
  const T *x, *y, *z, *mass;
  T *ax, *ay, *az;
  std::size_t n;
  T softening2;  // e^2
};

template <class T, class F>
NbodyView<T> relocate(NbodyView<T> v, F&& f) {
  v.x = f(v.x);
  v.y = f(v.y);
  v.z = f(v.z);
  v.mass = f(v.mass);
  v.ax = f(v.ax);
  v.ay = f(v.ay);
  v.az = f(v.az);
  return v;
}

struct NbodyModel {
  static constexpr double softening = 0.1;  // bodies fill [-1, 1)^3: e is a twentieth of the box
  static constexpr double flops_per_interaction = 20;
};

#ifdef __CUDACC__
// One interaction on a GPU, the cuda backend's tiles and Thrust's transform alike: CUDA's rsqrt
// (within 2 ulps in float) in place of 1 / sqrt.
template <class T>
__device__ void interact(T xi, T yi, T zi, T xj, T yj, T zj, T mj, T e2, T& ax, T& ay, T& az) {
  const T dx = xj - xi, dy = yj - yi, dz = zj - zi;
  const T r2 = dx * dx + dy * dy + dz * dz + e2;
  T inv;
  if constexpr (sizeof(T) == 4)
    inv = rsqrtf(r2);
  else
    inv = rsqrt(r2);
  const T s = mj * inv * inv * inv;
  ax += dx * s;
  ay += dy * s;
  az += dz * s;
}
#endif

template <class T>
class NbodyProblem final : public Problem {
 public:
  explicit NbodyProblem(std::size_t n)
      : x_(n, 0),
        y_(n, 1),
        z_(n, 2),
        m_(n, 3),
        ax_(n, 4),
        ay_(n, 5),
        az_(n, 6),
        view{x_.data(),  y_.data(),  z_.data(),
             m_.data(),  ax_.data(), ay_.data(),
             az_.data(), n,          static_cast<T>(NbodyModel::softening * NbodyModel::softening)} {}
  Precision precision() const override { return precision_of<T>(); }
  std::size_t extent() const override { return view.n; }
  std::vector<BufferRef> buffers() override {
    const std::size_t bytes = view.n * sizeof(T);
    // Every body's acceleration reads every body: positions and masses are read whole.
    constexpr bool whole = true;
    return {{x_.data(), bytes, BufferRef::Role::input, whole}, {y_.data(), bytes, BufferRef::Role::input, whole},
            {z_.data(), bytes, BufferRef::Role::input, whole}, {m_.data(), bytes, BufferRef::Role::input, whole},
            {ax_.data(), bytes, BufferRef::Role::output},      {ay_.data(), bytes, BufferRef::Role::output},
            {az_.data(), bytes, BufferRef::Role::output}};
  }

 private:
  AlignedBuffer<T> x_, y_, z_, m_, ax_, ay_, az_;

 public:
  NbodyView<T> view;
};

}  // namespace flynn
