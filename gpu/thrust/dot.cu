#include <thrust/functional.h>
#include <thrust/inner_product.h>

#include "gpu/stream_execution.cuh"
#include "gpu/thrust/policy.cuh"

namespace flynn::gpu {
namespace {
template <class T>
void launch(const StreamView<T>& v, const Scratch& scratch, cudaStream_t s) {
  // A double initial value and plus<double>: products rounded in T, summed in double, within
  // dot's contract. inner_product returns to the host, so the result is copied back down to
  // where the execution expects it; that 8-byte copy is part of what Thrust costs.
  double result = 0;
  thrust_call("thrust::inner_product", [&] {
    result = thrust::inner_product(on(s), v.a, v.a + v.n, v.b, 0.0, thrust::plus<double>{}, thrust::multiplies<T>{});
  });
  check(cudaMemcpyAsync(scratch.sum, &result, sizeof result, cudaMemcpyHostToDevice, s), "cudaMemcpyAsync(H2D)");
  check(cudaStreamSynchronize(s), "cudaStreamSynchronize");
}
const ImplementationRegistration registration{
    "dot", "thrust",
    stream_factory(
        launch<float>, launch<double>,
        {.waits_for_gpu = true,
         .note = "thrust::inner_product hands its sum to the host: every run waits for the GPU and copies the "
                 "sum back down (two host round trips a run, timed with it)"})};
}  // namespace
}  // namespace flynn::gpu
