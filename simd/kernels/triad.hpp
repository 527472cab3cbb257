#pragma once
#include "common/stream/stream_problem.hpp"
#include "common/worker.hpp"
#include "simd/loops.hpp"

namespace flynn::simd::kernels {
struct triad {
  template <class Arch, class T>
  static double run(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
    auto& v = static_cast<StreamProblem<T>&>(p).view;
    const T s = v.scalar;
    map<Arch>(
        v.a, v.n, begin, end, [s](auto b, auto c) { return b + decltype(c)(s) * c; }, v.b, v.c);
    return 0;
  }
};
}  // namespace flynn::simd::kernels
