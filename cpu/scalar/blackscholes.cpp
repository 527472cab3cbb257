#include <cmath>

#include "common/kernels/blackscholes.hpp"
#include "common/range_execution.hpp"

namespace flynn {
namespace {
// One option at a time, through libm's log, exp, sqrt and erfc (calls a compiler cannot vectorise).
template <class T>
double blackscholes(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  const auto& v = static_cast<BlackScholesProblem<T>&>(p).view;
  const T r = v.rate, vol = v.volatility, drift = r + vol * vol / T(2), root_half = T(0.70710678118654752440);
  for (std::size_t i = begin; i < end; ++i) {
    const T s = v.price[i], k = v.strike[i], years = v.years[i];
    const T sqrt_t = std::sqrt(years);
    const T d1 = (std::log(s / k) + drift * years) / (vol * sqrt_t);
    const T d2 = d1 - vol * sqrt_t;
    const T n1 = std::erfc(-d1 * root_half) / T(2), n2 = std::erfc(-d2 * root_half) / T(2);
    const T discounted = k * std::exp(-r * years);
    v.call[i] = s * n1 - discounted * n2;
    v.put[i] = discounted * (T(1) - n2) - s * (T(1) - n1);
  }
  return 0;
}
const ImplementationRegistration registration{"blackscholes", "scalar",
                                              range_factory({blackscholes<float>, blackscholes<double>})};
}  // namespace
}  // namespace flynn
