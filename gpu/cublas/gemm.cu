#include "common/kernels/gemm.hpp"
#include "gpu/cublas/handle.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// cuBLAS is column-major; a row-major C = A B is the column-major C^T = B^T A^T, which is B times
// A as cuBLAS reads them, with no transposes: the same call BLAS users make.
template <class T>
void launch(const GemmView<T>& v, const Scratch& scratch, cudaStream_t) {
  const int n = static_cast<int>(v.n);  // n <= 2^14 (GemmSpec)
  const T one = 1, zero = 0;
  if constexpr (sizeof(T) == 4)
    check_cublas(cublas().sgemm(CublasHandle::of(scratch), CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one, v.b, n, v.a, n,
                                &zero, v.c, n),
                 "cublasSgemm");
  else
    check_cublas(cublas().dgemm(CublasHandle::of(scratch), CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one, v.b, n, v.a, n,
                                &zero, v.c, n),
                 "cublasDgemm");
  check_launch("cublas gemm");
}
const ImplementationRegistration registration{
    "gemm", "cublas",
    view_factory<GemmProblem>(launch<float>, launch<double>, LaunchTraits{.library = CublasHandle::make})};
}  // namespace
}  // namespace flynn::gpu
