#include <algorithm>

#include "common/range_execution.hpp"
#include "common/stream/stream_spec.hpp"

namespace flynn {
namespace {
// One accumulator, as a single lane has: float products summed in float over blocks of
// float_block terms, blocks summed in double (dot.cpp in common/ says why).
template <class T>
double dot(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  auto& v = stream_view<T>(p);
  double total = 0;
  for (std::size_t block = begin; block < end; block += StreamSpec::float_block) {
    const std::size_t stop = std::min(end, block + StreamSpec::float_block);
    T sum = 0;
    for (std::size_t i = block; i < stop; ++i) sum += v.a[i] * v.b[i];
    total += sum;
  }
  return total;
}
const ImplementationRegistration registration{"dot", "scalar", range_factory({dot<float>, dot<double>})};
}  // namespace
}  // namespace flynn
