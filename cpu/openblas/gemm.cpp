#include "common/kernels/gemm.hpp"
#include "common/range_execution.hpp"
#include "cpu/openblas/api.hpp"

namespace flynn {
namespace {
// Rows [begin, end) of C in one call (all of them, on this backend), row-major with alpha = 1 and
// beta = 0: the library blocks, packs and threads it as it sees fit.
template <class T>
double gemm(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  const auto& v = static_cast<GemmProblem<T>&>(p).view;
  const auto n = static_cast<blasint>(v.n), rows = static_cast<blasint>(end - begin);  // n <= 2^14 (GemmSpec)
  if constexpr (sizeof(T) == 4)
    openblas::api().sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, n, n, 1.0f, v.a + begin * v.n, n, v.b, n,
                          0.0f, v.c + begin * v.n, n);
  else
    openblas::api().dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, n, n, 1.0, v.a + begin * v.n, n, v.b, n, 0.0,
                          v.c + begin * v.n, n);
  return 0;
}
const ImplementationRegistration registration{"gemm", "openblas", range_factory({gemm<float>, gemm<double>})};
}  // namespace
}  // namespace flynn
