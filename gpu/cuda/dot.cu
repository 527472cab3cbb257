#include "gpu/cuda/launch.cuh"
#include "gpu/stream_execution.cuh"
#include "gpu/stream_ops.cuh"

namespace flynn::gpu {
namespace {
template <class T>
void launch(const StreamView<T>& v, const Scratch& scratch, cudaStream_t s) {
  fold(s, scratch, v.n, ops::Product<T>{}, v.a, v.b);
}
const ImplementationRegistration registration{
    "dot", "cuda", stream_factory(launch<float>, launch<double>, {.scratch_bytes = fold_scratch_bytes})};
}  // namespace
}  // namespace flynn::gpu
