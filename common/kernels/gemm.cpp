// gemm: C = A B on n x n matrices (the formula is in gemm.hpp). O(n^3) work on O(n^2) data: each
// element of A and B is used n times, so a kernel that keeps blocks of them in registers and
// caches is bound by its arithmetic, and one that streams them from memory every time is not.
// The vendor libraries (OpenBLAS, cuBLAS) implement it too: the ceiling a hand-written kernel is
// measured against.
#include "common/kernels/gemm.hpp"

#include <cmath>
#include <type_traits>

#include "common/registry.hpp"
#include "common/seeded.hpp"
#include "common/verify.hpp"
#include "common/view_spec.hpp"

namespace flynn {
namespace {

// An element of C and what its rounding scales with: sum over k of |a_ik b_kj|.
struct Expected {
  long double value, magnitude;
};

// The reference's precision: double for float results (a product of two floats is exact in
// double, and double is hardware everywhere, where long double is software on AArch64), long
// double for double ones.
template <class T>
using Wide = std::conditional_t<std::is_same_v<T, float>, double, long double>;

template <class T>
Expected element(const GemmView<T>& v, std::size_t i, std::size_t j) {
  Wide<T> value = 0, magnitude = 0;
  for (std::size_t k = 0; k < v.n; ++k) {
    const Wide<T> p = static_cast<Wide<T>>(v.a[i * v.n + k]) * v.b[k * v.n + j];
    value += p;
    magnitude += std::fabs(p);
  }
  return {value, magnitude};
}

// A sum of n products in T, in any order, with or without FMA contraction, is within gamma_n of
// the sum of |products| (Higham, ch. 3): the bound for every order of k that blocks, lanes and
// tiles choose. The reference's own rounding (a product, n sums) is added.
template <class T>
long double relative_bound(std::size_t n) {
  return gamma(n, unit_roundoff<T>()) + gamma(n + 1, unit_roundoff<Wide<T>>());
}

// The elements checked one by one: those where (i + j) is a multiple of `stride`, and the
// diagonal. Any `stride` neighbours along a row or a column hold one, so every row and column,
// each thread's rows and each block's tile at least `stride` wide is seen; the stride grows with
// n so that the check costs about 2^24 reference products (every element up to n = 256; one in 65
// at 1025; a few a row at 8192), which keeps it quick under qemu too.
std::size_t stride_for(std::size_t n) {
  const long double products = static_cast<long double>(n) * n * n, budget = 1 << 24;
  return products <= budget ? 1 : static_cast<std::size_t>(std::ceil(products / budget));
}

template <class F>
void for_each_checked(std::size_t n, std::size_t stride, std::size_t i, F f) {
  for (std::size_t j = (stride - i % stride) % stride; j < n; j += stride) f(j);
  if ((2 * i) % stride) f(i);
}

// Every row of C at once, by Freivalds' check: C x = A (B x) for a vector x of weights in [1, 2),
// at O(n^2). An element nobody wrote (NaN) or one far off shows in its row's sum; what the
// elements above see at their tight bounds, this sees everywhere at the row's looser one (the
// sum of its elements' bounds, weighted by x: some 24 in float at n = 1025, where an element is
// about 10, so it alone would pass one element negated).
template <class T>
Findings every_row(const GemmView<T>& v) {
  const std::size_t n = v.n;
  std::vector<long double> x(n), bx(n), abs_bx(n);
  for (std::size_t j = 0; j < n; ++j) x[j] = 1.5L + uniform_pm1(0, 29, j) / 2;
  for_each_part(n, [&](std::size_t, Range r) {
    for (std::size_t k = r.begin; k < r.end; ++k) {
      long double s = 0, m = 0;
      for (std::size_t j = 0; j < n; ++j) {
        s += v.b[k * n + j] * x[j];
        m += std::fabs(static_cast<long double>(v.b[k * n + j])) * x[j];
      }
      bx[k] = s;
      abs_bx[k] = m;
    }
  });
  // (|A| (|B| x))_i bounds the sum over j of x_j |a_i||b_j|; B x and A (B x) add 2n roundings
  // of long double to the reference.
  const long double relative = relative_bound<T>(n) + gamma(2 * n + 2, unit_roundoff<long double>());
  return check_all(n, [&](std::size_t i) {
    long double want = 0, magnitude = 0, got = 0;
    for (std::size_t k = 0; k < n; ++k) {
      want += v.a[i * n + k] * bx[k];
      magnitude += std::fabs(static_cast<long double>(v.a[i * n + k])) * abs_bx[k];
      got += v.c[i * n + k] * x[k];
    }
    const long double err = std::fabs(got - want), tol = relative * magnitude;
    return ElementCheck{err <= tol, err, tol};  // NaN: an element nobody wrote
  });
}

template <class T>
Verdict check(const GemmView<T>& v) {
  const std::size_t n = v.n, stride = stride_for(n);
  const long double relative = relative_bound<T>(n);
  auto compare = [&](std::size_t i, std::size_t j) {
    const Expected e = element(v, i, j);
    const long double err = std::fabs(static_cast<long double>(v.c[i * n + j]) - e.value);
    return ElementCheck{err <= relative * e.magnitude, err, relative * e.magnitude};  // NaN fails
  };
  // One finding a row: its first failing element, else the one closest to its bound.
  const Findings elements = check_all(n, [&](std::size_t i) {
    ElementCheck worst{true, 0, 0};
    for_each_checked(n, stride, i, [&](std::size_t j) {
      const ElementCheck c = compare(i, j);
      const bool closer = c.tolerance > 0 && c.error * worst.tolerance >= worst.error * c.tolerance;
      if (worst.ok && (!c.ok || closer || worst.tolerance == 0)) worst = c;
    });
    return worst;
  });
  if (elements.failures)
    return verdict_of(
        elements, fmt::format("rows (elements checked: one in {} along each)", stride), [&](std::size_t i) {
          std::size_t bad = n;
          for_each_checked(n, stride, i, [&](std::size_t j) {
            if (bad == n && !compare(i, j).ok) bad = j;
          });
          return fmt::format("C({}, {}) is {}, expected {}", i, bad, static_cast<double>(v.c[i * n + bad]),
                             static_cast<double>(element(v, i, bad).value));
        });
  const Findings rows = every_row(v);
  if (rows.failures)
    return verdict_of(rows, "rows (Freivalds' check of C x against A (B x))", [&](std::size_t i) {
      std::size_t first_nan = n;
      for (std::size_t j = 0; j < n && first_nan == n; ++j)
        if (std::isnan(v.c[i * n + j])) first_nan = j;
      return first_nan < n ? fmt::format("C({}, {}) was never written", i, first_nan)
                           : fmt::format("row {} of C is off by more than its elements' bounds add up to", i);
    });
  return verdict_of(elements, "", [](std::size_t) { return std::string(); });
}

template <class T>
std::unique_ptr<Problem> make(std::size_t n, std::uint64_t seed, const ChunkRunner& first_touch) {
  auto p = std::make_unique<GemmProblem<T>>(n);
  auto& v = p->view;
  first_touch(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin * n; i < end * n; ++i) {
      const_cast<T*>(v.a)[i] = static_cast<T>(uniform_pm1(seed, 21, i));
      const_cast<T*>(v.b)[i] = static_cast<T>(uniform_pm1(seed, 22, i));
    }
  });
  return p;
}

class GemmSpec final : public ViewSpec<GemmProblem, make<float>, make<double>, check<float>, check<double>> {
 public:
  std::string_view name() const override { return "gemm"; }
  std::string_view description() const override {
    return "C = A B for n x n matrices, 2 n^3 flops (sgemm, dgemm; compute-bound where blocks are reused from "
           "registers and caches)";
  }
  Bound bound() const override { return Bound::compute; }
  int listing_order() const override { return 50; }
  // Past every lane count and a 64-wide GPU tile (65); past a 256-deep block of k (287) and a
  // 512-wide panel of B (543, the SIMD kernel's in float), each with 31 columns left over, so the
  // SIMD kernel's one-batch tiles and single columns run on later blocks of k too (at 257 and 513
  // a one-batch tile reading the wrong rows of B there passed). O(n^3) stays quick under qemu.
  std::vector<Extents> test_sizes() const override { return {1, 2, 3, 15, 16, 17, 65, 100, 287, 543}; }
  std::size_t largest_count() const override { return std::size_t{1} << 14; }
  std::string_view why_no_larger() const override {
    return "a product of larger matrices takes hours a run on a CPU core; gemm is O(n^3)";
  }
  // 2.7e8 flops: a tenth of a second for one plain core. (A GPU wants 8192 or more to fill it.)
  Extents default_size(Precision, const SizingHints&) const override { return 512; }
  std::size_t footprint_bytes(const Extents& e, Precision p) const override {
    return times(3 * size_of(p), times(e.count(), e.count()));
  }
  WorkModel work(const Extents& e, Precision p) const override {
    const double n = static_cast<double>(e.count());
    return {3 * n * n * static_cast<double>(size_of(p)), 2 * n * n * n};
  }
};

const KernelRegistration registration{std::make_unique<GemmSpec>()};

}  // namespace
}  // namespace flynn
