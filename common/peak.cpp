#include "common/peak.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>

namespace flynn {

double measure_peak_gflops(PeakProbe probe, double flops_per_iteration, const OnEachWorker& workers) {
  std::atomic<double> sink{0};  // keeps every probe's result alive
  auto run = [&](std::size_t iterations) {
    const auto t0 = std::chrono::steady_clock::now();
    const unsigned n = workers([&] {
      const double v = probe(iterations);
      double old = sink.load();
      while (!sink.compare_exchange_weak(old, old + v)) {
      }
    });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return std::pair(seconds, static_cast<double>(n) * static_cast<double>(iterations) * flops_per_iteration);
  };
  // Grow the iteration count until one run takes about 20 ms, then keep the best of five.
  std::size_t iterations = 1 << 12;
  while (run(iterations).first < 0.02 && iterations < (std::size_t{1} << 34)) iterations *= 2;
  double best = 0;
  for (int r = 0; r < 5; ++r) {
    const auto [seconds, flops] = run(iterations);
    best = std::max(best, flops / seconds / 1e9);
  }
  return best;
}

double measure_peak_gflops(const PeakProbes& probes, Precision p, const OnEachWorker& workers) {
  return p == Precision::f32 ? measure_peak_gflops(probes.f32, probes.flops_per_iteration_f32, workers)
                             : measure_peak_gflops(probes.f64, probes.flops_per_iteration_f64, workers);
}

}  // namespace flynn
