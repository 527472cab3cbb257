#include <thrust/copy.h>

#include "gpu/stream_execution.cuh"
#include "gpu/thrust/policy.cuh"

namespace flynn::gpu {
namespace {
template <class T>
void launch(const StreamView<T>& v, double*, cudaStream_t s) {
  thrust_call("thrust::copy", [&] { thrust::copy(on(s), v.a, v.a + v.n, v.c); });
}
const ImplementationRegistration registration{"copy", "thrust", stream_factory(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
