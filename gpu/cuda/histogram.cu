#include "common/kernels/histogram.hpp"
#include "gpu/cuda/launch.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// Each block counts into bins of its own in shared memory, where an atomic add takes a few cycles
// and only the block's own threads contend; then it adds its bins to the global counts, 256 atomics
// a block instead of one a value. Values are read in 16-byte packets, as the stream kernels read.
template <class T>
__global__ void histogram_kernel(HistogramView<T> v) {
  constexpr unsigned bins = HistogramBins::count;
  __shared__ unsigned block_bins[bins];
  for (unsigned k = threadIdx.x; k < bins; k += blockDim.x) block_bins[k] = 0;
  __syncthreads();
  auto count = [&](T x) { atomicAdd(&block_bins[static_cast<unsigned>(x * static_cast<T>(bins))], 1u); };
  grid_stride(
      this_thread(), threads_in_grid(), v.n, Packet<T>::lanes,
      [&](std::size_t i) {
        const Packet<T> p = load_packet(v.values, i);
#pragma unroll
        for (int k = 0; k < Packet<T>::lanes; ++k) count(p.v[k]);
      },
      [&](std::size_t t) { count(v.values[t]); });
  __syncthreads();
  auto* counts = reinterpret_cast<unsigned long long*>(v.counts);  // std::uint64_t, for atomicAdd
  for (unsigned k = threadIdx.x; k < bins; k += blockDim.x)
    if (block_bins[k]) atomicAdd(counts + k, static_cast<unsigned long long>(block_bins[k]));
}

// A block's counts are 32-bit: it must count fewer than 2^32 values, so past a wave's worth the grid
// grows until each block has at most 2^31.
unsigned histogram_grid(std::size_t n, int lanes) {
  const std::size_t most_per_block = std::size_t{1} << 31;
  const std::size_t needed = (n + most_per_block - 1) / most_per_block;
  return static_cast<unsigned>(std::max<std::size_t>(grid_for(std::max<std::size_t>(n / lanes, 1)), needed));
}

template <class T>
void launch(const HistogramView<T>& v, const Scratch&, cudaStream_t s) {
  check(cudaMemsetAsync(v.counts, 0, HistogramBins::bytes, s), "cudaMemsetAsync(histogram counts)");
  histogram_kernel<<<histogram_grid(v.n, Packet<T>::lanes), block_size, 0, s>>>(v);
  check_launch("histogram_kernel");
}
const ImplementationRegistration registration{"histogram", "cuda",
                                              view_factory<HistogramProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
