#pragma once
#include "common/stream/stream_spec.hpp"
#include "common/worker.hpp"
#include "simd/loops.hpp"

namespace flynn::simd::kernels {
struct dot {
  template <class Arch, class T>
  static double run(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
    auto& v = static_cast<StreamProblem<T>&>(p).view;
    return fold<Arch, T, StreamSpec::float_block>(
        begin, end, [](auto acc, auto a, auto b) { return acc + a * b; }, v.a, v.b);
  }
};
}  // namespace flynn::simd::kernels
