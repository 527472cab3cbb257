#pragma once
#include "common/stream/stream_problem.hpp"
#include "common/worker.hpp"
#include "simd/loops.hpp"

namespace flynn::simd::kernels {
// In place: map's output is also its first input; each element is loaded before it is stored.
struct nstream {
  template <class Arch, class T>
  static double run(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
    auto& v = static_cast<StreamProblem<T>&>(p).view;
    const T s = v.scalar;
    map<Arch>(
        v.a, v.n, begin, end, [s](auto a, auto b, auto c) { return a + (b + decltype(c)(s) * c); }, v.a, v.b, v.c);
    return 0;
  }
};
}  // namespace flynn::simd::kernels
