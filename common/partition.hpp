// Splits an index space into contiguous parts, one per worker. Used both to first-touch the
// problem and to run it, so each thread works on the pages it placed.
#pragma once
#include <cstddef>

namespace flynn {

struct Range {
  std::size_t begin;
  std::size_t end;
};

// Part `index` of `parts`, with inner boundaries on multiples of `granule` elements so no two
// workers share a cache line (and vector loops start aligned). Empty parts are possible when
// n is small; they are harmless.
constexpr Range partition(std::size_t n, std::size_t parts, std::size_t index, std::size_t granule = 16) {
  const std::size_t blocks = (n + granule - 1) / granule;
  const std::size_t base = blocks / parts, extra = blocks % parts;
  const std::size_t first = index * base + (index < extra ? index : extra);
  const std::size_t count = base + (index < extra ? 1 : 0);
  const std::size_t begin = first * granule < n ? first * granule : n;
  const std::size_t end = (first + count) * granule < n ? (first + count) * granule : n;
  return {begin, end};
}

}  // namespace flynn
