// blackscholes: call and put prices for N options (the formula is in blackscholes.hpp). Three
// arrays in, two out, and five library functions an option: compute-bound on one CPU core,
// memory-bound on a GPU, whose cores outrun its memory even here.
#include "common/kernels/blackscholes.hpp"

#include <bit>
#include <cmath>

#include "common/registry.hpp"
#include "common/seeded.hpp"
#include "common/verify.hpp"
#include "common/view_spec.hpp"

namespace flynn {
namespace {

struct Prices {
  long double call, put, tolerance;
};

// The exact prices, and how far a correct kernel in T may be from them. The reference is the
// formula in long double (64-bit significand), far finer than float or double.
template <class T>
Prices reference(T s_in, T k_in, T t_in, T r_in, T v_in) {
  const long double s = s_in, k = k_in, t = t_in, r = r_in, v = v_in;
  const long double sqrt_t = std::sqrt(t), spread = v * sqrt_t;
  const long double d1 = (std::log(s / k) + (r + v * v / 2) * t) / spread, d2 = d1 - spread;
  const long double n1 = std::erfc(-d1 / std::sqrt(2.0L)) / 2, n2 = std::erfc(-d2 / std::sqrt(2.0L)) / 2;
  const long double discounted = k * std::exp(-r * t);
  // d1's numerator and its quotient take a few roundings and log's and sqrt's errors (CUDA's and
  // xsimd's are within 4 ulps): 16 u relative to the terms' magnitudes bounds d1's (and d2's)
  // error. N moves by at most phi(0) = 0.399 per unit of its argument, and each price weighs N by
  // S or K. The remaining steps (erfc within 5 ulps, exp within 2, the products and the final
  // difference) are within 16 u of S + K, the largest a price's terms get. Cancellation in the
  // final difference makes relative error meaningless (a deep out-of-the-money call is ~0), so
  // the bound is absolute, in units of the option's own S + K.
  const long double u = unit_roundoff<T>();
  const long double d_error =
      16 * u * (std::fabs(std::log(s / k)) + std::fabs(r + v * v / 2) * t + spread * (1 + std::fabs(d1))) / spread;
  const long double tolerance = (s + k) * (0.399L * d_error + 16 * u);
  return {s * n1 - discounted * n2, discounted * (1 - n2) - s * (1 - n1), tolerance};
}

template <class T>
Verdict check(const BlackScholesView<T>& v) {
  auto prices = [&](std::size_t i) { return reference<T>(v.price[i], v.strike[i], v.years[i], v.rate, v.volatility); };
  const Findings f = check_all(v.n, [&](std::size_t i) {
    const Prices p = prices(i);
    const long double call = std::fabs(v.call[i] - p.call), put = std::fabs(v.put[i] - p.put);
    // The larger error, NaN from either (std::max(call, NaN) is call: a put nobody wrote passed).
    const long double err = std::isnan(put) || put > call ? put : call;
    return ElementCheck{call <= p.tolerance && put <= p.tolerance, err, p.tolerance};  // NaN: not priced
  });
  return verdict_of(f, "options", [&](std::size_t i) {
    const Prices p = prices(i);
    return fmt::format("got call {} put {}, expected {} and {}", static_cast<double>(v.call[i]),
                       static_cast<double>(v.put[i]), static_cast<double>(p.call), static_cast<double>(p.put));
  });
}

double between(double low, double high, std::uint64_t seed, std::uint64_t stream, std::uint64_t i) {
  return low + (high - low) * (uniform_pm1(seed, stream, i) + 1) / 2;
}

// Seed 0 is one fixed market like any other seed's: no data here are exact to exploit.
template <class T>
std::unique_ptr<Problem> make(std::size_t n, std::uint64_t seed, const ChunkRunner& first_touch) {
  auto p = std::make_unique<BlackScholesProblem<T>>(n);
  auto& v = p->view;
  first_touch(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const_cast<T*>(v.price)[i] = static_cast<T>(between(Market::price_low, Market::price_high, seed, 1, i));
      const_cast<T*>(v.strike)[i] = static_cast<T>(between(Market::strike_low, Market::strike_high, seed, 2, i));
      const_cast<T*>(v.years)[i] = static_cast<T>(between(Market::years_low, Market::years_high, seed, 3, i));
    }
  });
  return p;
}

class BlackScholesSpec final
    : public ViewSpec<BlackScholesProblem, make<float>, make<double>, check<float>, check<double>> {
 public:
  std::string_view name() const override { return "blackscholes"; }
  std::string_view description() const override {
    return "call and put prices of n options: 3 arrays in, 2 out, log, exp, sqrt and 2 erfc per option";
  }
  Bound bound() const override { return Bound::memory; }  // on a GPU; %copy shows how far one CPU core is from it
  int listing_order() const override { return 30; }
  // Every array as large as the last-level cache, so a GPU or many cores stream from memory; a
  // fraction of a second for one plain core.
  Extents default_size(Precision p, const SizingHints& hints) const override {
    return std::bit_ceil(std::max<std::size_t>(hints.last_level_cache_bytes / size_of(p), std::size_t{1} << 20));
  }
  std::size_t footprint_bytes(const Extents& e, Precision p) const override { return times(5 * size_of(p), e.count()); }
  WorkModel work(const Extents& e, Precision p) const override {
    const double n = static_cast<double>(e.count());
    return {5 * n * static_cast<double>(size_of(p)), Market::flops_per_option * n, {{"Moption", n / 1e6}}};
  }
};

const KernelRegistration registration{std::make_unique<BlackScholesSpec>()};

}  // namespace
}  // namespace flynn
