#include <thrust/iterator/zip_iterator.h>
#include <thrust/transform.h>
#include <thrust/tuple.h>

#include "common/kernels/blackscholes.hpp"
#include "gpu/thrust/policy.cuh"
#include "gpu/view_execution.cuh"

namespace flynn::gpu {
namespace {
// Three arrays zipped in, two zipped out: Thrust's transform over the options.
template <class T>
struct Option {
  T rate, volatility;
  __device__ thrust::tuple<T, T> operator()(const thrust::tuple<T, T, T>& in) const {
    T call, put;
    price_option(thrust::get<0>(in), thrust::get<1>(in), thrust::get<2>(in), rate, volatility, call, put);
    return {call, put};
  }
};

template <class T>
void launch(const BlackScholesView<T>& v, const Scratch&, cudaStream_t s) {
  const auto in = thrust::make_zip_iterator(v.price, v.strike, v.years);
  const auto out = thrust::make_zip_iterator(v.call, v.put);
  thrust_call("thrust::transform", [&] {
    thrust::transform(on(s), in, in + v.n, out, Option<T>{v.rate, v.volatility});
  });
}
const ImplementationRegistration registration{"blackscholes", "thrust",
                                              view_factory<BlackScholesProblem>(launch<float>, launch<double>)};
}  // namespace
}  // namespace flynn::gpu
