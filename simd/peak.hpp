// The SIMD compute ceiling probe (common/peak.hpp): twelve independent chains of batch
// multiply-adds, enough to cover the FMA latency on every pipe of current cores. Compiled per
// instruction set with -ffp-contract=fast, so `a * x + y` is one FMA where the set has it.
#pragma once
#include "simd/compat.hpp"

namespace flynn::simd {

template <class Arch, class T>
struct PeakProbe {
  static constexpr int chains = 12;
  static constexpr double flops_per_iteration = 2.0 * chains * xsimd::batch<T, Arch>::size;

  static double run(std::size_t iterations) {
    using B = xsimd::batch<T, Arch>;
    // Converges to y / (1 - x) = 0.1: no overflow, no subnormals, whatever the count.
    const B x(T(0.999)), y(T(1e-4));
    B acc[chains];
    for (int k = 0; k < chains; ++k) acc[k] = B(T(1) + T(k) * T(0.01));
    for (std::size_t i = 0; i < iterations; ++i)
      for (int k = 0; k < chains; ++k) acc[k] = acc[k] * x + y;
    B sum = acc[0];
    for (int k = 1; k < chains; ++k) sum = sum + acc[k];
    return static_cast<double>(reduce_sum(sum));
  }
};

}  // namespace flynn::simd
