// Each backend's measured ceilings, the two sides of a roofline: how fast its cores compute (peak
// GFLOP/s) and how fast its memory feeds them (a copy of one array well outside the caches). Their
// ratio, the machine balance, is the flops per byte a kernel needs before compute, not memory,
// limits it. Shared by `flynn info`, which shows them, and `flynn run`, which places kernels by them.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "common/kernel_spec.hpp"
#include "common/registry.hpp"

namespace flynn::driver {

struct BackendCeilings {
  double peak_gflops = 0;  // 0: the backend has no compute probe
  double copy_gbps = 0;    // 0: the backend has no copy reference
  std::optional<double> balance() const {
    if (peak_gflops <= 0 || copy_gbps <= 0) return std::nullopt;
    return peak_gflops / copy_gbps;
  }
  // Which roof a kernel of this many flops per byte moved runs into first.
  std::optional<Bound> bound_at(double flops_per_byte) const {
    const auto b = balance();
    if (!b) return std::nullopt;
    return flops_per_byte < *b ? Bound::memory : Bound::compute;
  }
};

// The largest cache a backend's data pass through: the host's last level, or for a GPU backend
// the larger of that and a GPU's L2 (50 MB on an H100). Data 4x this size leave every cache.
std::size_t largest_cache_in_the_way(const Backend& b);

// Measures on first use and remembers, so a run measures each ceiling once.
class Ceilings {
 public:
  // `threads`: the count the caller configured the backend with (0: its default), part of the key
  // because a MIMD backend's ceilings grow with it.
  BackendCeilings of(const Backend& b, Precision p, unsigned threads = 0);
  // The backend's copy of one array of `bytes` (its copy reference), measured once per
  // (reference, bytes, threads): backends that share a reference share the figure, and a row's
  // %copy at the ceiling's size reuses the ceiling's measurement. Throws what the probe throws.
  double copy_gbps(const Backend& b, std::size_t bytes, unsigned threads = 0);
  // The array the copy ceiling moves: 4x the largest cache in the backend's way, so neither side
  // of the copy stays in a cache.
  static std::size_t copy_bytes(const Backend& b) { return 4 * largest_cache_in_the_way(b); }

 private:
  std::map<std::tuple<std::string, std::size_t, unsigned>, double> copies_;  // by copy reference, bytes and threads
  std::map<std::tuple<std::string, Precision, unsigned>, double> peaks_;
};

}  // namespace flynn::driver
