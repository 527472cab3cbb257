// A problem's size as its kernel counts it: n elements, bodies or options (one dimension), or a
// width x height grid of pixels (two). Sizes are written as the kernel takes them: `-n 4096`,
// `-n 2048x2048`.
#pragma once
#include <cstddef>
#include <limits>
#include <string>

namespace flynn {

// a times b, or max() where that overflows (a size no machine holds).
inline std::size_t times(std::size_t a, std::size_t b) {
  return b && a > std::numeric_limits<std::size_t>::max() / b ? std::numeric_limits<std::size_t>::max() : a * b;
}

struct Extents {
  std::size_t width = 0;   // elements, bodies, options; a grid's pixels per row
  std::size_t height = 1;  // a grid's rows; 1 for a one-dimensional size
  int dimensions = 1;

  Extents() = default;
  // A one-dimensional size (implicit: a count of elements is the everyday size).
  Extents(std::size_t n) : width(n) {}  // NOLINT(google-explicit-constructor)
  static Extents grid(std::size_t w, std::size_t h) {
    Extents e(w);
    e.height = h;
    e.dimensions = 2;
    return e;
  }

  // Elements in all: max() where width x height overflows (a size no machine holds).
  std::size_t count() const {
    return height && width > std::numeric_limits<std::size_t>::max() / height ? std::numeric_limits<std::size_t>::max()
                                                                              : width * height;
  }
  // As a user writes it: "4099", "2^20", "2048x2048".
  std::string label() const {
    auto one = [](std::size_t n) {
      if (n >= 1024 && (n & (n - 1)) == 0) return "2^" + std::to_string(__builtin_ctzll(n));
      return std::to_string(n);
    };
    return dimensions == 2 ? std::to_string(width) + "x" + std::to_string(height) : one(width);
  }
  friend bool operator==(const Extents& a, const Extents& b) {
    return a.width == b.width && a.height == b.height && a.dimensions == b.dimensions;
  }
  friend bool operator!=(const Extents& a, const Extents& b) { return !(a == b); }
};

}  // namespace flynn
