#include "common/range_execution.hpp"
#include "common/stream/stream_problem.hpp"

namespace flynn {
namespace {
template <class T>
double triad(Problem& p, std::size_t begin, std::size_t end) {
  auto& v = stream_view<T>(p);
  for (std::size_t i = begin; i < end; ++i) v.a[i] = v.b[i] + v.scalar * v.c[i];
  return 0;
}
const ImplementationRegistration registration{"triad", "scalar", range_factory({triad<float>, triad<double>})};
}  // namespace
}  // namespace flynn
