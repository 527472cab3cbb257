#include <thrust/transform.h>

#include "gpu/stream_execution.cuh"
#include "gpu/stream_ops.cuh"
#include "gpu/thrust/policy.cuh"

namespace flynn::gpu {
namespace {
template <class T>
void launch(const StreamView<T>& v, const Scratch&, cudaStream_t s) {
  thrust_call("thrust::transform",
              [&] { thrust::transform(on(s), v.b, v.b + v.n, v.c, v.a, ops::Triad<T>{v.scalar}); });
}
const ImplementationRegistration registration{"triad", "thrust", stream_factory(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
