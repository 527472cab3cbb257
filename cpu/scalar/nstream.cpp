#include "common/range_execution.hpp"
#include "common/stream/stream_problem.hpp"

namespace flynn {
namespace {
template <class T>
double nstream(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  auto& v = stream_view<T>(p);
  const T s = v.scalar;  // in a local, as in triad.cpp
  for (std::size_t i = begin; i < end; ++i) v.a[i] += v.b[i] + s * v.c[i];
  return 0;
}
const ImplementationRegistration registration{"nstream", "scalar", range_factory({nstream<float>, nstream<double>})};
}  // namespace
}  // namespace flynn
