// mandelbrot: escape-time counts on a W x H grid (common/kernels/mandelbrot.hpp has the formula).
// Compute-bound and divergent: SIMD lanes iterate under a mask until every lane has escaped, a
// warp pays for its slowest pixel, and threads take rows as they come free. Its work is known
// only after the run: the iterations the pixels really took.
#include "common/kernels/mandelbrot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>

#include "common/by_precision.hpp"
#include "common/registry.hpp"
#include "common/verify.hpp"
#include "common/view_spec.hpp"

namespace flynn {
namespace {

// How a product and the sum after it are rounded: apart (twice), or fused into one (FMA), with the
// first or the second of two products fused where a sum has two (zr^2 + zi^2, zr^2 - zi^2): a
// contracting compiler (GCC's -ffp-contract=fast, nvcc) may pick either, and c's own products too.
// Or only c's and zi's products fused, each square rounded on its own because both sums use it:
// what nvcc makes of the GPU loop (mandelbrot.hpp's escape_count, read in its PTX).
enum class Fusion { none, first, second, squares_apart };

// Pixel (x, y)'s count computed in U, rounded as `fusion` says. This file is compiled with
// -ffp-contract=off (common/CMakeLists.txt), so only std::fma fuses here. In T with no fusion it is
// the loop the header writes, the reference every backend is held to.
template <class U, class T>
int count_in(const MandelbrotView<T>& v, std::size_t x, std::size_t y, Fusion fusion) {
  const bool fused = fusion != Fusion::none;
  auto mul_add = [fused](U a, U b, U c) { return fused ? std::fma(a, b, c) : a * b + c; };
  const U cr = mul_add(static_cast<U>(x), v.dx, v.x0), ci = mul_add(static_cast<U>(y), v.dy, v.y0);
  U zr = 0, zi = 0;
  int k = 0;
  for (; k < v.max_iterations; ++k) {
    U norm, zr_next;
    if (fusion == Fusion::squares_apart) {
      const U zr2 = zr * zr, zi2 = zi * zi;
      norm = zr2 + zi2;
      zr_next = zr2 - zi2 + cr;
    } else if (fusion == Fusion::second) {  // zi's square fused, zr's rounded on its own
      const U zr2 = zr * zr;
      norm = std::fma(zi, zi, zr2);
      zr_next = std::fma(-zi, zi, zr2) + cr;
    } else {  // zr's square fused (or neither)
      const U zi2 = zi * zi;
      norm = mul_add(zr, zr, zi2);
      zr_next = mul_add(zr, zr, -zi2) + cr;
    }
    if (norm > U(4)) break;
    zi = mul_add(zr + zr, zi, ci);
    zr = zr_next;
  }
  return k;
}

template <class T>
int reference_count(const MandelbrotView<T>& v, std::size_t x, std::size_t y) {
  return count_in<T>(v, x, y, Fusion::none);
}

// Whether a pixel's count hangs on rounding: near the set's boundary the orbit is chaotic, and
// one rounding more or less (FMA contraction, either product) or a wider type changes when it
// escapes, or whether it does. Such a pixel has no single right count: the same arithmetic, rounded as legitimately,
// disagrees with itself. (A grid can sit on such points: 40x30 puts a pixel a rounding away from
// -i, a point of the boundary, where a contracted loop escapes after 44 iterations and the
// reference never does.)
template <class T>
bool hangs_on_rounding(const MandelbrotView<T>& v, std::size_t x, std::size_t y, int reference) {
  using Wider = std::conditional_t<std::is_same_v<T, float>, double, long double>;
  return count_in<T>(v, x, y, Fusion::first) != reference || count_in<T>(v, x, y, Fusion::second) != reference ||
         count_in<T>(v, x, y, Fusion::squares_apart) != reference ||
         count_in<Wider>(v, x, y, Fusion::none) != reference;
}

struct Comparison {
  std::size_t out_of_range = 0, differing = 0, unexplained = 0, first_bad = 0;
  bool any_bad = false;
};

template <class T>
Comparison compare(const MandelbrotView<T>& v) {
  return fold_parts<Comparison>(
      v.height,
      [&](Range rows) {
        Comparison c;
        for (std::size_t y = rows.begin; y < rows.end; ++y)
          for (std::size_t x = 0; x < v.width; ++x) {
            const std::size_t i = y * v.width + x;
            const int got = v.counts[i], want = reference_count(v, x, y);
            if (got == want) continue;
            ++c.differing;
            const bool in_range = got >= 0 && got <= v.max_iterations;  // -1: poison, a pixel nobody wrote
            const bool unexplained = !in_range || !hangs_on_rounding(v, x, y, want);
            if (!in_range) ++c.out_of_range;
            if (unexplained) {
              if (!c.any_bad) c.first_bad = i;
              c.any_bad = true;
              ++c.unexplained;
            }
          }
        return c;
      },
      [](Comparison& all, const Comparison& c) {
        if (c.any_bad && !all.any_bad) all.first_bad = c.first_bad;
        all.any_bad = all.any_bad || c.any_bad;
        all.out_of_range += c.out_of_range;
        all.differing += c.differing;
        all.unexplained += c.unexplained;
      });
}

template <class T>
Verdict check(const MandelbrotView<T>& v) {
  const Comparison c = compare(v);
  const std::size_t pixels = v.width * v.height;
  // A pixel may differ from the reference where the reference itself, rounded another legitimate
  // way, differs (hangs_on_rounding), by any count in range: there the right count is not one
  // number. Elsewhere a kernel must match, except that its rounding may be none of those tried (a
  // compiler fuses some products and not others, differently in each loop). Measured with no allowance,
  // every CPU backend on x86-64 (GCC; SSE2, and AVX2 and AVX-512 with FMA), both precisions, at
  // grids from 1x1 to 4096x3000: not one such pixel. Every one of the loop's 36 ways to contract
  // (c's and zi's products fused or not, and either square or neither fused into each of the two
  // sums of squares), emulated at 100x37, 257x129, 1024x1024 and 4096x3000: at most 0.0091% of the
  // pixels (3 of 33153, float; none in double but 2 of 12288000). Allowed: 0.0125% (none below 8000
  // pixels). A count out of range (a pixel nobody wrote is -1), a row, lane or tail missed, or an
  // iteration more or fewer for every escaping pixel exceeds it at once; 0.1%, the allowance before,
  // passed a default grid whose 8 parts' first rows were each computed from the row above (a
  // helper's probe: 783 pixels off, 1048 allowed; now 131).
  const std::size_t allowed = pixels / 8000;
  Verdict out{c.out_of_range == 0 && c.unexplained <= allowed, static_cast<double>(c.unexplained),
              static_cast<double>(allowed), ""};
  if (!out.ok) {
    const std::size_t x = c.first_bad % v.width, y = c.first_bad / v.width;
    out.detail = fmt::format(
        "{} of {} pixels differ where rounding does not explain it (at most {} may; {} differ in all), {} out of "
        "range; first at ({}, {}): got {}, expected {}",
        c.unexplained, pixels, allowed, c.differing, c.out_of_range, x, y, v.counts[c.first_bad],
        reference_count(v, x, y));
  }
  return out;
}

template <class T>
std::int64_t total_iterations(const MandelbrotView<T>& v) {
  return fold_parts<std::int64_t>(
      v.height,
      [&](Range rows) {
        std::int64_t sum = 0;
        for (std::size_t i = rows.begin * v.width; i < rows.end * v.width; ++i) sum += std::max(0, v.counts[i]);
        return sum;
      },
      [](std::int64_t& all, std::int64_t sum) { all += sum; });
}

// The region is fixed: the seed changes nothing (a random window could sit wholly on the
// boundary, where the contraction allowance above was not measured).
template <class T>
std::unique_ptr<Problem> make(const Extents& e, std::uint64_t, const ChunkRunner&) {
  if (e.dimensions != 2) throw std::invalid_argument("mandelbrot's size is a width x height grid");
  return std::make_unique<MandelbrotProblem<T>>(e);
}

class MandelbrotSpec final
    : public ViewSpec<MandelbrotProblem, make<float>, make<double>, check<float>, check<double>> {
 public:
  std::string_view name() const override { return "mandelbrot"; }
  std::string_view description() const override {
    return "escape-time counts on a WxH grid, at most 256 iterations of 8 flops (compute-bound, divergent)";
  }
  Bound bound() const override { return Bound::compute; }
  int listing_order() const override { return 10; }
  int dimensions() const override { return 2; }
  std::vector<Extents> test_sizes() const override {
    // Widths that are no multiple of any lane count (tails in every row), heights no multiple of
    // any thread count, and one grid of several thousand pixels for the GPUs' grids.
    return {Extents::grid(1, 1),   Extents::grid(3, 2),    Extents::grid(17, 3),
            Extents::grid(31, 17), Extents::grid(100, 37), Extents::grid(257, 129)};
  }
  // A fraction of a second for one plain core (about 60 million iterations).
  Extents default_size(Precision, const SizingHints&) const override { return Extents::grid(1024, 1024); }
  std::size_t footprint_bytes(const Extents& e, Precision) const override {
    return times(sizeof(std::int32_t), e.count());
  }
  WorkModel work(const Extents& e, Precision) const override {
    // Before the run, only the bytes and pixels are known; work_done counts the iterations.
    const double pixels = static_cast<double>(e.count());
    return {pixels * sizeof(std::int32_t), 0, {{"Mpixel", pixels / 1e6}, {"Giteration", 0}}};
  }
  WorkModel work_done(const Problem& solved, const Extents& e, Precision p) const override {
    const double iterations = static_cast<double>(
        by_precision<MandelbrotProblem>(solved, [](const auto& s) { return total_iterations(s.view); }));
    WorkModel w = work(e, p);
    w.flops = MandelbrotRegion::flops_per_iteration * iterations;
    w.amounts[1].count = iterations / 1e9;
    return w;
  }
  void poison(Problem& problem) const override { fill_outputs<std::int32_t>(problem, -1); }
};

const KernelRegistration registration{std::make_unique<MandelbrotSpec>()};

}  // namespace
}  // namespace flynn
