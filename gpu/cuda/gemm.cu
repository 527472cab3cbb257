#include "common/kernels/gemm.hpp"
#include "gpu/cuda/launch.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// The textbook tiled product: a block of 16 x 16 threads computes a 64 x 64 tile of C, each
// thread 4 x 4 of it in registers. For each step of 16 along k the block loads a 64 x 16 slice of
// A and a 16 x 64 slice of B into shared memory once (coalesced, zeros past the matrices' edges),
// and every thread reads its 4 + 4 values from there for 16 FMAs: each element loaded from global
// memory serves 64 FMAs. Thread (x, y) owns rows y, y + 16, ... and columns x, x + 16, ..., so a
// warp's shared-memory reads are broadcasts or fall in distinct banks, and its stores to C are
// coalesced. cuBLAS (the cublas backend) is the ceiling it is measured against.
constexpr int side = 16, per_thread = 4, tile = side * per_thread, depth = 16;

template <class T>
__global__ void __launch_bounds__(side* side) gemm_kernel(GemmView<T> v) {
  // A's slice is held transposed ([k][row]) so a thread's four rows at one k are one bank apart;
  // one column of padding keeps the transposing stores free of bank conflicts.
  __shared__ T as[depth][tile + 1];
  __shared__ T bs[depth][tile];
  const std::size_t n = v.n, row0 = static_cast<std::size_t>(blockIdx.y) * tile,
                    col0 = static_cast<std::size_t>(blockIdx.x) * tile;
  const int x = threadIdx.x, y = threadIdx.y, me = y * side + x;
  T acc[per_thread][per_thread] = {};
  for (std::size_t k0 = 0; k0 < n; k0 += depth) {
#pragma unroll
    for (int s = 0; s < tile * depth / (side * side); ++s) {
      const int e = me + s * side * side;
      const int ar = e / depth, ak = e % depth, bk = e / tile, bc = e % tile;
      const std::size_t gi = row0 + ar, ka = k0 + ak, kb = k0 + bk, gj = col0 + bc;
      as[ak][ar] = gi < n && ka < n ? v.a[gi * n + ka] : T(0);
      bs[bk][bc] = kb < n && gj < n ? v.b[kb * n + gj] : T(0);
    }
    __syncthreads();
#pragma unroll
    for (int k = 0; k < depth; ++k) {
      T a[per_thread], b[per_thread];
#pragma unroll
      for (int p = 0; p < per_thread; ++p) {
        a[p] = as[k][y + p * side];
        b[p] = bs[k][x + p * side];
      }
#pragma unroll
      for (int p = 0; p < per_thread; ++p)
#pragma unroll
        for (int q = 0; q < per_thread; ++q) acc[p][q] += a[p] * b[q];
    }
    __syncthreads();
  }
#pragma unroll
  for (int p = 0; p < per_thread; ++p)
#pragma unroll
    for (int q = 0; q < per_thread; ++q) {
      const std::size_t i = row0 + y + p * side, j = col0 + x + q * side;
      if (i < n && j < n) v.c[i * n + j] = acc[p][q];
    }
}

template <class T>
void launch(const GemmView<T>& v, const Scratch&, cudaStream_t s) {
  const unsigned tiles = static_cast<unsigned>((v.n + tile - 1) / tile);  // n <= 2^14 (GemmSpec): 256 at most
  gemm_kernel<<<dim3(tiles, tiles), dim3(side, side), 0, s>>>(v);
  check_launch("gemm_kernel");
}
const ImplementationRegistration registration{"gemm", "cuda", view_factory<GemmProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
