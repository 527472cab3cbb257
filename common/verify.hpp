// What every kernel's check is made of: rounding-error bounds, a parallel pass over the elements
// that keeps the first failure and the worst case, and evenly spread samples for kernels whose
// reference costs too much to compute everywhere (nbody's O(N^2)).
#pragma once
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "common/kernel_spec.hpp"
#include "common/parallel_parts.hpp"

namespace flynn {

// Half an ulp of 1: the largest relative error of one correctly rounded operation in T.
template <class T>
constexpr long double unit_roundoff() {
  return static_cast<long double>(std::numeric_limits<T>::epsilon()) / 2;
}

// Higham's gamma_k = k u / (1 - k u): the worst-case relative error of summing k+1 terms in any
// order with unit roundoff u (or of k roundings in a row). Infinite when k u >= 1 (no useful bound).
inline long double gamma(std::size_t k, long double u) {
  const long double ku = static_cast<long double>(k) * u;
  return ku < 1 ? ku / (1 - ku) : std::numeric_limits<long double>::infinity();
}

// A bound on a sum of k+1 terms' rounding error, relative to the sum of |terms|, that grows with
// sqrt(k) where gamma's grows with k: Higham and Mary's probabilistic gamma ("A new approach to
// probabilistic rounding error analysis", SIAM J. Sci. Comput. 41(5), 2019, theorems 2.4 and 3.1).
// If the roundings' relative errors are independent and of mean zero (round to nearest on data of
// mixed signs and sizes, not a stagnating sum of equal terms), a sum in any order is within
// exp(lambda sqrt(k) u + k u^2 / (1 - u)) - 1 of the sum of |terms| with probability at least
// 1 - 2k exp(-lambda^2 (1 - u)^2 / 2): with lambda = 10, below 1e-13 of a false failure for any k
// up to 2^30. Never above gamma, which holds always. At 2^16 float terms it is 26 times tighter.
inline constexpr long double probable_lambda = 10;
inline long double probable_gamma(std::size_t k, long double u) {
  const long double kl = static_cast<long double>(k);
  const long double probable = std::expm1(probable_lambda * std::sqrt(kl) * u + kl * u * u / (1 - u));
  return std::min(probable, gamma(k, u));
}

// The same model's bound on the rounding error of many sums of at most k terms each, formed in any
// order (in any grouping of the terms: SIMD lanes, threads, GPU blocks), in absolute terms. Every
// addition's rounding is delta v, with |delta| <= u of mean zero given what came before, and v,
// the value it rounds, at most the sum of |terms| of its group, S_g: a martingale whose steps are
// bounded, so by Azuma and Hoeffding the total is within lambda u sqrt(sum over additions of S_g^2)
// with probability at least 1 - 2 exp(-lambda^2 / 2). A group takes at most k - 1 additions and
// S_g <= k max|term|, so sum S_g^2 <= k max|term| sum|terms|, and the bound is
// lambda u k sqrt(max|term| sum|terms|): where the terms are many, it grows with sqrt(sum|terms|)
// where probable_gamma(k, u) sum|terms| grows with sum|terms|, since the groups' roundings are
// independent and do not add up in the worst direction. (The values rounded are the computed
// ones: products rounded up to 1 + u larger, partial sums already off by up to gamma_k; the last
// two factors allow for that.) Both bounds hold under the model: the lesser is returned, which is
// probable_gamma's where the groups are few (one group: always).
inline long double probable_grouped_sums_error(std::size_t k, long double u, long double max_abs, long double sum_abs) {
  const long double together =
      probable_lambda * u * static_cast<long double>(k) * std::sqrt(max_abs * sum_abs) * (1 + u) * (1 + gamma(k, u));
  return std::min(together, probable_gamma(k, u) * sum_abs);
}

// The bound for a value a correct kernel computes with `roundings` roundings in T, each at most u
// relative to `magnitude` (FMA contraction makes fewer), against a reference in long double.
template <class T>
long double rounding_tolerance(int roundings, long double magnitude) {
  const long double u = unit_roundoff<T>();
  return roundings * (u * (1 + u) + unit_roundoff<long double>()) * magnitude;
}

// poison()'s usual body: every array the kernel only writes (BufferRef::Role::output) filled with
// `value`, so an element a kernel leaves unwritten cannot pass for a result. Arrays it updates in
// place hold its input and are left as they are.
template <class T>
void fill_outputs(Problem& problem, T value) {
  for (const BufferRef& b : problem.buffers())
    if (b.role == BufferRef::Role::output) std::fill_n(static_cast<T*>(b.data), b.bytes / sizeof(T), value);
}

// The same with quiet NaN in the problem's precision: no reference ever equals it.
inline void fill_outputs_with_nan(Problem& problem) {
  if (problem.precision() == Precision::f32)
    fill_outputs(problem, std::numeric_limits<float>::quiet_NaN());
  else
    fill_outputs(problem, std::numeric_limits<double>::quiet_NaN());
}

// One element's comparison with its reference.
struct ElementCheck {
  bool ok;  // false for NaN: an element nobody wrote
  long double error, tolerance;
};

// An integer result (a count): right only when equal, with no tolerance.
template <class I>
ElementCheck exactly(I got, I want) {
  const long double error = got > want ? static_cast<long double>(got - want) : static_cast<long double>(want - got);
  return {got == want, error, 0};
}

// What a pass over many elements found: how many failed, the first (lowest index) that did, and
// with no failure the element closest to its bound.
struct Findings {
  std::size_t checked = 0, failures = 0, first_failure = 0;
  long double worst_ratio = -1, max_error = 0, tolerance = 0;

  void add(std::size_t i, const ElementCheck& c) {
    ++checked;
    if (!c.ok && failures++ == 0) first_failure = i;
    const long double ratio = !c.ok             ? std::numeric_limits<long double>::infinity()
                              : c.tolerance > 0 ? c.error / c.tolerance
                                                : 0;
    if (ratio > worst_ratio && (c.ok || failures == 1)) {
      worst_ratio = ratio;
      max_error = c.error;
      tolerance = c.tolerance;
    }
  }
  // Another part's findings, for indices after all of this one's.
  void merge(const Findings& later) {
    const bool first_failing = later.failures && !failures;
    const bool worse = !failures && !later.failures && later.worst_ratio > worst_ratio;
    const std::size_t total = failures + later.failures, seen = checked + later.checked;
    if (first_failing || worse) *this = later;
    failures = total;
    checked = seen;
  }
};

// check(i) for every i in [0, n), on every hardware thread (a check of 2^31 elements on one
// core took minutes), merged as one pass in index order would have found.
template <class Check>
Findings check_all(std::size_t n, Check check) {
  return fold_parts<Findings>(
      n,
      [&](Range r) {
        Findings f;
        for (std::size_t i = r.begin; i < r.end; ++i) f.add(i, check(i));
        return f;
      },
      [](Findings& all, const Findings& later) { all.merge(later); });
}

// Up to `most` indices spread evenly over [0, n), always with the first and the last, in order:
// where each reference value costs O(n), a sample of them still sees every part of the output
// (each thread's share, each block's, the tail).
inline std::vector<std::size_t> sample_indices(std::size_t n, std::size_t most) {
  std::vector<std::size_t> out;
  if (n == 0) return out;
  if (n <= most) {
    for (std::size_t i = 0; i < n; ++i) out.push_back(i);
    return out;
  }
  for (std::size_t k = 0; k < most; ++k)
    out.push_back(static_cast<std::size_t>(static_cast<long double>(k) * (n - 1) / (most - 1)));
  return out;
}

// The verdict for findings; `describe(i)` says what element i holds and should hold.
template <class Describe>
Verdict verdict_of(const Findings& f, std::string_view what, Describe describe) {
  Verdict v{f.failures == 0, static_cast<double>(f.max_error), static_cast<double>(f.tolerance), ""};
  if (f.failures)
    v.detail = fmt::format("{} of {} {} wrong; first at index {}: {}", f.failures, f.checked, what, f.first_failure,
                           describe(f.first_failure));
  return v;
}

}  // namespace flynn
