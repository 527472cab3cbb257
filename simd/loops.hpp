// The two loop shapes every stream kernel is made of, written once with their tails: map
// (out[i] = op(in[i]...)) and fold (acc = op(acc, in[i]...), summed). Kernel bodies are generic
// lambdas that work on a batch and on a single element alike, so the tail runs the same code.
//
// These files are compiled once per instruction set. Everything in them is a template on Arch
// (or local to one), so no two instruction sets ever share a symbol the linker could mix up;
// bodies use plain operators, which -ffp-contract=fast turns into FMAs where the ISA has them.
#pragma once
#include <cstddef>
#include <cstdint>

#include "simd/compat.hpp"
#include "simd/streaming_store.hpp"

namespace flynn::simd {

// Where the whole output array (n elements, not only this call's range) cannot stay in the
// last-level cache anyway, the vector stores bypass it (streaming_store.hpp).
bool should_stream(std::size_t output_bytes);

template <class Arch, class T, class Op, class... In>
void map(T* out, std::size_t n, std::size_t begin, std::size_t end, Op op, const In*... in) {
  using B = xsimd::batch<T, Arch>;
  constexpr std::size_t lanes = B::size;
  std::size_t i = begin;
  // Peel until the output is aligned, so every vector store is an aligned one.
  while (i < end && reinterpret_cast<std::uintptr_t>(out + i) % Arch::alignment() != 0) {
    out[i] = op(in[i]...);
    ++i;
  }
  // Streaming stores save the read-for-ownership of lines the loop only writes. An array updated
  // in place was just read, so its lines are in the cache already, and a non-temporal store to a
  // cached line only evicts it: plain stores there.
  const bool in_place = ((static_cast<const void*>(in) == static_cast<const void*>(out)) || ...);
  if (!in_place && should_stream(n * sizeof(T))) {
    for (; i + lanes <= end; i += lanes) store_streaming<Arch>(out + i, op(B::load_unaligned(in + i)...));
    streaming_fence<Arch>();
  } else {
    for (; i + lanes <= end; i += lanes) op(B::load_unaligned(in + i)...).store_aligned(out + i);
  }
  for (; i < end; ++i) out[i] = op(in[i]...);
}

// Sums op(acc, in[i]...) over [begin, end). Four independent accumulators hide the FMA latency;
// partial sums in T cover at most `block` elements before they are added into a double
// (common/kernels/dot.cpp states that contract; block must be a multiple of 4 batches).
template <class Arch, class T, std::size_t block, class Op, class... In>
double fold(std::size_t begin, std::size_t end, Op op, const In*... in) {
  using B = xsimd::batch<T, Arch>;
  constexpr std::size_t step = 4 * B::size;
  static_assert(block % step == 0, "a block must hold whole unrolled steps");
  double total = 0;
  std::size_t i = begin;
  while (i < end) {
    const std::size_t stop = end - i < block ? end : i + block;
    B acc0(T(0)), acc1(T(0)), acc2(T(0)), acc3(T(0));
    for (; i + step <= stop; i += step) {
      acc0 = op(acc0, B::load_unaligned(in + i)...);
      acc1 = op(acc1, B::load_unaligned(in + i + B::size)...);
      acc2 = op(acc2, B::load_unaligned(in + i + 2 * B::size)...);
      acc3 = op(acc3, B::load_unaligned(in + i + 3 * B::size)...);
    }
    T partial = reduce_sum((acc0 + acc1) + (acc2 + acc3));
    for (; i < stop; ++i) partial = op(partial, in[i]...);
    total += partial;
  }
  return total;
}

}  // namespace flynn::simd
