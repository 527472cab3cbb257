#include <thrust/iterator/zip_iterator.h>
#include <thrust/transform.h>
#include <thrust/zip_function.h>

#include "gpu/stream_execution.cuh"
#include "gpu/stream_ops.cuh"
#include "gpu/thrust/policy.cuh"

namespace flynn::gpu {
namespace {
// Three inputs, one of them the output: transform over the zipped arrays into a, in place
// (Thrust allows the output to be the first input exactly).
template <class T>
void launch(const StreamView<T>& v, const Scratch&, cudaStream_t s) {
  const auto first = thrust::make_zip_iterator(v.a, v.b, v.c);
  thrust_call("thrust::transform", [&] {
    thrust::transform(on(s), first, first + v.n, v.a, thrust::make_zip_function(ops::Nstream<T>{v.scalar}));
  });
}
const ImplementationRegistration registration{"nstream", "thrust", stream_factory(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
