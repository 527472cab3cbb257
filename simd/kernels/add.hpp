#pragma once
#include "common/stream/stream_problem.hpp"
#include "common/worker.hpp"
#include "simd/loops.hpp"

namespace flynn::simd::kernels {
struct add {
  template <class Arch, class T>
  static double run(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
    auto& v = static_cast<StreamProblem<T>&>(p).view;
    map<Arch>(
        v.c, v.n, begin, end, [](auto a, auto b) { return a + b; }, v.a, v.b);
    return 0;
  }
};
}  // namespace flynn::simd::kernels
