// Non-temporal ("streaming") vector stores: for an output far larger than the last-level cache,
// writing around the cache saves the read-for-ownership of every line, a third of triad's
// traffic. xsimd 8.1 has no such store, so this is the one place with x86 intrinsics.
#pragma once
#include <xsimd/xsimd.hpp>

#include <type_traits>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FLYNN_X86_STREAMING_STORES 1
#endif

namespace flynn::simd {

// `p` must be aligned to Arch::alignment().
template <class Arch, class T>
void store_streaming(T* p, const xsimd::batch<T, Arch>& v) {
#ifdef FLYNN_X86_STREAMING_STORES
  constexpr bool is_float = std::is_same_v<T, float>;
  if constexpr (std::is_base_of_v<xsimd::avx512f, Arch>) {
    if constexpr (is_float)
      _mm512_stream_ps(p, v);
    else
      _mm512_stream_pd(p, v);
  } else if constexpr (std::is_base_of_v<xsimd::avx, Arch>) {
    if constexpr (is_float)
      _mm256_stream_ps(p, v);
    else
      _mm256_stream_pd(p, v);
  } else if constexpr (std::is_base_of_v<xsimd::sse2, Arch>) {
    if constexpr (is_float)
      _mm_stream_ps(p, v);
    else
      _mm_stream_pd(p, v);
  } else {
    v.store_aligned(p);
  }
#else
  v.store_aligned(p);
#endif
}

// A batch of doubles rounded to float and stored past the caches (scan, whose sums are carried in
// double): half the batch's bytes, to which `p` must be aligned.
template <class Arch>
void store_streaming_narrowed(float* p, const xsimd::batch<double, Arch>& v) {
#ifdef FLYNN_X86_STREAMING_STORES
  if constexpr (std::is_base_of_v<xsimd::avx512f, Arch>) {
    _mm256_stream_ps(p, _mm512_cvtpd_ps(v));
  } else if constexpr (std::is_base_of_v<xsimd::avx, Arch>) {
    _mm_stream_ps(p, _mm256_cvtpd_ps(v));
  } else if constexpr (std::is_base_of_v<xsimd::sse2, Arch>) {
    _mm_stream_si64(reinterpret_cast<long long*>(p), _mm_cvtsi128_si64(_mm_castps_si128(_mm_cvtpd_ps(v))));
  } else {
    v.store_unaligned(p);
  }
#else
  v.store_unaligned(p);
#endif
}

// Streaming stores are weakly ordered: fence before anyone else may read what they wrote.
template <class Arch>
void streaming_fence() {
#ifdef FLYNN_X86_STREAMING_STORES
  _mm_sfence();
#endif
}

}  // namespace flynn::simd
