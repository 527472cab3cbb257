#include "common/kernels/histogram.hpp"
#include "common/range_execution.hpp"

namespace flynn {
namespace {
// One count after another into the worker's own bins. Two values in a row in the same bin make
// the second increment wait for the first to reach memory and come back: the chain a single
// lane cannot avoid.
template <class T>
double histogram(Problem& p, std::size_t begin, std::size_t end, const Worker& w) {
  const auto& v = static_cast<HistogramProblem<T>&>(p).view;
  std::uint64_t* bins = HistogramBins::in(w.partial);
  for (std::size_t i = begin; i < end; ++i) ++bins[static_cast<std::size_t>(v.values[i] * T(HistogramBins::count))];
  return 0;
}
const ImplementationRegistration registration{"histogram", "scalar",
                                              range_factory({histogram<float>, histogram<double>})};
}  // namespace
}  // namespace flynn
