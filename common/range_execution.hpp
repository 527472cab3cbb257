// The CPU backends' one launcher. A CPU kernel is a function over a sub-range of the problem's
// index space that returns its partial sum (0 when it does not reduce); scalar and simd run it
// over the whole range, threads runs it over one range per core. No kernel body exists twice.
#pragma once
#include <chrono>
#include <functional>
#include <memory>

#include "common/registry.hpp"

namespace flynn {

using RangeFn = double (*)(Problem&, std::size_t begin, std::size_t end);

struct RangeFns {
  RangeFn f32 = nullptr;
  RangeFn f64 = nullptr;
  RangeFn get(Precision p) const { return p == Precision::f32 ? f32 : f64; }
};

// How a backend spreads one RangeFn over [0, extent); returns the sum of the partials.
using RangeRunner = std::function<double(Problem&, RangeFn)>;

inline double run_serially(Problem& p, RangeFn fn) { return fn(p, 0, p.extent()); }

class RangeExecution final : public Execution {
 public:
  RangeExecution(Problem& p, RangeFn fn, RangeRunner runner) : p_(p), fn_(fn), runner_(std::move(runner)) {}
  double run(std::size_t times) override {
    double partial = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < times; ++i) partial = runner_(p_, fn_);
    const auto t1 = std::chrono::steady_clock::now();
    p_.store_reduction(partial);
    return std::chrono::duration<double>(t1 - t0).count();
  }

 private:
  Problem& p_;
  RangeFn fn_;
  RangeRunner runner_;
};

inline Factory range_factory(RangeFns fns, RangeRunner runner = run_serially) {
  return [fns, runner](Problem& p) -> std::unique_ptr<Execution> {
    return std::make_unique<RangeExecution>(p, fns.get(p.precision()), runner);
  };
}

}  // namespace flynn
