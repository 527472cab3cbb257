#include "common/stream/stream_spec.hpp"

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <limits>
#include <vector>

#include "common/by_precision.hpp"
#include "common/parallel_parts.hpp"
#include "common/seeded.hpp"
#include "common/verify.hpp"

namespace flynn {
namespace {

template <class T>
T start_value(std::uint64_t seed, StreamArray x, std::size_t i) {
  const std::uint64_t stream = static_cast<std::uint64_t>(x) + 1;
  if (seed == 0) return static_cast<T>(default_value(stream, i));
  return static_cast<T>(uniform_pm1(seed, stream, i));
}

template <class T>
std::unique_ptr<Problem> make(std::size_t n, std::uint64_t seed, const StreamRoles& roles,
                              const ChunkRunner& first_touch) {
  auto p = std::make_unique<StreamProblem<T>>(n, static_cast<T>(start_scalar), roles);
  p->exact_products = seed == 0;
  first_touch(n, [&](std::size_t begin, std::size_t end) {
    for (StreamArray x : {StreamArray::a, StreamArray::b, StreamArray::c}) {
      if (!uses(roles, x)) continue;
      T* v = p->array(x);
      for (std::size_t i = begin; i < end; ++i) v[i] = start_value<T>(seed, x, i);
    }
  });
  p->keep_start_values(first_touch);
  return p;
}

// The inputs of element i as the kernel read them (an array updated in place: its start values).
template <class T>
StreamElement element(const StreamProblem<T>& p, std::size_t i) {
  auto at = [&](StreamArray x) {
    const T* v = p.before(x);
    return v ? static_cast<long double>(v[i]) : 0.0L;  // nullptr: unused by the kernel
  };
  return {at(StreamArray::a), at(StreamArray::b), at(StreamArray::c), p.view.scalar};
}

template <class T>
Verdict verify_elementwise(const StreamProblem<T>& p, const StreamDesc& d) {
  const T* out = p.array(*d.roles.writes);
  const Findings f = check_all(p.view.n, [&](std::size_t i) {
    const Expected e = d.reference(element(p, i));
    // k roundings of at most u each, relative to the magnitude, plus the second-order term and
    // the reference's own rounding in long double. copy makes none: it must be exact.
    const long double tol = rounding_tolerance<T>(e.roundings, e.magnitude);
    const long double err = std::fabs(static_cast<long double>(out[i]) - e.value);
    return ElementCheck{err <= tol, err, tol};
  });
  return verdict_of(f, "elements", [&](std::size_t i) {
    return fmt::format("got {}, expected {}", static_cast<double>(out[i]),
                       static_cast<double>(d.reference(element(p, i)).value));
  });
}

template <class T>
Verdict verify_reduction(const StreamProblem<T>& p, const StreamDesc& d) {
  struct Sums {
    long double exact = 0, abs_sum = 0, max_abs = 0;
  };
  const auto [exact, abs_sum, max_abs] = fold_parts<Sums>(
      p.view.n,
      [&](Range r) {
        Sums s;
        for (std::size_t i = r.begin; i < r.end; ++i) {
          const Expected e = d.reference(element(p, i));
          s.exact += e.value;
          s.abs_sum += e.magnitude;
          s.max_abs = std::max<long double>(s.max_abs, e.magnitude);
        }
        return s;
      },
      [](Sums& all, const Sums& s) {
        all.exact += s.exact;
        all.abs_sum += s.abs_sum;
        all.max_abs = std::max(all.max_abs, s.max_abs);
      });
  // Each product is rounded once in T (or not at all, under FMA); float partial sums cover at
  // most float_block terms; those partials are summed in double in any order (threads, blocks,
  // warps). Random data's products have mixed signs and sizes, so the roundings are bounded
  // probabilistically (verify.hpp). The float blocks' errors together are within
  // probable_grouped_sums_error, or each block's probable gamma_k of its sum of |terms| added up,
  // whichever is less. Where there are many blocks the first is far tighter: at 2^22 floats about
  // 0.6 against 20, where losing one part of 16 moves the sum by about 170, and the added-up bound
  // passed such a sum for about one random seed in ten (seed 2 of the test's eight). The
  // products' roundings and the double stage count against the sum of |terms| (the worst case,
  // gamma_k, was three times looser still), and the reference's own long-double sum adds its
  // gamma_n. For 2^24 doubles this is ~5e-12 of sum|a_i b_i| (the worst case: 2e-9).
  const std::size_t n = p.view.n;
  const std::size_t float_terms = std::is_same_v<T, float> ? std::min(n, StreamSpec::float_block) : 0;
  const long double float_blocks = probable_grouped_sums_error(float_terms, unit_roundoff<float>(), max_abs, abs_sum);
  const long double bound =
      (unit_roundoff<T>() + probable_gamma(n, unit_roundoff<double>()) + gamma(n, unit_roundoff<long double>())) *
          abs_sum +
      float_blocks;
  // On the default data every term is exact and so is every sum a correct implementation forms
  // (default_value): there the only right answer is the exact one, and a term dropped, added twice
  // or summed in a float accumulator past float_block terms shows, however small. (With random data,
  // a tolerance of about 6e-5 of sum|a b| in float would hide thousands of missing terms.)
  const long double tol = p.exact_products && n <= max_exact_terms ? 0 : bound;
  const long double err = std::fabs(static_cast<long double>(p.sum) - exact);
  Verdict v{err <= tol, static_cast<double>(err), static_cast<double>(tol), ""};
  if (!v.ok)
    v.detail = fmt::format("sum {} differs from {} by {:.3g} (tolerance {:.3g})", p.sum, static_cast<double>(exact),
                           v.max_error, v.tolerance);
  return v;
}

}  // namespace

Extents StreamSpec::default_size(Precision p, const SizingHints& hints) const {
  // Each array at least four times the last-level cache, so every repetition streams from DRAM.
  const std::size_t want = 4 * hints.last_level_cache_bytes / size_of(p);
  return std::bit_ceil(std::max<std::size_t>(want, std::size_t{1} << 20));
}

namespace {
std::size_t arrays_of(std::size_t arrays, std::size_t n, Precision p) { return times(arrays * size_of(p), n); }
}  // namespace

// Host and GPU hold only the arrays the kernel uses; the host also keeps an in-place array's start values.
std::size_t StreamSpec::footprint_bytes(const Extents& e, Precision p) const {
  return arrays_of(used_arrays() + (in_place(d_.roles) ? 1 : 0), e.count(), p);
}
std::size_t StreamSpec::device_footprint_bytes(const Extents& e, Precision p) const {
  return arrays_of(used_arrays(), e.count(), p);
}

WorkModel StreamSpec::work(const Extents& e, Precision p) const {
  const std::size_t arrays = moved_arrays(), n = e.count();
  WorkModel w{static_cast<double>(arrays) * static_cast<double>(n) * static_cast<double>(size_of(p)),
              d_.flops_per_element * static_cast<double>(n)};
  if (!d_.million_elements_unit.empty())
    w.amounts.push_back({std::string(d_.million_elements_unit), static_cast<double>(n) / 1e6});
  return w;
}

std::unique_ptr<Problem> StreamSpec::make_problem(const Extents& e, Precision p, std::uint64_t seed,
                                                  const ChunkRunner& first_touch) const {
  const ChunkRunner& run = first_touch ? first_touch : ChunkRunner(serial_chunks);
  const std::size_t n = e.count();
  return p == Precision::f32 ? make<float>(n, seed, d_.roles, run) : make<double>(n, seed, d_.roles, run);
}

void StreamSpec::poison(Problem& problem) const {
  // An array updated in place holds the kernel's input and is not an output buffer: an element the
  // kernel fails to update keeps its start value, which the reference never equals (every term is
  // nonzero on the default data).
  fill_outputs_with_nan(problem);
  by_precision<StreamProblem>(problem, [](auto& p) { p.sum = std::numeric_limits<double>::quiet_NaN(); });
}

Verdict StreamSpec::verify(const Problem& problem) const {
  return by_precision<StreamProblem>(
      problem, [&](const auto& p) { return d_.roles.writes ? verify_elementwise(p, d_) : verify_reduction(p, d_); });
}

}  // namespace flynn
