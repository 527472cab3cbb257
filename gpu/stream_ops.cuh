// The stream kernels' element bodies for the SIMT backends: the hand-written CUDA launcher and
// Thrust's transform apply the same functors, so each body exists once on the GPU side.
#pragma once
#include <cuda/functional>

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
template <class T>
struct Nstream {
  T s;
  __host__ __device__ T operator()(T a, T b, T c) const { return a + (b + s * c); }
};
// Rounded in T, returned as double: dot sums its terms in double (common/kernels/dot.cpp).
template <class T>
struct Product {
  __host__ __device__ double operator()(T a, T b) const { return a * b; }
};

}  // namespace flynn::gpu::ops

// None of the bodies takes its arguments' addresses, so CUB's transform may hand them copies it
// staged in shared memory (its bulk-copy path on Hopper) instead of reading them in place; without
// this Thrust must assume they do and takes its slower prefetching path, while thrust::plus, which
// CCCL marks itself, gets the fast one: add and triad would not be timed like for like.
template <class T>
struct cuda::proclaims_copyable_arguments<flynn::gpu::ops::Copy<T>> : cuda::std::true_type {};
template <class T>
struct cuda::proclaims_copyable_arguments<flynn::gpu::ops::Mul<T>> : cuda::std::true_type {};
template <class T>
struct cuda::proclaims_copyable_arguments<flynn::gpu::ops::Add<T>> : cuda::std::true_type {};
template <class T>
struct cuda::proclaims_copyable_arguments<flynn::gpu::ops::Triad<T>> : cuda::std::true_type {};
template <class T>
struct cuda::proclaims_copyable_arguments<flynn::gpu::ops::Nstream<T>> : cuda::std::true_type {};
template <class T>
struct cuda::proclaims_copyable_arguments<flynn::gpu::ops::Product<T>> : cuda::std::true_type {};
static_assert(cuda::proclaims_copyable_arguments<flynn::gpu::ops::Triad<float>>::value,
              "CUB must see the proclamation");
