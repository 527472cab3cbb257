// The stream kernels' element bodies for the SIMT backends: the hand-written CUDA launcher and
// Thrust's transform apply the same functors, so each body exists once on the GPU side.
#pragma once

namespace flynn::gpu::ops {

template <class T>
struct Copy {
  __host__ __device__ T operator()(T a) const { return a; }
};
template <class T>
struct Mul {
  T s;
  __host__ __device__ T operator()(T c) const { return s * c; }
};
template <class T>
struct Add {
  __host__ __device__ T operator()(T a, T b) const { return a + b; }
};
template <class T>
struct Triad {
  T s;
  __host__ __device__ T operator()(T b, T c) const { return b + s * c; }
};
// Rounded in T, returned as double: dot sums its terms in double (common/kernels/dot.cpp).
template <class T>
struct Product {
  __host__ __device__ double operator()(T a, T b) const { return a * b; }
};

}  // namespace flynn::gpu::ops
