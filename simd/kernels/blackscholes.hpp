#pragma once
#include <algorithm>

#include "common/kernels/blackscholes.hpp"
#include "common/worker.hpp"
#include "simd/compat.hpp"

namespace flynn::simd::kernels {
// A batch of options at a time through xsimd's log, exp, sqrt and erfc: the formula of
// blackscholes.hpp, lane by lane. The last, partial batch is padded with a harmless option and
// only its real lanes are stored, so no separate scalar code exists for the tail.
struct blackscholes {
  template <class Arch, class T>
  static double run(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
    using B = xsimd::batch<T, Arch>;
    constexpr std::size_t lanes = B::size;
    const auto& v = static_cast<BlackScholesProblem<T>&>(p).view;
    const B r(v.rate), vol(v.volatility), drift(v.rate + v.volatility * v.volatility / T(2)),
        root_half(T(0.70710678118654752440)), half(T(0.5)), one(T(1));
    auto price = [&](const B& s, const B& k, const B& years, B& call, B& put) {
      const B sqrt_t = xsimd::sqrt(years);
      const B d1 = (xsimd::log(s / k) + drift * years) / (vol * sqrt_t);
      const B d2 = d1 - vol * sqrt_t;
      const B n1 = xsimd::erfc(-d1 * root_half) * half, n2 = xsimd::erfc(-d2 * root_half) * half;
      const B discounted = k * xsimd::exp(-r * years);
      call = s * n1 - discounted * n2;
      put = discounted * (one - n2) - s * (one - n1);
    };
    std::size_t i = begin;
    for (; i + lanes <= end; i += lanes) {
      B call, put;
      price(B::load_unaligned(v.price + i), B::load_unaligned(v.strike + i), B::load_unaligned(v.years + i), call, put);
      call.store_unaligned(v.call + i);
      put.store_unaligned(v.put + i);
    }
    if (i == end) return 0;
    alignas(Arch::alignment()) T s[lanes], k[lanes], years[lanes], call[lanes], put[lanes];
    std::fill_n(s, lanes, T(1));
    std::fill_n(k, lanes, T(1));
    std::fill_n(years, lanes, T(1));
    std::copy(v.price + i, v.price + end, s);
    std::copy(v.strike + i, v.strike + end, k);
    std::copy(v.years + i, v.years + end, years);
    B c, q;
    price(B::load_aligned(s), B::load_aligned(k), B::load_aligned(years), c, q);
    c.store_aligned(call);
    q.store_aligned(put);
    std::copy(call, call + (end - i), v.call + i);
    std::copy(put, put + (end - i), v.put + i);
    return 0;
  }
};
}  // namespace flynn::simd::kernels
