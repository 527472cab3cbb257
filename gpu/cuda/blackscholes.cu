#include "common/kernels/blackscholes.hpp"
#include "gpu/cuda/launch.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// One option per thread and step, threads striding over the options: each warp's loads of S, K
// and T and stores of call and put are contiguous, so the memory system sees whole lines.
template <class T>
__global__ void blackscholes_kernel(BlackScholesView<T> v) {
  for (std::size_t i = this_thread(); i < v.n; i += threads_in_grid())
    price_option(__ldg(v.price + i), __ldg(v.strike + i), __ldg(v.years + i), v.rate, v.volatility, v.call[i],
                 v.put[i]);
}

template <class T>
void launch(const BlackScholesView<T>& v, const Scratch&, cudaStream_t s) {
  blackscholes_kernel<<<grid_for(v.n), block_size, 0, s>>>(v);
  check_launch("blackscholes_kernel");
}
const ImplementationRegistration registration{"blackscholes", "cuda",
                                              view_factory<BlackScholesProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
