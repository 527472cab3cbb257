// histogram: n values in [0, 1) counted into 256 equal bins (common/kernels/histogram.hpp).
// Memory-bound where the counting is private to each worker; where workers share counts, bound by
// how fast they can take turns on them instead. The answer is integers: checked exactly.
#include "common/kernels/histogram.hpp"

#include <bit>
#include <cmath>

#include "common/registry.hpp"
#include "common/seeded.hpp"
#include "common/verify.hpp"
#include "common/view_spec.hpp"

namespace flynn {
namespace {

// The reference bins each value apart from any backend's code: in long double, with floor.
template <class T>
std::vector<std::uint64_t> reference_counts(const HistogramView<T>& v) {
  using Counts = std::vector<std::uint64_t>;
  return fold_parts<Counts>(
      v.n,
      [&](Range r) {
        Counts counts(HistogramBins::count);
        for (std::size_t i = r.begin; i < r.end; ++i)
          ++counts[static_cast<std::size_t>(std::floor(static_cast<long double>(v.values[i]) * HistogramBins::count))];
        return counts;
      },
      [](Counts& all, const Counts& part) {
        for (std::size_t k = 0; k < all.size(); ++k) all[k] += part[k];
      },
      Counts(HistogramBins::count));
}

// Every count must be exact: no rounding enters binning (a product by a power of two) or
// counting. One value dropped, counted twice, or put in the next bin changes a count.
template <class T>
Verdict check(const HistogramView<T>& v) {
  const std::vector<std::uint64_t> want = reference_counts(v);
  const Findings f =
      check_all(HistogramBins::count, [&](std::size_t k) { return exactly<std::uint64_t>(v.counts[k], want[k]); });
  return verdict_of(f, "bins", [&](std::size_t k) {
    return fmt::format("bin {} counted {} values, expected {}", k, v.counts[k], want[k]);
  });
}

// 24 random bits a value, so each is exact in float: multiples of 2^-24 in [0, 1).
// Seed 0 is one fixed set of values like any other seed's: uniform values fill every bin.
template <class T>
std::unique_ptr<Problem> make(std::size_t n, std::uint64_t seed, const ChunkRunner& first_touch) {
  auto p = std::make_unique<HistogramProblem<T>>(n);
  T* values = const_cast<T*>(p->view.values);
  first_touch(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) values[i] = static_cast<T>((uniform_pm1(seed, 1, i) + 1) / 2);
  });
  return p;
}

class HistogramSpec final : public ViewSpec<HistogramProblem, make<float>, make<double>, check<float>, check<double>> {
 public:
  std::string_view name() const override { return "histogram"; }
  std::string_view description() const override {
    return "n values counted into 256 bins: each thread, block or rank counts apart, the counts added at the end";
  }
  Bound bound() const override { return Bound::memory; }
  int listing_order() const override { return 40; }
  // The values at least four times the last-level cache, so every repetition streams them from DRAM.
  Extents default_size(Precision p, const SizingHints& hints) const override {
    return std::bit_ceil(std::max<std::size_t>(4 * hints.last_level_cache_bytes / size_of(p), std::size_t{1} << 20));
  }
  std::size_t footprint_bytes(const Extents& e, Precision p) const override {
    const std::size_t values = times(size_of(p), e.count());
    return values > std::numeric_limits<std::size_t>::max() - HistogramBins::bytes ? values
                                                                                   : values + HistogramBins::bytes;
  }
  // Each value read once, the bins written once. No flops are counted: binning is one exact
  // product, and the work is counting, which M values/s measures.
  WorkModel work(const Extents& e, Precision p) const override {
    const double n = static_cast<double>(e.count());
    return {n * static_cast<double>(size_of(p)) + HistogramBins::bytes, 0, {{"Gvalue", n / 1e9}}};
  }
  // All ones: a count no run of fewer than 2^64 - 1 values reaches.
  void poison(Problem& problem) const override { fill_outputs(problem, ~std::uint64_t{0}); }
};

const KernelRegistration registration{std::make_unique<HistogramSpec>()};

}  // namespace
}  // namespace flynn
