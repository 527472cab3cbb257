#include "gpu/cuda/launch.cuh"

namespace flynn::gpu {

__global__ void sum_partials_kernel(const double* __restrict__ partials, unsigned count, double* __restrict__ out) {
  double acc = 0;
  for (unsigned i = threadIdx.x; i < count; i += blockDim.x) acc += partials[i];
  using Reduce = cub::BlockReduce<double, block_size>;
  __shared__ typename Reduce::TempStorage scratch;
  const double total = Reduce(scratch).Sum(acc);
  if (threadIdx.x == 0) *out = total;
}

std::size_t fold_scratch_bytes(const Problem&) {
  return static_cast<std::size_t>(sm_count()) * (2048 / block_size) * sizeof(double);
}

}  // namespace flynn::gpu
