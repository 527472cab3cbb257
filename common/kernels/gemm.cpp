// gemm: C = A B on n x n matrices (the formula is in gemm.hpp). O(n^3) work on O(n^2) data: each
// element of A and B is used n times, so a kernel that keeps blocks of them in registers and
// caches is bound by its arithmetic, and one that streams them from memory every time is not.
// The vendor libraries (OpenBLAS, cuBLAS) implement it too: the ceiling a hand-written kernel is
// measured against.
#include "common/kernels/gemm.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

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

// Every element of C, a block of `width` columns of a row at a time, by Freivalds' check:
// sum over j in J of c_ij x_j against (A (B_J x_J))_i, for weights x in [1, 2). The products B_J
// x_J cost O(n^2) for all blocks together, the comparisons O(n^3 / width): with `width` the
// stride of the elements above, as much again as they cost. An element nobody wrote (NaN) or one
// off by more than its block's bounds add up to (the sum of its elements', weighted by x: width x
// 1.5 x an element's) fails wherever it is, where one check of the whole row (n x 1.5 x) passed
// one element off by 1 in float at n = 700.
template <class T>
class ColumnBlocks {
 public:
  ColumnBlocks(const GemmView<T>& v, std::size_t width)
      : v_(v),
        width_(width),
        blocks_((v.n + width - 1) / width),
        // (|A| (|B_J| x_J))_i bounds the sum over j in J of x_j |a_i||b_j|; B_J x_J and A (B_J x_J)
        // add 2n roundings of long double to the reference.
        relative_(relative_bound<T>(v.n) + gamma(2 * v.n + 2, unit_roundoff<long double>())),
        x_(v.n),
        bx_(v.n * blocks_),
        abs_bx_(v.n * blocks_) {
    for (std::size_t j = 0; j < v.n; ++j) x_[j] = 1.5L + uniform_pm1(0, 29, j) / 2;
    for_each_part(v.n, [&](std::size_t, Range r) {
      for (std::size_t k = r.begin; k < r.end; ++k)
        for (std::size_t j = 0; j < v.n; ++j) {
          const long double b = v.b[k * v.n + j];
          bx_[k * blocks_ + j / width_] += b * x_[j];
          abs_bx_[k * blocks_ + j / width_] += std::fabs(b) * x_[j];
        }
    });
  }

  std::size_t count() const { return v_.n * blocks_; }
  std::size_t row(std::size_t block) const { return block / blocks_; }
  std::size_t first(std::size_t block) const { return block % blocks_ * width_; }
  std::size_t end(std::size_t block) const { return std::min(first(block) + width_, v_.n); }

  ElementCheck check(std::size_t block) const {
    const std::size_t n = v_.n, i = row(block), column = block % blocks_;
    long double want = 0, magnitude = 0, got = 0;
    for (std::size_t k = 0; k < n; ++k) {
      want += v_.a[i * n + k] * bx_[k * blocks_ + column];
      magnitude += std::fabs(static_cast<long double>(v_.a[i * n + k])) * abs_bx_[k * blocks_ + column];
    }
    for (std::size_t j = first(block); j < end(block); ++j) got += v_.c[i * n + j] * x_[j];
    const long double err = std::fabs(got - want), tol = relative_ * magnitude;
    return ElementCheck{err <= tol, err, tol};  // NaN: an element nobody wrote
  }

 private:
  const GemmView<T>& v_;
  std::size_t width_, blocks_;
  long double relative_;
  std::vector<long double> x_, bx_, abs_bx_;
};

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
  // Up to 256 every element was compared above; past it, every block of `stride` columns is.
  if (stride > 1) {
    const ColumnBlocks<T> blocks(v, stride);
    const Findings sums = check_all(blocks.count(), [&](std::size_t b) { return blocks.check(b); });
    if (sums.failures)
      return verdict_of(sums, fmt::format("blocks of {} columns of a row (Freivalds' check)", stride),
                        [&](std::size_t b) {
                          const std::size_t i = blocks.row(b);
                          for (std::size_t j = blocks.first(b); j < blocks.end(b); ++j)
                            if (std::isnan(v.c[i * n + j])) return fmt::format("C({}, {}) was never written", i, j);
                          return fmt::format("C({}, {}..{}) is off by more than its elements' bounds add up to", i,
                                             blocks.first(b), blocks.end(b) - 1);
                        });
  }
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
  // 2.1e9 flops, 8 times the default's: about a second a run for one plain core.
  std::size_t largest_unnamed_count() const override { return std::size_t{1} << 10; }
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
