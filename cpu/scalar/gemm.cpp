#include "common/kernels/gemm.hpp"
#include "common/range_execution.hpp"

namespace flynn {
namespace {
// Row by row, in i-k-j order: row i of C gathers a_ik times row k of B, so every access runs
// along a row (the i-j-k dot product would walk B down a column, a cache line per element). One
// lane, and C's row is loaded and stored for every k: the textbook loop, not a blocked one.
template <class T>
double gemm(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  const auto& v = static_cast<GemmProblem<T>&>(p).view;
  const std::size_t n = v.n;
  for (std::size_t i = begin; i < end; ++i) {
    T* c = v.c + i * n;
    for (std::size_t j = 0; j < n; ++j) c[j] = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const T a = v.a[i * n + k];
      const T* b = v.b + k * n;
      for (std::size_t j = 0; j < n; ++j) c[j] += a * b[j];
    }
  }
  return 0;
}
const ImplementationRegistration registration{"gemm", "scalar", range_factory({gemm<float>, gemm<double>})};
}  // namespace
}  // namespace flynn
