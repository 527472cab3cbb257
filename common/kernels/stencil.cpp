// stencil: one heat-equation step, a 5-point star on a W x H grid (common/kernels/stencil.hpp has
// the formula). Memory-bound like the stream kernels, but each value is read by five points: from
// memory once if the caches hold three rows, five times if nothing does. Its figures sit against
// the same bandwidth ceiling, and how close they come says what the caches kept.
#include "common/kernels/stencil.hpp"

#include <bit>
#include <cmath>
#include <stdexcept>

#include "common/registry.hpp"
#include "common/seeded.hpp"
#include "common/verify.hpp"
#include "common/view_spec.hpp"

namespace flynn {
namespace {

struct Expected {
  long double value, magnitude;  // magnitude: c0 |here| + c1 (the four |neighbours|)
};

template <class T>
Expected reference(const StencilView<T>& v, std::size_t x, std::size_t y) {
  const std::size_t w = v.width, i = y * w + x;
  auto at = [&](bool inside, std::size_t j) { return inside ? static_cast<long double>(v.in[j]) : 0.0L; };
  const long double here = v.in[i], west = at(x > 0, i - 1), east = at(x + 1 < w, i + 1), north = at(y > 0, i - w),
                    south = at(y + 1 < v.height, i + w);
  const long double c0 = v.center, c1 = v.neighbour;
  return {c0 * here + c1 * (west + east + north + south),
          c0 * std::fabs(here) + c1 * (std::fabs(west) + std::fabs(east) + std::fabs(north) + std::fabs(south))};
}

template <class T>
Verdict check(const StencilView<T>& v) {
  // c0 and c1 are powers of two, so their products are exact; what rounds is the sum of the five
  // terms, four additions in whatever order a backend adds them (lanes, FMA contraction of either
  // product into the last sum: one rounding fewer). Each is at most u relative to a partial sum no
  // larger than the magnitude, so 4 roundings bound every order. A neighbour missed, taken from
  // the wrong row or column, or wrapped round the edge instead of 0 is off by c1 times a value
  // drawn from [-1, 1) with 24 random bits: millions of times the bound.
  const std::size_t w = v.width;
  const Findings f = check_all(w * v.height, [&](std::size_t i) {
    const Expected e = reference(v, i % w, i / w);
    const long double err = std::fabs(static_cast<long double>(v.out[i]) - e.value);
    const long double tol = rounding_tolerance<T>(4, e.magnitude);
    return ElementCheck{err <= tol, err, tol};  // NaN: a point nobody wrote
  });
  return verdict_of(f, "points", [&](std::size_t i) {
    return fmt::format("({}, {}): got {}, expected {}", i % w, i / w, static_cast<double>(v.out[i]),
                       static_cast<double>(reference(v, i % w, i / w).value));
  });
}

template <class T>
std::unique_ptr<Problem> make(const Extents& e, std::uint64_t seed, const ChunkRunner& first_touch) {
  if (e.dimensions != 2) throw std::invalid_argument("stencil's size is a width x height grid");
  auto p = std::make_unique<StencilProblem<T>>(e);
  auto& v = p->view;
  // Random values for every seed, 0 among them: a constant or periodic grid would hide a
  // neighbour read from the wrong place.
  first_touch(v.height, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin * v.width; i < end * v.width; ++i)
      const_cast<T*>(v.in)[i] = static_cast<T>(uniform_pm1(seed, 31, i));
  });
  return p;
}

class StencilSpec final : public ViewSpec<StencilProblem, make<float>, make<double>, check<float>, check<double>> {
 public:
  std::string_view name() const override { return "stencil"; }
  std::string_view description() const override {
    return "one heat step on a WxH grid, 5-point star, 6 flops a point (memory-bound; each value read by five "
           "points, from memory once where the caches hold three rows)";
  }
  Bound bound() const override { return Bound::memory; }
  int listing_order() const override { return 8; }  // after the stream kernels, before the compute-bound ones
  int dimensions() const override { return 2; }
  // One column (no neighbour east or west, no full vector), one row (none north or south), widths
  // that are no multiple of a lane count with a tail in every row, heights no multiple of a thread
  // or rank count, and one grid of a few blocks' columns for the GPUs.
  std::vector<Extents> test_sizes() const override {
    return {Extents::grid(1, 1),   Extents::grid(1, 7),    Extents::grid(9, 1),    Extents::grid(17, 3),
            Extents::grid(33, 17), Extents::grid(100, 37), Extents::grid(257, 129)};
  }
  // Each array at least four times the last-level cache, as the stream kernels' are: a grid as
  // square as powers of two allow (twice as wide as high where not).
  Extents default_size(Precision p, const SizingHints& hints) const override {
    const std::size_t points =
        std::bit_ceil(std::max<std::size_t>(4 * hints.last_level_cache_bytes / size_of(p), std::size_t{1} << 20));
    const std::size_t width = std::size_t{1} << (std::bit_width(points) / 2);
    return Extents::grid(width, points / width);
  }
  std::size_t footprint_bytes(const Extents& e, Precision p) const override { return times(2 * size_of(p), e.count()); }
  // BabelStream's convention: the grid read once and written once, what a machine whose caches
  // hold three rows moves. Flops: 6 a point (see stencil.hpp).
  WorkModel work(const Extents& e, Precision p) const override {
    const double points = static_cast<double>(e.count());
    return {2 * points * static_cast<double>(size_of(p)),
            StencilModel::flops_per_point * points,
            {{"Mpoint", points / 1e6}}};
  }
};

const KernelRegistration registration{std::make_unique<StencilSpec>()};

}  // namespace
}  // namespace flynn
