#include "gpu/cuda/launch.cuh"
#include "gpu/stream_execution.cuh"
#include "gpu/stream_ops.cuh"

namespace flynn::gpu {
namespace {
template <class T>
void launch(const StreamView<T>& v, const Scratch&, cudaStream_t s) {
  map(s, v.a, v.n, ops::Triad<T>{v.scalar}, v.b, v.c);
}
const ImplementationRegistration registration{"triad", "cuda", stream_factory(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
