// The SIMT compute ceiling: every thread of two full waves of blocks runs independent fused
// multiply-add chains in registers, timed with CUDA events. Its GFLOP/s is the most a compute-bound kernel can
// reach on the device with plain FMA instructions (tensor cores are a different ceiling and are
// not counted), measured rather than taken from a data sheet, so clocks and power limits show.
#include <algorithm>

#include "common/peak.hpp"
#include "gpu/device.cuh"
#include "gpu/peak.cuh"

namespace flynn::gpu {
namespace {

constexpr int chains = 8;  // independent FMAs in flight per thread: covers the FMA latency
constexpr int rounds_per_trip =
    64;  // 512 FMAs per trip of the loop, so its count and branch take under 1% of the issue slots
constexpr int threads_per_block = 256;

template <class T>
__global__ void fma_chains(T* __restrict__ sink, unsigned trips, T x, T y) {
  const std::size_t id = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  T acc[chains];
#pragma unroll
  for (int k = 0; k < chains; ++k) acc[k] = T(1) + T(k) * T(0.01) + T(threadIdx.x) * T(1e-6);
    // (An unroll of 16 rounds, 128 FMAs a trip, left 5 integer and branch instructions in every
    // 133 and read the FP32 peak about 4% low.)
#pragma unroll 1
  for (unsigned t = 0; t < trips; ++t)
#pragma unroll
    for (int r = 0; r < rounds_per_trip; ++r)
#pragma unroll
      for (int k = 0; k < chains; ++k) acc[k] = fma(acc[k], x, y);
  T sum = 0;
#pragma unroll
  for (int k = 0; k < chains; ++k) sum += acc[k];
  sink[id] = sum;  // every chain feeds a store, so none can be dropped
}

template <class T>
double measure(std::size_t first_iterations) {
  int device = 0, threads_per_sm = 0;
  check(cudaGetDevice(&device), "cudaGetDevice");
  check(cudaDeviceGetAttribute(&threads_per_sm, cudaDevAttrMaxThreadsPerMultiProcessor, device),
        "cudaDeviceGetAttribute(threads per SM)");
  // Two waves' worth of blocks, so an SM never idles while another finishes its last block.
  const unsigned blocks =
      2u * static_cast<unsigned>(sm_count()) * static_cast<unsigned>(threads_per_sm / threads_per_block);
  const std::size_t threads = static_cast<std::size_t>(blocks) * threads_per_block;
  DeviceBuffer<T> sink(threads);
  Stream stream;
  Event start, stop;
  auto run = [&](std::size_t iterations) {
    const unsigned trips = static_cast<unsigned>(std::max<std::size_t>(1, iterations / rounds_per_trip));
    start.record(stream);
    fma_chains<T><<<blocks, threads_per_block, 0, stream.get()>>>(sink.get(), trips, T(0.999), T(1e-4));
    check_launch("fma_chains");
    stop.record(stream);
    const double fmas = static_cast<double>(trips) * rounds_per_trip * chains * static_cast<double>(threads);
    return ProbeRun{stop.seconds_since(start), 2.0 * fmas};
  };
  return best_gflops(run, first_iterations, std::size_t{1} << 30);
}

}  // namespace

double peak_gflops(Precision p) {
  if (!device_availability().ok) return 0;
  if (p == Precision::f32) {
    static const double f32 = measure<float>(1 << 10);
    return f32;
  }
  static const double f64 = measure<double>(1 << 10);
  return f64;
}

}  // namespace flynn::gpu
