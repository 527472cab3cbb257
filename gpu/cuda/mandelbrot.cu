#include "common/kernels/mandelbrot.hpp"
#include "gpu/cuda/launch.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// One thread per pixel, neighbours in a warp: a warp iterates until its slowest pixel escapes,
// and its finished threads idle meanwhile (the divergence this kernel is here to show). Threads
// stride over the grid, so its cost spreads over every SM whatever the rows hold.
template <class T>
__global__ void mandelbrot_kernel(MandelbrotView<T> v) {
  const std::size_t pixels = v.width * v.height;
  for (std::size_t i = this_thread(); i < pixels; i += threads_in_grid()) v.counts[i] = escape_count(v, i);
}

template <class T>
void launch(const MandelbrotView<T>& v, const Scratch&, cudaStream_t s) {
  mandelbrot_kernel<<<grid_for(v.width * v.height), block_size, 0, s>>>(v);
  check_launch("mandelbrot_kernel");
}
const ImplementationRegistration registration{"mandelbrot", "cuda",
                                              view_factory<MandelbrotProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
