#include "driver/ceilings.hpp"

#include <algorithm>

#include "common/machine.hpp"

namespace flynn::driver {

std::size_t largest_cache_in_the_way(const Backend& b) {
  std::size_t largest = machine().last_level_cache_bytes();
  if (b.device_free_bytes)
    for (const GpuInfo& g : registry().gpu_report().devices) largest = std::max(largest, g.l2_bytes);
  return largest;
}

BackendCeilings Ceilings::of(const Backend& b, Precision p, unsigned threads) {
  BackendCeilings c;
  if (!b.availability().ok) return c;
  if (b.peak_gflops) {
    const auto key = std::tuple(b.name, p, threads);
    auto it = peaks_.find(key);
    if (it == peaks_.end()) it = peaks_.emplace(key, b.peak_gflops(p)).first;
    c.peak_gflops = it->second;
  }
  if (b.copy_reference_gbps) c.copy_gbps = copy_gbps(b, copy_bytes(b), threads);
  return c;
}

double Ceilings::copy_gbps(const Backend& b, std::size_t bytes, unsigned threads) {
  const auto key = std::tuple(b.copy_reference_name, bytes, threads);
  auto it = copies_.find(key);
  if (it == copies_.end()) it = copies_.emplace(key, b.copy_reference_gbps(bytes)).first;
  return it->second;
}

}  // namespace flynn::driver
