// The compute ceiling, measured: a probe of independent multiply-add chains held in registers,
// which no memory access slows, run on the same cores a backend uses. Its GFLOP/s is what a
// compute-bound kernel on that backend can at best reach; set beside a copy's GB/s it gives the
// machine balance (flops per byte) that decides whether a kernel is memory- or compute-bound.
#pragma once
#include <cstddef>
#include <functional>

#include "common/precision.hpp"
#include "common/stopwatch.hpp"

namespace flynn {

// Runs `iterations` rounds of the probe; returns a value that depends on every operation, so
// the compiler cannot drop any.
using PeakProbe = double (*)(std::size_t iterations);

struct PeakProbes {
  PeakProbe f32 = nullptr, f64 = nullptr;
  double flops_per_iteration_f32 = 0, flops_per_iteration_f64 = 0;
};

// Runs `body` once on each of a backend's workers at the same time; returns how many ran.
using OnEachWorker = std::function<unsigned(const std::function<void()>& body)>;

inline unsigned on_this_core(const std::function<void()>& body) {
  body();
  return 1;
}

// One timed run of a probe: seconds taken and flops done, for `iterations` rounds.
struct ProbeRun {
  double seconds, flops;
};

// Grows the iteration count from `first` until one run takes about 20 ms, then returns the best
// GFLOP/s of five runs (a ceiling is the best the machine did, not the typical). Shared by the CPU
// probes below and the GPU's (gpu/peak.cu).
double best_gflops(const std::function<ProbeRun(std::size_t iterations)>& run, std::size_t first, std::size_t most);

// GFLOP/s of `probe` on every worker at once, by best_gflops, timed by `stopwatch`.
double measure_peak_gflops(PeakProbe probe, double flops_per_iteration, const OnEachWorker& workers,
                           const Stopwatch& stopwatch = steady_seconds);
double measure_peak_gflops(const PeakProbes& probes, Precision p, const OnEachWorker& workers,
                           const Stopwatch& stopwatch = steady_seconds);

}  // namespace flynn
