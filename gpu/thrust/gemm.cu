#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform.h>

#include "common/kernels/gemm.hpp"
#include "gpu/thrust/policy.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// The plain per-element transform: element (i, j) of C is row i of A times column j of B, every
// value read from global memory (through the caches) for every element it serves, with no tiles in
// shared memory or registers. Neighbouring threads take neighbouring columns, so B's reads are
// coalesced and A's are broadcasts. The cuda backend's tiles and cuBLAS are what that costs.
template <class T>
struct Element {
  GemmView<T> v;
  __device__ T operator()(std::size_t e) const {
    const std::size_t n = v.n, i = e / n, j = e % n;
    T s = 0;
    for (std::size_t k = 0; k < n; ++k) s += v.a[i * n + k] * v.b[k * n + j];
    return s;
  }
};

template <class T>
void launch(const GemmView<T>& v, const Scratch&, cudaStream_t s) {
  const thrust::counting_iterator<std::size_t> first(0);
  thrust_call("thrust::transform", [&] { thrust::transform(on(s), first, first + v.n * v.n, v.c, Element<T>{v}); });
}
const ImplementationRegistration registration{"gemm", "thrust",
                                              view_factory<GemmProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
