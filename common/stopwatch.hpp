// How a backend times one piece of work that all its workers do. In one process that is the
// steady clock around it. Across processes (the mpi backend's ranks) every rank starts together,
// and the slowest rank's time is the one that counts. Every rank gets that same figure, so any
// decision taken from it (how many runs to batch, when a probe has run long enough) is the same
// on every rank, and the ranks stay in step.
#pragma once
#include <chrono>
#include <functional>

namespace flynn {

using Stopwatch = std::function<double(const std::function<void()>& work)>;

inline double steady_seconds(const std::function<void()>& work) {
  const auto t0 = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace flynn
