#include "common/range_execution.hpp"
#include "common/stream/stream_problem.hpp"

namespace flynn {
namespace {
template <class T>
double copy(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  auto& v = stream_view<T>(p);
  for (std::size_t i = begin; i < end; ++i) v.c[i] = v.a[i];
  return 0;
}
const ImplementationRegistration registration{"copy", "scalar", range_factory({copy<float>, copy<double>})};
}  // namespace
}  // namespace flynn
