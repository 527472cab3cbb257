#include <algorithm>

#include "common/kernels/stencil.hpp"
#include "gpu/cuda/launch.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// A block is 32 columns by 8 threads, each thread walking down a strip of rows_per_thread rows of
// its column: north and here stay in registers from the row before, so a point loads only its
// south value (a warp's 32 neighbours: one coalesced line) and west and east, which the warp's own
// loads of the row just put in L1. Memory then sees each value about once, as the caches of a CPU
// core give the SIMD kernel.
constexpr unsigned columns = 32, strips = 8, rows_per_thread = 8;
constexpr std::size_t rows_per_block = strips * rows_per_thread;

template <class T>
__global__ void stencil_kernel(StencilView<T> v) {
  const std::size_t x = static_cast<std::size_t>(blockIdx.x) * columns + threadIdx.x, w = v.width;
  if (x >= w) return;
  const std::size_t stride = static_cast<std::size_t>(gridDim.y) * rows_per_block;
  for (std::size_t first = static_cast<std::size_t>(blockIdx.y) * rows_per_block + threadIdx.y * rows_per_thread;
       first < v.height; first += stride) {
    const std::size_t last = first + rows_per_thread < v.height ? first + rows_per_thread : v.height;
    const T* column = v.in + x;
    T north = first > 0 ? __ldg(column + (first - 1) * w) : T(0);
    T here = __ldg(column + first * w);
    for (std::size_t y = first; y < last; ++y) {
      const T* p = column + y * w;
      const T south = y + 1 < v.height ? __ldg(p + w) : T(0);
      const T west = x > 0 ? __ldg(p - 1) : T(0), east = x + 1 < w ? __ldg(p + 1) : T(0);
      v.out[y * w + x] = heat_step(v, west, east, north, south, here);
      north = here;
      here = south;
    }
  }
}

// A grid narrower than a warp: one thread a point over the flattened grid, so that no lane idles
// on a column that is not there (in columns, a 1 x 2^31 grid would use one lane in 32).
template <class T>
__global__ void stencil_points(StencilView<T> v) {
  const std::size_t points = v.width * v.height;
  for (std::size_t i = this_thread(); i < points; i += threads_in_grid()) v.out[i] = heat_step_at(v, i);
}

template <class T>
void launch(const StencilView<T>& v, const Scratch&, cudaStream_t s) {
  if (v.width < columns) {
    stencil_points<<<grid_for(v.width * v.height), block_size, 0, s>>>(v);
    check_launch("stencil_points");
    return;
  }
  // As many strips of rows as cover the grid, at most 65535 (the limit of gridDim.y): past it,
  // blocks stride down the grid.
  const std::size_t across = (v.width + columns - 1) / columns;
  const std::size_t down = std::min<std::size_t>((v.height + rows_per_block - 1) / rows_per_block, 65535);
  if (across > 0x7fffffffu) throw RuntimeError("a stencil grid wider than 2^36 points is more than cuda launches");
  stencil_kernel<<<dim3(static_cast<unsigned>(across), static_cast<unsigned>(down)), dim3(columns, strips), 0, s>>>(v);
  check_launch("stencil_kernel");
}
const ImplementationRegistration registration{"stencil", "cuda",
                                              view_factory<StencilProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
