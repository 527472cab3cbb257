// The cuda backend's one launcher for elementwise kernels, and its one reduction. Kernel bodies
// are small functors on single elements; the launcher applies them to 16-byte packets (float4-
// or double2-sized loads and stores, the widest a thread can issue) and does the tail.
#pragma once
#include <cub/block/block_reduce.cuh>

#include <algorithm>
#include <cstddef>
#include <type_traits>

#include "common/errors.hpp"
#include "common/problem.hpp"
#include "gpu/check.cuh"
#include "gpu/device.cuh"
#include "gpu/scratch.cuh"

namespace flynn::gpu {

inline constexpr int block_size = 256;

// One thread per work item, as many blocks as that takes (up to the grid's limit; past it the
// threads stride). For work whose cost varies from item to item: the hardware hands blocks to SMs
// as they free up, which balances it, where one wave's threads keep their share to the end.
inline unsigned grid_covering(std::size_t work_items) {
  const std::size_t blocks = (work_items + block_size - 1) / block_size;
  return static_cast<unsigned>(std::clamp<std::size_t>(blocks, 1, 0x7fffffff));
}

// One full wave: every SM holds as many 256-thread blocks as it can (2048 threads on Hopper);
// threads then stride over the data, so any n (past 2^31 too) needs no larger grid.
inline unsigned grid_for(std::size_t work_items) {
  const std::size_t wave = static_cast<std::size_t>(sm_count()) * (2048 / block_size);
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(grid_covering(work_items), wave)));
}

// The index arithmetic of every kernel here, host-callable so that a test can walk every thread
// of a grid on the CPU (tests/cuda_index_test.cu): thread `first` of `stride` takes packets first,
// first + stride, ... of the n / lanes whole packets, then at most one of the n % lanes elements
// left over, so the grid needs at least lanes - 1 threads (every grid here has 256 or more).
// 64-bit throughout: n past 2^31 is an H100's everyday size.
// (The test passes host lambdas: no device code is generated for them, so nvcc's check that a
// host-device function calls only host-device code is off here, as CCCL does for its own.)
#pragma nv_exec_check_disable
template <class OnPacket, class OnTail>
__host__ __device__ void grid_stride(std::size_t first, std::size_t stride, std::size_t n, int lanes,
                                     OnPacket on_packet, OnTail on_tail) {
  const std::size_t packets = n / static_cast<std::size_t>(lanes);
  // Unrolled so each thread issues several independent loads before it waits (arrays are
  // __restrict__). (Device code only: the host compiler knows no such pragma.)
#ifdef __CUDA_ARCH__
#pragma unroll 4
#endif
  for (std::size_t i = first; i < packets; i += stride) on_packet(i);
  const std::size_t tail = packets * static_cast<std::size_t>(lanes) + first;
  if (tail < n) on_tail(tail);
}

__device__ inline std::size_t this_thread() { return static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; }
__device__ inline std::size_t threads_in_grid() { return static_cast<std::size_t>(gridDim.x) * blockDim.x; }

template <class T>
struct Wide;  // the 16-byte vector type CUDA loads and stores in one instruction
template <>
struct Wide<float> {
  using type = float4;
};
template <>
struct Wide<double> {
  using type = double2;
};

template <class T>
struct alignas(16) Packet {
  static constexpr int lanes = 16 / sizeof(T);
  T v[lanes];
};

// Element-wise access to a packet lets nvcc split it into 4- or 8-byte loads (it did, in the PTX);
// going through the vector type makes each one a single ld.global.nc.v4.f32 / .v2.f64.
template <class T>
__device__ Packet<T> load_packet(const T* __restrict__ p, std::size_t i) {
  using W = typename Wide<T>::type;
  Packet<T> r;
  *reinterpret_cast<W*>(r.v) = __ldg(reinterpret_cast<const W*>(p) + i);
  return r;
}

template <class T>
__device__ void store_packet(T* __restrict__ p, std::size_t i, const Packet<T>& r) {
  using W = typename Wide<T>::type;
  reinterpret_cast<W*>(p)[i] = *reinterpret_cast<const W*>(r.v);
}

template <class T, class Op, class... In>
__device__ Packet<T> apply(Op op, const Packet<In>&... in) {
  Packet<T> r;
#pragma unroll
  for (int k = 0; k < Packet<T>::lanes; ++k) r.v[k] = op(in.v[k]...);
  return r;
}

template <class Op, class... In>
__device__ double fold_packet(Op op, const Packet<In>&... in) {
  double s = 0;
#pragma unroll
  for (int k = 0; k < Packet<std::common_type_t<In...>>::lanes; ++k) s += op(in.v[k]...);
  return s;
}

template <class T, class Op, class... In>
__global__ void map_kernel(T* __restrict__ out, std::size_t n, Op op, const In* __restrict__... in) {
  static_assert((std::is_same_v<T, In> && ...), "packets of all arrays must line up");
  // cudaMalloc returns 256-byte aligned memory, so packet i is aligned in every array.
  grid_stride(
      this_thread(), threads_in_grid(), n, Packet<T>::lanes,
      [&](std::size_t i) { store_packet(out, i, apply<T>(op, load_packet(in, i)...)); },
      [&](std::size_t t) { out[t] = op(in[t]...); });
}

// Elementwise: out[i] = op(in[i]...), one 16-byte load per array per packet.
template <class T, class Op, class... In>
void map(cudaStream_t s, T* out, std::size_t n, Op op, const In*... in) {
  const std::size_t packets = n / Packet<T>::lanes;
  map_kernel<<<grid_for(std::max<std::size_t>(packets, 1)), block_size, 0, s>>>(out, n, op, in...);
  check_launch("map_kernel");
}

// A packet of an array this kernel also writes: a plain load, since __ldg's read-only path may
// only serve memory that nothing writes while the kernel runs.
template <class T>
__device__ Packet<T> load_packet_written(const T* p, std::size_t i) {
  using W = typename Wide<T>::type;
  Packet<T> r;
  *reinterpret_cast<W*>(r.v) = reinterpret_cast<const W*>(p)[i];
  return r;
}

template <class T, class Op, class... In>
__global__ void update_kernel(T* __restrict__ io, std::size_t n, Op op, const In* __restrict__... in) {
  static_assert((std::is_same_v<T, In> && ...), "packets of all arrays must line up");
  grid_stride(
      this_thread(), threads_in_grid(), n, Packet<T>::lanes,
      [&](std::size_t i) { store_packet(io, i, apply<T>(op, load_packet_written(io, i), load_packet(in, i)...)); },
      [&](std::size_t t) { io[t] = op(io[t], in[t]...); });
}

// In place: io[i] = op(io[i], in[i]...), one 16-byte load per array and one store per packet.
template <class T, class Op, class... In>
void update(cudaStream_t s, T* io, std::size_t n, Op op, const In*... in) {
  const std::size_t packets = n / Packet<T>::lanes;
  update_kernel<<<grid_for(std::max<std::size_t>(packets, 1)), block_size, 0, s>>>(io, n, op, in...);
  check_launch("update_kernel");
}

// Sum of op(in[i]...) in double: each thread accumulates its elements in a double (so float
// partial sums hold one term, within dot's contract), reading 16-byte packets like map; blocks
// reduce with CUB, and a second one-block pass sums the block partials. No atomics: the result
// is the same every run.
template <class Op, class... In>
__global__ void fold_kernel(double* __restrict__ partials, std::size_t n, Op op, const In* __restrict__... in) {
  using P = Packet<std::common_type_t<In...>>;
  static_assert((std::is_same_v<std::common_type_t<In...>, In> && ...), "packets of all arrays must line up");
  double acc = 0;
  grid_stride(
      this_thread(), threads_in_grid(), n, P::lanes,
      [&](std::size_t i) { acc += fold_packet(op, load_packet(in, i)...); },
      [&](std::size_t t) { acc += op(in[t]...); });
  using Reduce = cub::BlockReduce<double, block_size>;
  __shared__ typename Reduce::TempStorage scratch;
  const double block_sum = Reduce(scratch).Sum(acc);
  if (threadIdx.x == 0) partials[blockIdx.x] = block_sum;
}

__global__ void sum_partials_kernel(const double* __restrict__ partials, unsigned count, double* __restrict__ out);

// The scratch a fold needs (LaunchTraits::scratch_bytes): one double per block of the widest grid.
std::size_t fold_scratch_bytes(const Problem&);

template <class Op, class... In>
void fold(cudaStream_t s, const Scratch& scratch, std::size_t n, Op op, const In*... in) {
  const unsigned grid = grid_for(std::max<std::size_t>(n / Packet<std::common_type_t<In...>>::lanes, 1));
  if (scratch.size < grid * sizeof(double))
    throw RuntimeError("a reduction over " + std::to_string(grid) + " blocks was given scratch for " +
                       std::to_string(scratch.size / sizeof(double)) + " (fold_scratch_bytes not asked for)");
  double* partials = static_cast<double*>(scratch.bytes);
  fold_kernel<<<grid, block_size, 0, s>>>(partials, n, op, in...);
  check_launch("fold_kernel");
  sum_partials_kernel<<<1, block_size, 0, s>>>(partials, grid, scratch.sum);
  check_launch("sum_partials_kernel");
}

}  // namespace flynn::gpu
