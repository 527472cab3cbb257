// blackscholes's data: European call and put prices for n options, each with its own stock price
// S, strike K and years to expiry T, at one risk-free rate r and volatility v. Every backend
// computes, in the problem's precision and in this order:
//
//   sqrtT = sqrt(T)
//   d1 = (log(S / K) + (r + v * v / 2) * T) / (v * sqrtT);  d2 = d1 - v * sqrtT
//   N(x) = erfc(-x / sqrt(2)) / 2                            (the cumulative normal)
//   discounted = K * exp(-r * T)
//   call = S * N(d1) - discounted * N(d2)
//   put  = discounted * (1 - N(d2)) - S * (1 - N(d1))
//
// with each library's own sqrt, log, exp and erfc (libm, xsimd, CUDA). By Flynn's convention that
// is 20 flops an option: the arithmetic only, the five functions not counted (their cost differs
// by library), so GFLOP/s understates the work and M options/s is the figure to compare.
#pragma once
#include "common/aligned_buffer.hpp"
#include "common/problem.hpp"

namespace flynn {

// What a kernel body sees; a bare aggregate (see common/stream/stream_view.hpp for why).
template <class T>
struct BlackScholesView {
  const T* price;   // S
  const T* strike;  // K
  const T* years;   // T
  T* call;
  T* put;
  std::size_t n;
  T rate, volatility;
};

template <class T, class F>
BlackScholesView<T> relocate(BlackScholesView<T> v, F&& f) {
  v.price = f(v.price);
  v.strike = f(v.strike);
  v.years = f(v.years);
  v.call = f(v.call);
  v.put = f(v.put);
  return v;
}

// NVIDIA's BlackScholes sample's market: S in [5, 30], K in [1, 100], T in [0.25, 10] years.
struct Market {
  static constexpr double rate = 0.02, volatility = 0.30;
  static constexpr double price_low = 5, price_high = 30, strike_low = 1, strike_high = 100, years_low = 0.25,
                          years_high = 10;
  static constexpr double flops_per_option = 20;
};

template <class T>
class BlackScholesProblem final : public Problem {
 public:
  explicit BlackScholesProblem(std::size_t n)
      : price_(n, 0),
        strike_(n, 1),
        years_(n, 2),
        call_(n, 3),
        put_(n, 4),
        view{price_.data(),
             strike_.data(),
             years_.data(),
             call_.data(),
             put_.data(),
             n,
             static_cast<T>(Market::rate),
             static_cast<T>(Market::volatility)} {}
  Precision precision() const override { return precision_of<T>(); }
  std::size_t extent() const override { return view.n; }
  std::vector<BufferRef> buffers() override {
    const std::size_t bytes = view.n * sizeof(T);
    return {{price_.data(), bytes, BufferRef::Role::input},
            {strike_.data(), bytes, BufferRef::Role::input},
            {years_.data(), bytes, BufferRef::Role::input},
            {call_.data(), bytes, BufferRef::Role::output},
            {put_.data(), bytes, BufferRef::Role::output}};
  }

 private:
  AlignedBuffer<T> price_, strike_, years_, call_, put_;

 public:
  BlackScholesView<T> view;
};

#ifdef __CUDACC__
// Option i on a GPU: the cuda backend's kernel and Thrust's transform run this same code, with
// CUDA's maths library (log, exp, sqrt, erfc: at most 1 to 4 ulps apart from correctly rounded).
template <class T>
__device__ void price_option(T s, T k, T years, T rate, T volatility, T& call, T& put) {
  const T sqrt_t = sqrt(years);
  const T d1 = (log(s / k) + (rate + volatility * volatility / T(2)) * years) / (volatility * sqrt_t);
  const T d2 = d1 - volatility * sqrt_t;
  const T n1 = erfc(-d1 * T(0.70710678118654752440)) / T(2), n2 = erfc(-d2 * T(0.70710678118654752440)) / T(2);
  const T discounted = k * exp(-rate * years);
  call = s * n1 - discounted * n2;
  put = discounted * (T(1) - n2) - s * (T(1) - n1);
}
#endif

}  // namespace flynn
