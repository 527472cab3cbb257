#include <cub/block/block_load.cuh>
#include <cub/block/block_reduce.cuh>
#include <cub/block/block_scan.cuh>
#include <cub/block/block_store.cuh>

#include "common/kernels/scan.hpp"
#include "gpu/cuda/launch.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// Reduce, then scan: three launches, as the CPU's workers do it with tiles for workers. Each block
// of 256 threads sums a tile of 2048 values; one block turns the tiles' sums into carries; each
// block then scans its tile from its carry, CUB's block primitives doing the sums within a block
// (loads and stores through shared memory, so that a warp touches whole lines). The input is read
// twice: against Thrust's single pass (CUB's decoupled look-back, each tile waiting only for the
// tiles before it to publish their sums) that is the difference this pair of rows shows.
constexpr int threads = 256, items = 8;
constexpr std::size_t tile = threads * items;

std::size_t tiles_of(std::size_t n) { return (n + tile - 1) / tile; }

// Where the tiles' sums, then their carries, are kept: one double a tile.
std::size_t scratch_bytes(const Problem& p) { return tiles_of(p.extent()) * sizeof(double); }

template <class T>
__global__ void tile_sums(const T* in, std::size_t n, double* sums) {
  using Reduce = cub::BlockReduce<double, threads>;
  __shared__ typename Reduce::TempStorage temp;
  const std::size_t base = static_cast<std::size_t>(blockIdx.x) * tile;
  double sum = 0;
#pragma unroll
  for (int k = 0; k < items; ++k) {
    const std::size_t i = base + static_cast<std::size_t>(k) * threads + threadIdx.x;  // a warp reads a line
    if (i < n) sum += static_cast<double>(in[i]);
  }
  const double total = Reduce(temp).Sum(sum);
  if (threadIdx.x == 0) sums[blockIdx.x] = total;
}

// The tiles' sums into carries (the sum of every tile before each), one block walking them in
// chunks of a tile's size: count is n / 2048, a few thousand at the sizes a GPU is given.
__global__ void tile_carries(double* sums, std::size_t count) {
  using Scan = cub::BlockScan<double, threads>;
  __shared__ typename Scan::TempStorage temp;
  double carry = 0;
  for (std::size_t base = 0; base < count; base += tile) {
    double v[items];
#pragma unroll
    for (int k = 0; k < items; ++k) {
      const std::size_t i = base + static_cast<std::size_t>(threadIdx.x) * items + k;
      v[k] = i < count ? sums[i] : 0.0;
    }
    double chunk;
    Scan(temp).ExclusiveSum(v, v, chunk);
    __syncthreads();  // temp is used again by the next chunk
#pragma unroll
    for (int k = 0; k < items; ++k) {
      const std::size_t i = base + static_cast<std::size_t>(threadIdx.x) * items + k;
      if (i < count) sums[i] = v[k] + carry;
    }
    carry += chunk;
  }
}

template <class T>
__global__ void scan_tiles(const T* in, T* out, std::size_t n, const double* carries) {
  using Load = cub::BlockLoad<T, threads, items, cub::BLOCK_LOAD_WARP_TRANSPOSE>;
  using Scan = cub::BlockScan<double, threads>;
  using Store = cub::BlockStore<T, threads, items, cub::BLOCK_STORE_WARP_TRANSPOSE>;
  __shared__ union {
    typename Load::TempStorage load;
    typename Scan::TempStorage scan;
    typename Store::TempStorage store;
  } temp;
  const std::size_t base = static_cast<std::size_t>(blockIdx.x) * tile;
  const int valid = n - base < tile ? static_cast<int>(n - base) : static_cast<int>(tile);
  T values[items];
  Load(temp.load).Load(in + base, values, valid, T(0));
  double sums[items];
#pragma unroll
  for (int k = 0; k < items; ++k) sums[k] = static_cast<double>(values[k]);
  __syncthreads();
  Scan(temp.scan).InclusiveSum(sums, sums);
  const double carry = carries[blockIdx.x];
#pragma unroll
  for (int k = 0; k < items; ++k) values[k] = static_cast<T>(sums[k] + carry);
  __syncthreads();
  Store(temp.store).Store(out + base, values, valid);
}

template <class T>
void launch(const ScanView<T>& v, const Scratch& scratch, cudaStream_t s) {
  const std::size_t tiles = tiles_of(v.n);
  if (tiles > 0x7fffffffu) throw RuntimeError("a scan of more than 2^42 values is more than cuda launches");
  auto* sums = static_cast<double*>(scratch.bytes);
  const unsigned blocks = static_cast<unsigned>(tiles);
  tile_sums<<<blocks, threads, 0, s>>>(v.in, v.n, sums);
  check_launch("tile_sums");
  tile_carries<<<1, threads, 0, s>>>(sums, tiles);
  check_launch("tile_carries");
  scan_tiles<<<blocks, threads, 0, s>>>(v.in, v.out, v.n, sums);
  check_launch("scan_tiles");
}
const ImplementationRegistration registration{
    "scan", "cuda",
    view_factory<ScanProblem>(launch<float>, launch<double>,
                              {.note = "reduce, then scan: the input read twice", .scratch_bytes = scratch_bytes})};
}  // namespace
}  // namespace flynn::gpu
