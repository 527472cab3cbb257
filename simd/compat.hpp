// The differences between xsimd 8.1 (Debian 12) and 11+ (newer distributions), in one place.
#pragma once
#include <xsimd/xsimd.hpp>

#include <cstdint>

namespace flynn::simd {

template <class T, class A>
T reduce_sum(const xsimd::batch<T, A>& x) {
#if XSIMD_VERSION_MAJOR >= 11
  return xsimd::reduce_add(x);
#else
  return xsimd::hadd(x);
#endif
}

// The constant lane indices swizzle takes for 64-bit lanes, lane i holding G::get(i, lanes):
// xsimd 13 names a batch_constant by element type and architecture (make_batch_constant<T, G, A>),
// earlier ones by batch type.
template <class Arch, class G>
constexpr auto lane_indices_64() {
#if XSIMD_VERSION_MAJOR >= 13
  return xsimd::make_batch_constant<std::uint64_t, G, Arch>();
#else
  return xsimd::make_batch_constant<xsimd::batch<std::uint64_t, Arch>, G>();
#endif
}

}  // namespace flynn::simd
