#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform.h>

#include "common/kernels/mandelbrot.hpp"
#include "gpu/thrust/policy.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// A pixel's index to its count: Thrust's transform over the indices, with no say in how pixels
// map to threads or warps.
template <class T>
struct Pixel {
  MandelbrotView<T> v;
  __device__ std::int32_t operator()(std::size_t i) const { return escape_count(v, i); }
};

template <class T>
void launch(const MandelbrotView<T>& v, const Scratch&, cudaStream_t s) {
  const thrust::counting_iterator<std::size_t> first(0);
  thrust_call("thrust::transform",
              [&] { thrust::transform(on(s), first, first + v.width * v.height, v.counts, Pixel<T>{v}); });
}
const ImplementationRegistration registration{"mandelbrot", "thrust",
                                              view_factory<MandelbrotProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
