#include "common/kernels/scan.hpp"
#include "common/range_execution.hpp"

namespace flynn {
namespace {
// One running sum, one value at a time: each addition waits for the one before it.
template <class T>
double scan(Problem& p, std::size_t begin, std::size_t end, const Worker& w) {
  const auto& v = static_cast<ScanProblem<T>&>(p).view;
  double running = carry_of(w.partial);
  if (w.phase == Phase::summarize) {
    for (std::size_t i = begin; i < end; ++i) running += v.in[i];
    carry_of(w.partial) = running;
    return 0;
  }
  for (std::size_t i = begin; i < end; ++i) {
    running += v.in[i];
    v.out[i] = static_cast<T>(running);
  }
  return 0;
}
const ImplementationRegistration registration{"scan", "scalar", range_factory({scan<float>, scan<double>})};
}  // namespace
}  // namespace flynn
