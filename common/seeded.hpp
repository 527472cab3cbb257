// Counter-based random values: element i's value depends only on (seed, i), so any thread may
// initialise any chunk (first touch) and the problem is still the same for every backend.
#pragma once
#include <cstdint>

namespace flynn {

// splitmix64 finaliser (Steele, Lea, Flood 2014): a bijective mix with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Uniform in [-1, 1), exactly representable in float (24 random bits).
constexpr double uniform_pm1(std::uint64_t seed, std::uint64_t stream, std::uint64_t i) {
  const std::uint64_t bits = mix64(mix64(seed ^ (stream * 0xd1b54a32d192ed03ULL)) + i) >> 40;
  return static_cast<double>(bits) * 0x1p-23 - 1.0;
}

}  // namespace flynn
