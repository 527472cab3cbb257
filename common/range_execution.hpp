// The CPU backends' one launcher. A CPU kernel is a function over a sub-range of the problem's
// index space, told which worker runs it (common/worker.hpp), that returns its partial sum (0 when
// it does not reduce) and builds any other partial answer in the worker's own; scalar and simd run
// it over the whole range as one worker, threads over one range per core. No kernel body exists
// twice.
#pragma once
#include <chrono>
#include <functional>
#include <memory>

#include "common/registry.hpp"
#include "common/worker.hpp"

namespace flynn {

using RangeFn = double (*)(Problem&, std::size_t begin, std::size_t end, const Worker&);

struct RangeFns {
  RangeFn f32 = nullptr;
  RangeFn f64 = nullptr;
  RangeFn get(Precision p) const { return p == Precision::f32 ? f32 : f64; }
};

// How a backend spreads one RangeFn over [0, extent), worker w running with partials.worker(w);
// returns the sum of the partial sums.
using RangeRunner = std::function<double(Problem&, RangeFn, WorkerMemory&)>;

inline double run_serially(Problem& p, RangeFn fn, WorkerMemory& partials) {
  return fn(p, 0, p.extent(), partials.worker(0, 1));
}

class RangeExecution final : public Execution {
 public:
  RangeExecution(Problem& p, RangeFn fn, RangeRunner runner, std::size_t workers)
      : p_(p), fn_(fn), runner_(std::move(runner)), partials_(p, workers) {}
  double run(std::size_t times) override {
    double partial = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < times; ++i) {
      partials_.clear(p_);
      partial = runner_(p_, fn_, partials_);
      partials_.combine(p_);
    }
    const auto t1 = std::chrono::steady_clock::now();
    p_.store_reduction(partial);
    return std::chrono::duration<double>(t1 - t0).count();
  }

 private:
  Problem& p_;
  RangeFn fn_;
  RangeRunner runner_;
  WorkerMemory partials_;
};

// `workers()`: how many workers the runner may use, asked when a problem is bound (a thread
// count set by --threads is known by then).
inline Factory range_factory(
    RangeFns fns, RangeRunner runner = run_serially,
    std::function<std::size_t()> workers = [] { return std::size_t{1}; }) {
  return [fns, runner, workers](Problem& p) -> std::unique_ptr<Execution> {
    return std::make_unique<RangeExecution>(p, fns.get(p.precision()), runner, workers());
  };
}

}  // namespace flynn
