// The floating-point types every kernel is built for, named as users type them.
#pragma once
#include <optional>
#include <string_view>

namespace flynn {

enum class Precision { f32, f64 };

inline constexpr Precision all_precisions[] = {Precision::f32, Precision::f64};

constexpr std::string_view to_string(Precision p) { return p == Precision::f32 ? "float" : "double"; }

constexpr std::size_t size_of(Precision p) { return p == Precision::f32 ? 4 : 8; }

inline std::optional<Precision> parse_precision(std::string_view s) {
  if (s == "float" || s == "f32" || s == "single") return Precision::f32;
  if (s == "double" || s == "f64") return Precision::f64;
  return std::nullopt;
}

template <class T>
constexpr Precision precision_of() {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>);
  return std::is_same_v<T, float> ? Precision::f32 : Precision::f64;
}

}  // namespace flynn
