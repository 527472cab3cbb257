// nbody: all-pairs gravitational acceleration (the formula is in nbody.hpp). O(N^2) work on O(N)
// data: compute-bound everywhere, the kernel where lanes, cores and warps pay most.
#include "common/kernels/nbody.hpp"

#include <cmath>

#include "common/registry.hpp"
#include "common/seeded.hpp"
#include "common/verify.hpp"
#include "common/view_spec.hpp"

namespace flynn {
namespace {

// Bodies whose acceleration is checked: all of a small problem; past it, evenly spread samples
// (always the first and the last), each an O(N) sum in long double.
constexpr std::size_t most_checked = 1024;

struct Expected {
  long double a[3], magnitude;  // magnitude: the sum over j of |m_j d inv^3|, what rounding scales with
};

template <class T>
Expected reference(const NbodyView<T>& v, std::size_t i) {
  Expected e{{0, 0, 0}, 0};
  const long double xi = v.x[i], yi = v.y[i], zi = v.z[i], e2 = v.softening2;
  for (std::size_t j = 0; j < v.n; ++j) {
    const long double d[3] = {v.x[j] - xi, v.y[j] - yi, v.z[j] - zi};
    const long double r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] + e2;
    const long double s = v.mass[j] / (r2 * std::sqrt(r2));
    for (int c = 0; c < 3; ++c) e.a[c] += d[c] * s;
    e.magnitude += (std::fabs(d[0]) + std::fabs(d[1]) + std::fabs(d[2])) * s;
  }
  return e;
}

template <class T>
Verdict check(const NbodyView<T>& v) {
  const std::vector<std::size_t> bodies = sample_indices(v.n, most_checked);
  // Each term m_j d inv^3 takes about 24 roundings in T (r2's three products and three sums,
  // sqrt and the quotient, or CUDA's rsqrt within 2 ulps, the cube, the mass, d): 32 u relative to
  // it, in the worst case. The sum over n terms, in any order (lanes, threads, tiles), adds the
  // probable gamma_n relative to the sum of |terms| (verify.hpp: the terms' signs and sizes are
  // mixed); the reference's own long double sum is far inside that. The worst case, gamma_n, let
  // a sum that left out a tile of 256 bodies pass at 65536 in float (0.51 of it); the probable
  // one is 26 times tighter there (tests/nbody_verification_test.cpp).
  const long double u = unit_roundoff<T>(), relative = 32 * u + probable_gamma(v.n, u);
  const T* out[3] = {v.ax, v.ay, v.az};
  const Findings f = check_all(bodies.size(), [&](std::size_t k) {
    const std::size_t i = bodies[k];
    const Expected e = reference(v, i);
    const long double tol = relative * e.magnitude;
    long double err = 0;
    for (int c = 0; c < 3; ++c) {
      const long double d = std::fabs(static_cast<long double>(out[c][i]) - e.a[c]);
      err = d > err || std::isnan(d) ? d : err;
    }
    return ElementCheck{err <= tol, err, tol};  // NaN: a body nobody computed
  });
  return verdict_of(f, "sampled bodies", [&](std::size_t k) {
    const std::size_t i = bodies[k];
    const Expected e = reference(v, i);
    return fmt::format("body {}: got ({}, {}, {}), expected ({}, {}, {})", i, static_cast<double>(v.ax[i]),
                       static_cast<double>(v.ay[i]), static_cast<double>(v.az[i]), static_cast<double>(e.a[0]),
                       static_cast<double>(e.a[1]), static_cast<double>(e.a[2]));
  });
}

template <class T>
std::unique_ptr<Problem> make(std::size_t n, std::uint64_t seed, const ChunkRunner& first_touch) {
  auto p = std::make_unique<NbodyProblem<T>>(n);
  auto& v = p->view;
  first_touch(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const_cast<T*>(v.x)[i] = static_cast<T>(uniform_pm1(seed, 11, i));
      const_cast<T*>(v.y)[i] = static_cast<T>(uniform_pm1(seed, 12, i));
      const_cast<T*>(v.z)[i] = static_cast<T>(uniform_pm1(seed, 13, i));
      const_cast<T*>(v.mass)[i] = static_cast<T>(0.75 + uniform_pm1(seed, 14, i) / 4);  // in [0.5, 1)
    }
  });
  return p;
}

class NbodySpec final : public ViewSpec<NbodyProblem, make<float>, make<double>, check<float>, check<double>> {
 public:
  std::string_view name() const override { return "nbody"; }
  std::string_view description() const override {
    return "all-pairs gravity on n bodies, 20 flops an interaction (compute-bound: O(n^2) work on O(n) data)";
  }
  Bound bound() const override { return Bound::compute; }
  int listing_order() const override { return 20; }
  // Up to 1025 bodies: past a few blocks and threads' shares, and O(n^2) stays quick under qemu.
  std::vector<Extents> test_sizes() const override { return {1, 2, 3, 15, 16, 17, 255, 1000, 1025}; }
  std::size_t largest_count() const override { return std::size_t{1} << 20; }
  std::string_view why_no_larger() const override {
    return "all pairs of more bodies take hours a run on a CPU core; nbody is O(n^2)";
  }
  // 2.7e8 interactions, 16 times the default's: a second or two a run for one plain core.
  std::size_t largest_unnamed_count() const override { return std::size_t{1} << 14; }
  // About 17 million interactions: a tenth of a second for one plain core.
  Extents default_size(Precision, const SizingHints&) const override { return 4096; }
  std::size_t footprint_bytes(const Extents& e, Precision p) const override { return times(7 * size_of(p), e.count()); }
  WorkModel work(const Extents& e, Precision p) const override {
    const double n = static_cast<double>(e.count()), pairs = n * n;
    return {7 * n * static_cast<double>(size_of(p)),
            NbodyModel::flops_per_interaction * pairs,
            {{"Ginteraction", pairs / 1e9}}};
  }
};

const KernelRegistration registration{std::make_unique<NbodySpec>()};

}  // namespace
}  // namespace flynn
