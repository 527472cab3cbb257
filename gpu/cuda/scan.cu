#include <cub/block/block_load.cuh>
#include <cub/block/block_reduce.cuh>
#include <cub/block/block_scan.cuh>
#include <cub/block/block_store.cuh>

#include "common/kernels/scan.hpp"
#include "gpu/cuda/launch.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// Reduce, then scan, as the CPU's workers do it with blocks for workers: three launches. The
// tiles (2048 values: 256 threads of 8) are dealt out in contiguous runs, at most 2048 runs, one
// block each. Each block sums its run; one block turns the runs' sums into carries, in one block
// scan; each block then scans its run tile by tile from its carry, adding each tile's total as
// it goes. CUB's block primitives do the sums within a block (loads and stores through shared
// memory, so that a warp touches whole lines). The input is read twice: against Thrust's single
// pass (CUB's decoupled look-back, each tile waiting only for the tiles before it to publish their
// sums) that is the difference this pair of rows shows.
constexpr int threads = 256, items = 8;
constexpr std::size_t tile = threads * items;
constexpr std::size_t most_runs = tile;  // so that one block scans every run's sum at once

struct Runs {
  std::size_t tiles, tiles_per_run, count;
};

Runs runs_of(std::size_t n) {
  const std::size_t tiles = (n + tile - 1) / tile;
  const std::size_t per = (tiles + most_runs - 1) / most_runs;
  return {tiles, per, (tiles + per - 1) / per};
}

// Where the runs' sums, then their carries, are kept: one double a run.
std::size_t scratch_bytes(const Problem& p) { return runs_of(p.extent()).count * sizeof(double); }

template <class T>
__global__ void run_sums(const T* in, std::size_t n, Runs runs, double* sums) {
  using Reduce = cub::BlockReduce<double, threads>;
  __shared__ typename Reduce::TempStorage temp;
  const std::size_t first = static_cast<std::size_t>(blockIdx.x) * runs.tiles_per_run;
  const std::size_t last = first + runs.tiles_per_run < runs.tiles ? first + runs.tiles_per_run : runs.tiles;
  double sum = 0;
  for (std::size_t t = first; t < last; ++t)
#pragma unroll
    for (int k = 0; k < items; ++k) {
      const std::size_t i = t * tile + static_cast<std::size_t>(k) * threads + threadIdx.x;  // a warp reads a line
      if (i < n) sum += static_cast<double>(in[i]);
    }
  const double total = Reduce(temp).Sum(sum);
  if (threadIdx.x == 0) sums[blockIdx.x] = total;
}

// The runs' sums into carries (the sum of every run before each): at most 2048, one block scan.
__global__ void run_carries(double* sums, std::size_t count) {
  using Scan = cub::BlockScan<double, threads>;
  __shared__ typename Scan::TempStorage temp;
  double v[items];
#pragma unroll
  for (int k = 0; k < items; ++k) {
    const std::size_t i = static_cast<std::size_t>(threadIdx.x) * items + k;
    v[k] = i < count ? sums[i] : 0.0;
  }
  Scan(temp).ExclusiveSum(v, v);
#pragma unroll
  for (int k = 0; k < items; ++k) {
    const std::size_t i = static_cast<std::size_t>(threadIdx.x) * items + k;
    if (i < count) sums[i] = v[k];
  }
}

template <class T>
__global__ void scan_runs(const T* in, T* out, std::size_t n, Runs runs, const double* carries) {
  using Load = cub::BlockLoad<T, threads, items, cub::BLOCK_LOAD_WARP_TRANSPOSE>;
  using Scan = cub::BlockScan<double, threads>;
  using Store = cub::BlockStore<T, threads, items, cub::BLOCK_STORE_WARP_TRANSPOSE>;
  __shared__ union {
    typename Load::TempStorage load;
    typename Scan::TempStorage scan;
    typename Store::TempStorage store;
  } temp;
  const std::size_t first = static_cast<std::size_t>(blockIdx.x) * runs.tiles_per_run;
  const std::size_t last = first + runs.tiles_per_run < runs.tiles ? first + runs.tiles_per_run : runs.tiles;
  double carry = carries[blockIdx.x];
  for (std::size_t t = first; t < last; ++t) {
    const std::size_t base = t * tile;
    const int valid = n - base < tile ? static_cast<int>(n - base) : static_cast<int>(tile);
    T values[items];
    Load(temp.load).Load(in + base, values, valid, T(0));
    double sums[items];
#pragma unroll
    for (int k = 0; k < items; ++k) sums[k] = static_cast<double>(values[k]);
    __syncthreads();
    double tile_total;
    Scan(temp.scan).InclusiveSum(sums, sums, tile_total);
#pragma unroll
    for (int k = 0; k < items; ++k) values[k] = static_cast<T>(sums[k] + carry);
    carry += tile_total;
    __syncthreads();
    Store(temp.store).Store(out + base, values, valid);
    __syncthreads();  // the next tile's load reuses temp
  }
}

template <class T>
void launch(const ScanView<T>& v, const Scratch& scratch, cudaStream_t s) {
  if (v.n == 0) return;
  const Runs runs = runs_of(v.n);
  auto* sums = static_cast<double*>(scratch.bytes);
  const unsigned blocks = static_cast<unsigned>(runs.count);  // at most 2048
  run_sums<<<blocks, threads, 0, s>>>(v.in, v.n, runs, sums);
  check_launch("run_sums");
  run_carries<<<1, threads, 0, s>>>(sums, runs.count);
  check_launch("run_carries");
  scan_runs<<<blocks, threads, 0, s>>>(v.in, v.out, v.n, runs, sums);
  check_launch("scan_runs");
}
const ImplementationRegistration registration{
    "scan", "cuda",
    view_factory<ScanProblem>(launch<float>, launch<double>,
                              {.note = "reduce, then scan: the input read twice", .scratch_bytes = scratch_bytes})};
}  // namespace
}  // namespace flynn::gpu
