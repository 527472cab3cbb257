#pragma once
#include <algorithm>
#include <type_traits>

#include "common/kernels/gemm.hpp"
#include "common/worker.hpp"
#include "simd/compat.hpp"

namespace flynn::simd::kernels {
// The blocked product of Goto and van de Geijn ("Anatomy of high-performance matrix
// multiplication"): a panel of B, kc rows deep and nc columns wide, is copied ("packed") into this
// worker's own scratch (Worker::scratch), where it stays in L2 while every group of rows of C in this
// worker's share walks across it. Packed, each slice of it a tile reads is contiguous: read in
// place, B's rows lie n elements apart, and at n a multiple of 1024 every one of them falls in the
// same few sets of the L1 cache, which then holds 8 of the 256. Each tile keeps rows x 2 batches of
// C in registers (8 x 2 where the ISA has 32 vector registers, 4 x 2 where it has 16) and for
// every k loads 2 batches of the panel and broadcasts one element of A per row: 16 or 8 FMAs for
// 2 loads and 8 or 4 broadcasts. Columns past the panel's last whole tile are read in place.
struct gemm {
  static constexpr std::size_t batches = 2, kc = 256;
  template <class Arch>
  static constexpr std::size_t rows = std::is_base_of_v<xsimd::avx512f, Arch> ? 8 : 4;

  // A tile of R rows x NB batches of C from rows [k0, k0 + depth) of B, whose row k0 is at `b`
  // and whose rows are `ldb` apart: from zero on the first block of k, else adding to what the
  // blocks before it left in C.
  template <class B, std::size_t R, std::size_t NB, class T>
  static void tile(const T* a, const T* b, std::size_t ldb, T* c, std::size_t n, std::size_t k0, std::size_t depth) {
    constexpr std::size_t lanes = B::size;
    B acc[R][NB];
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t q = 0; q < NB; ++q) acc[r][q] = k0 ? B::load_unaligned(c + r * n + q * lanes) : B(T(0));
    for (std::size_t k = 0; k < depth; ++k) {
      B row[NB];
      for (std::size_t q = 0; q < NB; ++q) row[q] = B::load_unaligned(b + k * ldb + q * lanes);
      for (std::size_t r = 0; r < R; ++r) {
        const B ar(a[r * n + k0 + k]);
        for (std::size_t q = 0; q < NB; ++q) acc[r][q] = xsimd::fma(ar, row[q], acc[r][q]);
      }
    }
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t q = 0; q < NB; ++q) acc[r][q].store_unaligned(c + r * n + q * lanes);
  }

  // R rows of C: the panel's whole tiles from the packed copy, then columns [j, j1) in place.
  template <class B, std::size_t R, class T>
  static void strip(const T* a, const T* packed, std::size_t tiles, const T* b, T* c, std::size_t n, std::size_t j,
                    std::size_t j1, std::size_t k0, std::size_t depth) {
    constexpr std::size_t lanes = B::size, width = batches * lanes;
    for (std::size_t t = 0; t < tiles; ++t)
      tile<B, R, batches>(a, packed + t * depth * width, width, c + (j - tiles * width) + t * width, n, k0, depth);
    for (; j + lanes <= j1; j += lanes) tile<B, R, 1>(a, b + k0 * n + j, n, c + j, n, k0, depth);
    for (; j < j1; ++j)
      for (std::size_t r = 0; r < R; ++r) {
        T s = k0 ? c[r * n + j] : T(0);
        for (std::size_t k = k0; k < k0 + depth; ++k) s += a[r * n + k] * b[k * n + j];
        c[r * n + j] = s;
      }
  }

  template <class Arch, class T>
  static double run(Problem& p, std::size_t begin, std::size_t end, const Worker& worker) {
    using B = xsimd::batch<T, Arch>;
    constexpr std::size_t width = batches * B::size,
                          nc = GemmModel::packed_panel_bytes / (kc * sizeof(T)) / width * width;
    static_assert(nc >= width, "the scratch holds at least one tile's panel");
    const auto& v = static_cast<GemmProblem<T>&>(p).view;
    const std::size_t n = v.n;
    T* const packed = reinterpret_cast<T*>(worker.scratch);  // kc x nc of them, from a cache line's start
    for (std::size_t j0 = 0; j0 < n; j0 += nc) {
      const std::size_t j1 = std::min(n, j0 + nc), tiles = (j1 - j0) / width, rest = j0 + tiles * width;
      for (std::size_t k0 = 0; k0 < n; k0 += kc) {
        const std::size_t depth = std::min(kc, n - k0);
        for (std::size_t t = 0; t < tiles; ++t)
          for (std::size_t k = 0; k < depth; ++k)
            std::copy_n(v.b + (k0 + k) * n + j0 + t * width, width, packed + (t * depth + k) * width);
        std::size_t i = begin;
        for (; i + rows<Arch> <= end; i += rows<Arch>)
          strip<B, rows<Arch>>(v.a + i * n, packed, tiles, v.b, v.c + i * n, n, rest, j1, k0, depth);
        for (; i < end; ++i) strip<B, 1>(v.a + i * n, packed, tiles, v.b, v.c + i * n, n, rest, j1, k0, depth);
      }
    }
    return 0;
  }
};
}  // namespace flynn::simd::kernels
