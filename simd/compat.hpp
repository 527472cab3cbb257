// The differences between xsimd 8.1 (Debian 12) and 11+ (newer distributions), in one place.
#pragma once
#include <xsimd/xsimd.hpp>

namespace flynn::simd {

template <class T, class A>
T reduce_sum(const xsimd::batch<T, A>& x) {
#if XSIMD_VERSION_MAJOR >= 11
  return xsimd::reduce_add(x);
#else
  return xsimd::hadd(x);
#endif
}

}  // namespace flynn::simd
