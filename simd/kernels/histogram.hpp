#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "common/kernels/histogram.hpp"
#include "common/worker.hpp"
#include "simd/compat.hpp"

namespace flynn::simd::kernels {
// A batch of values is binned at once (one product, one conversion); the counting is a scatter,
// which no lane can do for another, so each lane's count is one scalar increment. They go to four
// sets of bins in turn: two equal values in a row then add to different counters, and neither
// waits for the other's store. (A scatter of increments needs conflict detection between lanes,
// AVX-512's vpconflict, which xsimd does not offer: this is the part of the kernel SIMD cannot buy.)
struct histogram {
  static constexpr std::size_t sets = 4;
  // Each set counts in 32 bits, flushed into the worker's 64-bit bins at least every 2^31 values.
  static constexpr std::size_t block = std::size_t{1} << 31;

  template <class Arch, class T>
  static double run(Problem& p, std::size_t begin, std::size_t end, const Worker& w) {
    using B = xsimd::batch<T, Arch>;
    using I = xsimd::as_integer_t<T>;
    constexpr std::size_t lanes = B::size, bins = HistogramBins::count;
    const auto& v = static_cast<HistogramProblem<T>&>(p).view;
    const B scale(static_cast<T>(bins));
    alignas(Arch::alignment()) I index[lanes];
    std::uint32_t local[sets][bins];
    for (std::size_t start = begin; start < end; start += std::min(block, end - start)) {
      const std::size_t stop = start + std::min(block, end - start);
      std::memset(local, 0, sizeof local);
      std::size_t i = start;
      for (; i + lanes <= stop; i += lanes) {
        // Values in [0, 1): the products are in [0, 256), and truncation is their floor.
        xsimd::to_int(B::load_unaligned(v.values + i) * scale).store_aligned(index);
        for (std::size_t k = 0; k < lanes; ++k) ++local[k % sets][static_cast<std::size_t>(index[k])];
      }
      for (; i < stop; ++i) ++local[0][static_cast<std::size_t>(v.values[i] * static_cast<T>(bins))];
      std::uint64_t* out = HistogramBins::in(w.partial);
      for (std::size_t k = 0; k < bins; ++k)
        out[k] += std::uint64_t{local[0][k]} + local[1][k] + local[2][k] + local[3][k];
    }
    return 0;
  }
};
}  // namespace flynn::simd::kernels
