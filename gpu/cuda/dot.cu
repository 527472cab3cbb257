#include "gpu/cuda/launch.cuh"
#include "gpu/stream_execution.cuh"

namespace flynn::gpu {
namespace {
template <class T>
struct Product {
  __device__ double operator()(T a, T b) const { return a * b; }  // rounded in T, summed in double
};
template <class T>
void launch(const StreamView<T>& v, double* sum, cudaStream_t s) {
  fold(s, sum, v.n, Product<T>{}, v.a, v.b);
}
const ImplementationRegistration registration{"dot", "cuda", stream_factory(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
