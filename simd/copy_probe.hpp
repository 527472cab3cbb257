// The SIMD library's ways of copying for the memory ceiling (common/copy_reference.hpp): vector
// loads with non-temporal stores, which write around the cache and pay no read-for-ownership (the
// fastest once the arrays leave the last-level cache), or with plain vector stores (which beat
// libc's memcpy on arrays in L1 on the development VM). Compiled per instruction set like the
// kernels; the best one this CPU runs is used.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "simd/streaming_store.hpp"

namespace flynn::simd {

template <class Arch, bool streaming>
struct CopyProbe {
  static void run(char* dst, const char* src, std::size_t bytes) {
    using B = xsimd::batch<float, Arch>;
    constexpr std::size_t step = B::size * sizeof(float);
    // libc for the unaligned head and the short tail, so every vector store is an aligned one.
    // (No std::min: an inline helper built with this file's flags could serve a narrower ISA.)
    const std::size_t misaligned = reinterpret_cast<std::uintptr_t>(dst) % Arch::alignment();
    const std::size_t head = misaligned ? Arch::alignment() - misaligned : 0;
    std::size_t i = head < bytes ? head : bytes;
    std::memcpy(dst, src, i);
    for (; i + step <= bytes; i += step) {
      const B v = B::load_unaligned(reinterpret_cast<const float*>(src + i));
      if constexpr (streaming)
        store_streaming<Arch>(reinterpret_cast<float*>(dst + i), v);
      else
        v.store_aligned(reinterpret_cast<float*>(dst + i));
    }
    if constexpr (streaming) streaming_fence<Arch>();
    std::memcpy(dst + i, src + i, bytes - i);
  }
};

}  // namespace flynn::simd
