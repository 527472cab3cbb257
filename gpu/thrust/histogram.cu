#include <cub/device/device_histogram.cuh>

#include <cstdint>

#include "common/kernels/histogram.hpp"
#include "gpu/thrust/policy.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// Thrust has no histogram; CUB, the library beneath it, has: 256 equal bins over [0, 1), binned
// as every backend bins (the value times 256, truncated: exact, 256 being a power of two). CUB
// asks for temporary storage, which the execution allocates once, before any timing
// (LaunchTraits::scratch_bytes), and zeroes the counts itself.
template <class T>
cudaError_t histogram_even(void* temporary, std::size_t& bytes, const HistogramView<T>& v, cudaStream_t s) {
  return cub::DeviceHistogram::HistogramEven(
      temporary, bytes, v.values, reinterpret_cast<unsigned long long*>(v.counts),
      static_cast<int>(HistogramBins::count + 1), T(0), T(1), static_cast<std::int64_t>(v.n), s);
}

template <class T>
std::size_t temporary_bytes(std::size_t n) {
  std::size_t bytes = 0;
  check(histogram_even<T>(nullptr, bytes, HistogramView<T>{nullptr, nullptr, n}, nullptr),
        "cub::DeviceHistogram::HistogramEven (its temporary storage's size)");
  return bytes;
}

std::size_t scratch_bytes(const Problem& p) {
  return p.precision() == Precision::f32 ? temporary_bytes<float>(p.extent()) : temporary_bytes<double>(p.extent());
}

template <class T>
void launch(const HistogramView<T>& v, const Scratch& scratch, cudaStream_t s) {
  std::size_t bytes = scratch.size;
  check(histogram_even(scratch.bytes, bytes, v, s), "cub::DeviceHistogram::HistogramEven");
  check_launch("cub::DeviceHistogram::HistogramEven");
}
const ImplementationRegistration registration{
    "histogram", "thrust",
    view_factory<HistogramProblem>(
        launch<float>, launch<double>,
        {.note = "CUB's DeviceHistogram (Thrust has none)", .scratch_bytes = scratch_bytes})};
}  // namespace
}  // namespace flynn::gpu
