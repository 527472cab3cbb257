#include "common/kernels/nbody.hpp"
#include "gpu/cuda/launch.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
template <class T>
struct alignas(4 * sizeof(T)) Body {
  T x, y, z, m;
};

// One thread per body i. A block loads a tile of block_size bodies j into shared memory once,
// and every thread of it reads them from there (one 16- or 32-byte broadcast an interaction), so
// global memory sees each body once per block instead of once per thread: the difference between
// this and Thrust's plain transform is the lesson. Past the last body, a tile holds massless
// bodies at the origin, which add nothing, so the inner loop always runs a whole tile.
template <class T>
__global__ void nbody_kernel(NbodyView<T> v) {
  __shared__ Body<T> tile[block_size];
  const std::size_t i = this_thread();
  const bool mine = i < v.n;
  const T xi = mine ? v.x[i] : T(0), yi = mine ? v.y[i] : T(0), zi = mine ? v.z[i] : T(0);
  T ax = 0, ay = 0, az = 0;
  for (std::size_t first = 0; first < v.n; first += block_size) {
    const std::size_t j = first + threadIdx.x;
    tile[threadIdx.x] = j < v.n ? Body<T>{v.x[j], v.y[j], v.z[j], v.mass[j]} : Body<T>{0, 0, 0, 0};
    __syncthreads();
#pragma unroll 8
    for (int k = 0; k < block_size; ++k) {
      const Body<T> b = tile[k];
      interact(xi, yi, zi, b.x, b.y, b.z, b.m, v.softening2, ax, ay, az);
    }
    __syncthreads();
  }
  if (mine) {
    v.ax[i] = ax;
    v.ay[i] = ay;
    v.az[i] = az;
  }
}

template <class T>
void launch(const NbodyView<T>& v, const Scratch&, cudaStream_t s) {
  const std::size_t blocks = (v.n + block_size - 1) / block_size;  // n <= 2^20 (NbodySpec): 4096 at most
  nbody_kernel<<<static_cast<unsigned>(blocks), block_size, 0, s>>>(v);
  check_launch("nbody_kernel");
}
const ImplementationRegistration registration{"nbody", "cuda",
                                              view_factory<NbodyProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
