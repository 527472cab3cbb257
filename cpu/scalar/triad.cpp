#include "common/range_execution.hpp"
#include "common/stream/stream_problem.hpp"

namespace flynn {
namespace {
template <class T>
double triad(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  auto& v = stream_view<T>(p);
  // In a local: a store to the array could, for all the compiler knows, change v.scalar (same
  // type), so it would reload it every element, and that load waits on the store before it.
  const T s = v.scalar;
  for (std::size_t i = begin; i < end; ++i) v.a[i] = v.b[i] + s * v.c[i];
  return 0;
}
const ImplementationRegistration registration{"triad", "scalar", range_factory({triad<float>, triad<double>})};
}  // namespace
}  // namespace flynn
