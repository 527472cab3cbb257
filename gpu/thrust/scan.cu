#include <thrust/iterator/transform_iterator.h>
#include <thrust/scan.h>

#include <cuda/std/functional>

#include "common/kernels/scan.hpp"
#include "gpu/thrust/policy.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// Each value widened to double as it is read, so the sum is carried in double (scan.hpp), and
// narrowed to T as it is written: Thrust's inclusive_scan, which is CUB's single-pass scan
// (decoupled look-back: each tile publishes its sum, and a tile waits only for those before it).
template <class T>
struct Widen {
  __host__ __device__ double operator()(T x) const { return static_cast<double>(x); }
};

template <class T>
void launch(const ScanView<T>& v, const Scratch&, cudaStream_t s) {
  const auto first = thrust::make_transform_iterator(v.in, Widen<T>{});
  thrust_call("thrust::inclusive_scan",
              [&] { thrust::inclusive_scan(on(s), first, first + v.n, v.out, cuda::std::plus<double>{}); });
}
const ImplementationRegistration registration{
    "scan", "thrust",
    view_factory<ScanProblem>(launch<float>, launch<double>, {.note = "one pass: CUB's decoupled look-back"})};
}  // namespace
}  // namespace flynn::gpu
