#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform.h>

#include "common/kernels/stencil.hpp"
#include "gpu/thrust/policy.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// A point's index to its value: Thrust's transform over the indices, each thread loading all five
// of its values (the caches, not the code, share them between neighbours).
template <class T>
struct Point {
  StencilView<T> v;
  __device__ T operator()(std::size_t i) const { return heat_step_at(v, i); }
};

template <class T>
void launch(const StencilView<T>& v, const Scratch&, cudaStream_t s) {
  const thrust::counting_iterator<std::size_t> first(0);
  thrust_call("thrust::transform",
              [&] { thrust::transform(on(s), first, first + v.width * v.height, v.out, Point<T>{v}); });
}
const ImplementationRegistration registration{"stencil", "thrust",
                                              view_factory<StencilProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
