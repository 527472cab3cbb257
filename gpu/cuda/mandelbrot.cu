#include "common/kernels/mandelbrot.hpp"
#include "gpu/cuda/launch.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// One thread per pixel, neighbours in a warp: a warp iterates until its slowest pixel escapes,
// and its finished threads idle meanwhile (the divergence this kernel is here to show). A block
// per 256 pixels, not one wave of threads striding over the grid: that wave's stride was 66 whole
// rows at 4096x4096, so each thread kept one column, warps over the set's columns got up to 3.2
// times the mean work, and the schedulers holding them finished last (1.8x Thrust's time on an
// H200; bench/warp_schedule_model, a model of the SMs' schedulers, gives 1.65x, and 1.03x of
// perfect balance for blocks handed out as SMs free up).
template <class T>
__global__ void mandelbrot_kernel(MandelbrotView<T> v) {
  const std::size_t pixels = v.width * v.height;
  for (std::size_t i = this_thread(); i < pixels; i += threads_in_grid()) v.counts[i] = escape_count(v, i);
}

template <class T>
void launch(const MandelbrotView<T>& v, const Scratch&, cudaStream_t s) {
  mandelbrot_kernel<<<grid_covering(v.width * v.height), block_size, 0, s>>>(v);
  check_launch("mandelbrot_kernel");
}
const ImplementationRegistration registration{"mandelbrot", "cuda",
                                              view_factory<MandelbrotProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
