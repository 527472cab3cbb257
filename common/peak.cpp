#include "common/peak.hpp"

#include <algorithm>
#include <atomic>

namespace flynn {

double measure_peak_gflops(PeakProbe probe, double flops_per_iteration, const OnEachWorker& workers,
                           const Stopwatch& stopwatch) {
  std::atomic<double> sink{0};  // keeps every probe's result alive
  auto run = [&](std::size_t iterations) {
    unsigned n = 0;
    const double seconds = stopwatch([&] {
      n = workers([&] {
        const double v = probe(iterations);
        double old = sink.load();
        while (!sink.compare_exchange_weak(old, old + v)) {
        }
      });
    });
    return ProbeRun{seconds, static_cast<double>(n) * static_cast<double>(iterations) * flops_per_iteration};
  };
  return best_gflops(run, std::size_t{1} << 12, std::size_t{1} << 34);
}

double best_gflops(const std::function<ProbeRun(std::size_t iterations)>& run, std::size_t first, std::size_t most) {
  std::size_t iterations = first;
  while (run(iterations).seconds < 0.02 && iterations < most) iterations *= 2;
  double best = 0;
  for (int r = 0; r < 5; ++r) {
    const ProbeRun p = run(iterations);
    best = std::max(best, p.flops / p.seconds / 1e9);
  }
  return best;
}

double measure_peak_gflops(const PeakProbes& probes, Precision p, const OnEachWorker& workers,
                           const Stopwatch& stopwatch) {
  return p == Precision::f32 ? measure_peak_gflops(probes.f32, probes.flops_per_iteration_f32, workers, stopwatch)
                             : measure_peak_gflops(probes.f64, probes.flops_per_iteration_f64, workers, stopwatch);
}

}  // namespace flynn
