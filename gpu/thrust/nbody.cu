#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/transform.h>
#include <thrust/tuple.h>

#include "common/kernels/nbody.hpp"
#include "gpu/thrust/policy.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// The plain per-body transform: each thread reads every other body from global memory (through
// the caches), with no tiling in shared memory; the cuda backend's tiled kernel is what that costs.
template <class T>
struct Accelerate {
  NbodyView<T> v;
  __device__ thrust::tuple<T, T, T> operator()(std::size_t i) const {
    const T xi = v.x[i], yi = v.y[i], zi = v.z[i];
    T ax = 0, ay = 0, az = 0;
    for (std::size_t j = 0; j < v.n; ++j)
      interact(xi, yi, zi, v.x[j], v.y[j], v.z[j], v.mass[j], v.softening2, ax, ay, az);
    return {ax, ay, az};
  }
};

template <class T>
void launch(const NbodyView<T>& v, const Scratch&, cudaStream_t s) {
  const thrust::counting_iterator<std::size_t> first(0);
  const auto out = thrust::make_zip_iterator(v.ax, v.ay, v.az);
  thrust_call("thrust::transform", [&] { thrust::transform(on(s), first, first + v.n, out, Accelerate<T>{v}); });
}
const ImplementationRegistration registration{"nbody", "thrust",
                                              view_factory<NbodyProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
