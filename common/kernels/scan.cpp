// scan: inclusive prefix sums (common/kernels/scan.hpp has the contract). Memory-bound, but no
// index can be computed before every index below it is summed: the kernel where parallelism
// costs work (a parallel scan reads its input twice, or keeps a carry moving between blocks), and
// where lanes need a few extra adds to pass sums along a batch.
#include "common/kernels/scan.hpp"

#include <bit>
#include <cmath>

#include "common/parallel_parts.hpp"
#include "common/registry.hpp"
#include "common/seeded.hpp"
#include "common/stream/stream_spec.hpp"
#include "common/verify.hpp"
#include "common/view_spec.hpp"

namespace flynn {
namespace {

// A prefix in long double, and the sum of its magnitudes, which rounding error scales with.
struct Prefix {
  long double sum = 0, magnitude = 0;
  void add(long double x) {
    sum += x;
    magnitude += std::fabs(x);
  }
};

template <class T>
ElementCheck compare(T got, const Prefix& want, std::size_t terms) {
  // The running sum is carried in double: a sum of `terms` values, in any order (a tree: lanes,
  // parts, blocks), within gamma_terms of the sum of their magnitudes (Higham ch. 4); the
  // reference's own long double sum within its gamma_terms; then one rounding to T, at most u_T
  // of what was rounded. A value dropped, counted twice, or a carry lost shows at the first index
  // it reaches, long before the bound has grown past it (2^-37 of the magnitudes at 2^16 terms).
  const long double carried =
      (gamma(terms, unit_roundoff<double>()) + gamma(terms, unit_roundoff<long double>())) * want.magnitude;
  const long double tol = carried + unit_roundoff<T>() * (std::fabs(want.sum) + carried);
  const long double err = std::fabs(static_cast<long double>(got) - want.sum);
  return {err <= tol, err, tol};  // NaN: an output nobody wrote
}

template <class T>
Verdict check(const ScanView<T>& v) {
  // Two passes on every hardware thread: each part's sum, then each part checked from the sum of
  // the parts before it (for_each_part splits [0, n) the same way both times).
  std::vector<Prefix> before(parts_for(v.n));
  for_each_part(v.n, [&](std::size_t k, Range r) {
    Prefix p;
    for (std::size_t i = r.begin; i < r.end; ++i) p.add(v.in[i]);
    before[k] = p;
  });
  Prefix running;
  for (Prefix& p : before) {
    const Prefix part = p;
    p = running;
    running.sum += part.sum;
    running.magnitude += part.magnitude;
  }
  std::vector<Findings> found(before.size());
  for_each_part(v.n, [&](std::size_t k, Range r) {
    Prefix p = before[k];
    for (std::size_t i = r.begin; i < r.end; ++i) {
      p.add(v.in[i]);
      found[k].add(i, compare(v.out[i], p, i + 1));
    }
  });
  Findings all;
  for (const Findings& f : found) all.merge(f);
  return verdict_of(all, "prefix sums", [&](std::size_t i) {
    Prefix p;
    for (std::size_t j = 0; j <= i; ++j) p.add(v.in[j]);
    return fmt::format("got {}, expected {}", static_cast<double>(v.out[i]), static_cast<double>(p.sum));
  });
}

// The default data (seed 0) are the stream kernels' k/16: every prefix is then exact in double,
// so a carry lost or a value counted twice is off by a sixteenth or more. Other seeds: [-1, 1).
template <class T>
std::unique_ptr<Problem> make(std::size_t n, std::uint64_t seed, const ChunkRunner& first_touch) {
  auto p = std::make_unique<ScanProblem<T>>(n);
  T* in = const_cast<T*>(p->view.in);
  first_touch(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      in[i] = static_cast<T>(seed == 0 ? default_value(41, i) : uniform_pm1(seed, 41, i));
  });
  return p;
}

class ScanSpec final : public ViewSpec<ScanProblem, make<float>, make<double>, check<float>, check<double>> {
 public:
  std::string_view name() const override { return "scan"; }
  std::string_view description() const override {
    return "inclusive prefix sums of n values, carried in double (memory-bound; each index depends on every one "
           "before it)";
  }
  Bound bound() const override { return Bound::memory; }
  int listing_order() const override { return 7; }  // after BabelStream's six, before stencil
  // Each array at least four times the last-level cache, as the stream kernels' are.
  Extents default_size(Precision p, const SizingHints& hints) const override {
    return std::bit_ceil(std::max<std::size_t>(4 * hints.last_level_cache_bytes / size_of(p), std::size_t{1} << 20));
  }
  std::size_t footprint_bytes(const Extents& e, Precision p) const override { return times(2 * size_of(p), e.count()); }
  // Each value read once and each sum written once (a parallel scan reads its input twice: that
  // is its cost, not work), and one addition a value.
  WorkModel work(const Extents& e, Precision p) const override {
    const double n = static_cast<double>(e.count());
    return {2 * n * static_cast<double>(size_of(p)), n, {{"Gvalue", n / 1e9}}};
  }
};

const KernelRegistration registration{std::make_unique<ScanSpec>()};

}  // namespace
}  // namespace flynn
