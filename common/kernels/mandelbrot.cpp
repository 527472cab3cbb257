// mandelbrot: escape-time counts on a W x H grid (common/kernels/mandelbrot.hpp has the formula).
// Compute-bound and divergent: SIMD lanes iterate under a mask until every lane has escaped, a
// warp pays for its slowest pixel, and threads take rows as they come free. Its work is known
// only after the run: the iterations the pixels really took.
#include "common/kernels/mandelbrot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <limits>

#include "common/by_precision.hpp"
#include "common/registry.hpp"
#include "common/verify.hpp"

namespace flynn {
namespace {

// The count a kernel that contracts nothing would give, as the header writes it. This file is
// compiled with -ffp-contract=off (common/CMakeLists.txt), so the compiler fuses nothing here.
template <class T>
int reference_count(const MandelbrotView<T>& v, std::size_t x, std::size_t y) {
  const T cr = v.x0 + static_cast<T>(x) * v.dx, ci = v.y0 + static_cast<T>(y) * v.dy;
  T zr = 0, zi = 0;
  int k = 0;
  for (; k < v.max_iterations; ++k) {
    const T zr2 = zr * zr, zi2 = zi * zi;
    if (zr2 + zi2 > T(4)) break;
    zi = (zr + zr) * zi + ci;
    zr = zr2 - zi2 + cr;
  }
  return k;
}

struct Comparison {
  std::size_t out_of_range = 0, differing = 0, first_bad = 0;
  bool any_bad = false;
  long long got_total = 0, reference_total = 0;
};

template <class T>
Comparison compare(const MandelbrotView<T>& v) {
  std::vector<Comparison> parts(parts_for(v.height));
  for_each_part(v.height, [&](std::size_t part, Range rows) {
    Comparison c;
    for (std::size_t y = rows.begin; y < rows.end; ++y)
      for (std::size_t x = 0; x < v.width; ++x) {
        const std::size_t i = y * v.width + x;
        const int got = v.counts[i], want = reference_count(v, x, y);
        const bool in_range = got >= 0 && got <= v.max_iterations;  // -1: poison, a pixel nobody wrote
        if (!in_range) ++c.out_of_range;
        if (got != want) {
          if (!c.any_bad) c.first_bad = i;
          c.any_bad = true;
          ++c.differing;
        }
        c.got_total += in_range ? got : 0;
        c.reference_total += want;
      }
    parts[part] = c;
  });
  Comparison all;
  for (const Comparison& c : parts) {
    if (c.any_bad && !all.any_bad) all.first_bad = c.first_bad;
    all.any_bad = all.any_bad || c.any_bad;
    all.out_of_range += c.out_of_range;
    all.differing += c.differing;
    all.got_total += c.got_total;
    all.reference_total += c.reference_total;
  }
  return all;
}

template <class T>
Verdict check(const MandelbrotView<T>& v) {
  const Comparison c = compare(v);
  const std::size_t pixels = v.width * v.height;
  // FMA contraction (which -ffp-contract=fast and nvcc apply where they choose) rounds some sums
  // of products once instead of twice, and a pixel on the set's boundary, where the orbit is
  // chaotic, may then escape at another iteration, or not at all. Measured against this
  // uncontracted reference at 2048x2048 (GCC, AVX2 with FMA): 0.13% of pixels differ in float,
  // 0.0002% in double, and the total iterations by 0.04%. Allowed: 1% of the pixels (at least one),
  // and 1% of the total iterations (at least one pixel's worth), the figure the work is counted
  // from. A count out of range (a pixel nobody wrote is -1), a row, lane or tail missed, or an
  // iteration more or fewer for every escaping pixel, exceeds these at once.
  const std::size_t allowed_pixels = (pixels + 99) / 100;
  const long long allowed_iterations = std::max<long long>(v.max_iterations, (c.reference_total + 99) / 100);
  const long long iteration_error = std::llabs(c.got_total - c.reference_total);
  Verdict out{c.out_of_range == 0 && c.differing <= allowed_pixels && iteration_error <= allowed_iterations,
              static_cast<double>(c.differing), static_cast<double>(allowed_pixels), ""};
  if (!out.ok) {
    const std::size_t x = c.first_bad % v.width, y = c.first_bad / v.width;
    out.detail = fmt::format(
        "{} of {} pixels differ (at most {} may), {} out of range, total iterations {} against {} (at most {} "
        "apart); first at ({}, {}): got {}, expected {}",
        c.differing, pixels, allowed_pixels, c.out_of_range, c.got_total, c.reference_total, allowed_iterations, x, y,
        v.counts[c.first_bad], reference_count(v, x, y));
  }
  return out;
}

template <class T>
std::int64_t total_iterations(const MandelbrotView<T>& v) {
  std::vector<std::int64_t> parts(parts_for(v.height));
  for_each_part(v.height, [&](std::size_t part, Range rows) {
    std::int64_t sum = 0;
    for (std::size_t i = rows.begin * v.width; i < rows.end * v.width; ++i) sum += std::max(0, v.counts[i]);
    parts[part] = sum;
  });
  std::int64_t all = 0;
  for (std::int64_t s : parts) all += s;
  return all;
}

class MandelbrotSpec final : public KernelSpec {
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
  // The region is fixed: the seed changes nothing (a random window could sit wholly on the
  // boundary, where the contraction allowance above was not measured).
  std::unique_ptr<Problem> make_problem(const Extents& e, Precision p, std::uint64_t,
                                        const ChunkRunner&) const override {
    if (e.dimensions != 2) throw std::invalid_argument("mandelbrot's size is a width x height grid");
    if (p == Precision::f32) return std::make_unique<MandelbrotProblem<float>>(e);
    return std::make_unique<MandelbrotProblem<double>>(e);
  }
  void poison(Problem& problem) const override {
    for (const BufferRef& b : problem.buffers())
      std::fill_n(static_cast<std::int32_t*>(b.data), b.bytes / sizeof(std::int32_t), -1);
  }
  Verdict verify(const Problem& problem) const override {
    return by_precision<MandelbrotProblem>(problem, [](const auto& s) { return check(s.view); });
  }
};

const KernelRegistration registration{std::make_unique<MandelbrotSpec>()};

}  // namespace
}  // namespace flynn
