// 1/sqrt(x) for x > 0, as fast as each ISA allows while within about 2 ulps (the bound CUDA's
// rsqrt keeps, which nbody's verification already allows for). AVX-512F has a 14-bit estimate
// (rsqrt14); each Newton step y += y (1/2 - x y^2 / 2) doubles its correct bits, so one step
// serves float and two serve double, in a few multiplies and FMAs where a square root and a
// division would occupy the divider for tens of cycles. xsimd 8.1's own rsqrt on AVX-512 needs
// AVX-512ER (Xeon Phi only), so it is not used; other ISAs divide by the square root.
#pragma once
#include <type_traits>

#include "simd/compat.hpp"

namespace flynn::simd {

template <class T, class A>
xsimd::batch<T, A> inverse_sqrt(const xsimd::batch<T, A>& x) {
  using B = xsimd::batch<T, A>;
#if defined(__AVX512F__)
  if constexpr (std::is_base_of_v<xsimd::avx512f, A>) {
    B y;
    if constexpr (std::is_same_v<T, float>)
      y = B(_mm512_rsqrt14_ps(x));
    else
      y = B(_mm512_rsqrt14_pd(x));
    const B half_x = B(T(0.5)) * x, half(T(0.5));
    constexpr int steps = std::is_same_v<T, float> ? 1 : 2;  // 14 -> 28 (float's 24) -> 56 (double's 53)
    for (int s = 0; s < steps; ++s) y = xsimd::fma(y, xsimd::fnma(half_x * y, y, half), y);
    return y;
  }
#endif
  return B(T(1)) / xsimd::sqrt(x);
}

}  // namespace flynn::simd
