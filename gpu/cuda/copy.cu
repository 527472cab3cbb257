#include "gpu/cuda/launch.cuh"
#include "gpu/stream_execution.cuh"

namespace flynn::gpu {
namespace {
template <class T>
struct Copy {
  __device__ T operator()(T a) const { return a; }
};
template <class T>
void launch(const StreamView<T>& v, double*, cudaStream_t s) {
  map(s, v.c, v.n, Copy<T>{}, v.a);
}
const ImplementationRegistration registration{"copy", "cuda", stream_factory(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
