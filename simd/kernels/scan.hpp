#pragma once
#include <array>
#include <cstdint>
#include <type_traits>

#include "common/kernels/scan.hpp"
#include "common/worker.hpp"
#include "simd/compat.hpp"
#include "simd/loops.hpp"
#include "simd/streaming_store.hpp"

namespace flynn::simd::kernels {
// A batch of doubles at a time (float values widened as they load, the sums narrowed as they
// store: the running sum is carried in double, scan.hpp). Within a batch, prefix sums in log2(lanes)
// steps, each adding the batch to itself moved up s lanes (s = 1, 2, 4, ...; Hillis and Steele);
// across batches a carry in every lane, to which each batch's total is added. The carry's chain
// is one addition a batch: the total is read off the batch's own prefix, not off the carried sums.
struct scan {
  // Lane i reads lane i - s (lanes below s read lane 0, and are then zeroed), or the last lane.
  template <class Arch, std::size_t s>
  struct Back {
    static constexpr std::uint64_t get(std::size_t i, std::size_t) { return i >= s ? i - s : 0; }
  };
  template <class Arch>
  struct Last {
    static constexpr std::uint64_t get(std::size_t, std::size_t lanes) { return lanes - 1; }
  };

  template <class Arch, std::size_t s = 1>
  static xsimd::batch<double, Arch> prefix(const xsimd::batch<double, Arch>& x) {
    using D = xsimd::batch<double, Arch>;
    if constexpr (s >= D::size) {
      return x;
    } else {
      constexpr auto kept = [] {
        std::array<double, D::size> k{};
        for (std::size_t i = 0; i < D::size; ++i) k[i] = i >= s ? 1.0 : 0.0;
        return k;
      }();
      const D moved = xsimd::swizzle(x, lane_indices_64<Arch, Back<Arch, s>>()) * D::load_unaligned(kept.data());
      return prefix<Arch, 2 * s>(x + moved);
    }
  }

  template <class Arch, class T>
  static double run(Problem& p, std::size_t begin, std::size_t end, const Worker& w) {
    using D = xsimd::batch<double, Arch>;
    constexpr std::size_t lanes = D::size;
    const auto& v = static_cast<ScanProblem<T>&>(p).view;
    std::size_t i = begin;
    if (w.phase == Phase::summarize) {  // the range's sum, two accumulators to hide the add's latency
      D a0(0.0), a1(0.0);
      for (; i + 2 * lanes <= end; i += 2 * lanes) {
        a0 += D::load_unaligned(v.in + i);
        a1 += D::load_unaligned(v.in + i + lanes);
      }
      double sum = reduce_sum(a0 + a1);
      for (; i < end; ++i) sum += v.in[i];
      carry_of(w.partial) = sum;
      return 0;
    }
    double running = carry_of(w.partial);
    auto one_at_a_time = [&](std::size_t stop) {
      for (; i < stop; ++i) {
        running += v.in[i];
        v.out[i] = static_cast<T>(running);
      }
    };
    // Where the output cannot stay in the last-level cache, its stores stream past it (as map's
    // do), from the first index whose batch of sums, narrowed to T, starts on its own width.
    const bool streaming = should_stream(v.n * sizeof(T));
    if (streaming)
      while (i < end && reinterpret_cast<std::uintptr_t>(v.out + i) % (lanes * sizeof(T)) != 0) one_at_a_time(i + 1);
    D carry(running);
    for (; i + lanes <= end; i += lanes) {
      const D sums = prefix<Arch>(D::load_unaligned(v.in + i));
      store_sums(v.out + i, sums + carry, streaming);
      carry += xsimd::swizzle(sums, lane_indices_64<Arch, Last<Arch>>());
    }
    if (streaming) streaming_fence<Arch>();
    running = carry.get(0);
    one_at_a_time(end);
    return 0;
  }

  template <class Arch, class T>
  static void store_sums(T* out, const xsimd::batch<double, Arch>& sums, bool streaming) {
    if (!streaming)
      sums.store_unaligned(out);  // narrowed to T where T is float
    else if constexpr (std::is_same_v<T, double>)
      store_streaming<Arch>(out, sums);
    else
      store_streaming_narrowed<Arch>(out, sums);
  }
};
}  // namespace flynn::simd::kernels
