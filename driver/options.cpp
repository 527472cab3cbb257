#include "driver/options.hpp"

#include <algorithm>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "common/errors.hpp"
#include "common/machine.hpp"

namespace flynn::driver {
namespace {

[[noreturn]] void bad_size(const std::string& text, std::string_view why) {
  throw UsageError(fmt::format(
      "invalid size '{}': {}; give a positive whole number of elements (e.g. 1000000, 2^25, 2^31+3, 32M, 1e6), or "
      "width x height for a 2-D kernel (e.g. 2048x2048)",
      text, why));
}

std::uint64_t parse_whole(const std::string& all, std::string_view digits) {
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec == std::errc::result_out_of_range) bad_size(all, "too large");
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) bad_size(all, "not a number");
  return v;
}

std::uint64_t checked_mul(const std::string& all, std::uint64_t a, std::uint64_t b) {
  std::uint64_t r;
  if (__builtin_mul_overflow(a, b, &r)) bad_size(all, "too large");
  return r;
}

// base^exponent. 0 and 1 are answered at once: a loop over the exponent would run 2^64 times for
// `1^18446744073709551615`; any other base overflows within 64 steps.
std::uint64_t power(const std::string& all, std::uint64_t base, std::uint64_t exponent) {
  if (exponent == 0) return 1;
  if (base <= 1) return base;
  std::uint64_t v = 1;
  for (std::uint64_t i = 0; i < exponent; ++i) v = checked_mul(all, v, base);
  return v;
}

// One number: 1000, 2^25, 32M (or 32Mi), 1e6.
std::uint64_t parse_number(const std::string& all, std::string_view s) {
  if (auto caret = s.find('^'); caret != std::string_view::npos)
    return power(all, parse_whole(all, s.substr(0, caret)), parse_whole(all, s.substr(caret + 1)));
  if (auto e = s.find_first_of("eE"); e != std::string_view::npos) {
    const std::uint64_t mantissa = parse_whole(all, s.substr(0, e));
    const std::uint64_t exponent = parse_whole(all, s.substr(e + 1));
    return mantissa == 0 ? 0 : checked_mul(all, mantissa, power(all, 10, exponent));
  }
  std::uint64_t unit = 1;
  if (s.ends_with("i")) s.remove_suffix(1);
  switch (s.empty() ? '\0' : s.back()) {
    case 'K':
    case 'k': unit = 1ULL << 10; break;
    case 'M':
    case 'm': unit = 1ULL << 20; break;
    case 'G':
    case 'g': unit = 1ULL << 30; break;
    default: break;
  }
  if (unit != 1) s.remove_suffix(1);
  return checked_mul(all, parse_whole(all, s), unit);
}

// One count within `text` (all of it, or one side of a grid), named whole in any message.
std::size_t parse_count(const std::string& text, std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) bad_size(text, "empty");
  if (s.front() == '-') bad_size(text, "negative");
  // A number and an offset, as sizes are written where a tail matters: 2^31+3, 1M-1.
  std::uint64_t value;
  if (auto sign = s.find_first_of("+-", 1); sign != std::string_view::npos) {
    const std::uint64_t base = parse_number(text, s.substr(0, sign));
    const std::uint64_t offset = parse_whole(text, s.substr(sign + 1));
    if (s[sign] == '-') {
      if (offset >= base) bad_size(text, "zero or negative");
      value = base - offset;
    } else if (__builtin_add_overflow(base, offset, &value)) {
      bad_size(text, "too large");
    }
  } else {
    value = parse_number(text, s);
  }
  if (value == 0) bad_size(text, "zero");
  if (value > std::numeric_limits<std::size_t>::max()) bad_size(text, "too large");
  return static_cast<std::size_t>(value);
}
}  // namespace

std::size_t parse_size(const std::string& text) { return parse_count(text, text); }

namespace {

// Looks each name up; an unknown one is a usage error that lists every valid name.
template <class Item, class Find, class NameOf>
std::vector<const Item*> select(const std::vector<std::string>& names, std::vector<const Item*> all, Find find,
                                NameOf name_of, std::string_view what) {
  if (names.empty()) return all;
  std::vector<const Item*> out;
  for (const auto& n : names) {
    const Item* item = find(n);
    if (!item) {
      std::vector<std::string_view> valid;
      for (auto* x : all) valid.push_back(name_of(*x));
      throw UsageError(fmt::format("unknown {} '{}'; valid {}s: {}", what, n, what, fmt::join(valid, ", ")));
    }
    out.push_back(item);
  }
  refuse_repeats(out, fmt::format("--{}s", what),
                 [&](const Item* x) { return fmt::format("{} '{}'", what, name_of(*x)); });
  return out;
}

}  // namespace

Extents parse_extents(const std::string& text) {
  const auto x = text.find_first_of("xX");
  if (x == std::string::npos) return Extents(parse_size(text));
  const std::string w = text.substr(0, x), h = text.substr(x + 1);
  if (h.find_first_of("xX") != std::string::npos) bad_size(text, "more than two dimensions");
  if (w.empty() || h.empty()) bad_size(text, "a grid needs a width and a height");
  const Extents e = Extents::grid(parse_count(text, w), parse_count(text, h));
  if (e.count() == std::numeric_limits<std::size_t>::max()) bad_size(text, "too large");
  return e;
}

std::vector<Extents> parse_sizes(const std::vector<std::string>& items) {
  constexpr std::size_t most_points = 64;
  std::vector<Extents> out;
  for (const auto& item : items) {
    const auto dots = item.find("..");
    if (dots == std::string::npos) {
      if (out.size() == most_points) throw UsageError(fmt::format("more than {} sizes", most_points));
      out.push_back(parse_extents(item));
      continue;
    }
    const Extents first = parse_extents(item.substr(0, dots)), last = parse_extents(item.substr(dots + 2));
    if (first.dimensions != last.dimensions)
      throw UsageError(fmt::format("invalid size sweep '{}': both ends must be a number, or both a grid", item));
    if (first.width > last.width || first.height > last.height)
      throw UsageError(fmt::format("invalid size sweep '{}': {} is larger than {}", item, first.label(), last.label()));
    // Every side doubles each step (a grid's area grows 4x) until one would pass `last`'s.
    for (Extents e = first;;) {
      if (out.size() == most_points)
        throw UsageError(fmt::format("size sweep '{}' has more than {} points", item, most_points));
      out.push_back(e);
      const bool past_width = e.width > last.width / 2, past_height = e.dimensions == 2 && e.height > last.height / 2;
      if (past_width || past_height) break;  // the next doubling would pass `last` (or overflow)
      e.width *= 2;
      if (e.dimensions == 2) e.height *= 2;
    }
  }
  refuse_repeats(out, "--size", [](const Extents& e) {
    return fmt::format("size {}", e.dimensions == 2 ? e.label() : std::to_string(e.width));
  });
  return out;
}

std::string size_form_error(const KernelSpec& kernel) {
  return kernel.dimensions() == 2
             ? fmt::format(
                   "{} is a 2-D kernel: give its size as width x height (e.g. -n 2048x2048), beside any "
                   "sizes for the others",
                   kernel.name())
             : fmt::format("{} takes a size in elements (e.g. -n 2^20), beside any grid sizes for 2-D kernels",
                           kernel.name());
}

std::vector<const KernelSpec*> select_kernels(const std::vector<std::string>& names) {
  return select(
      names, registry().kernels(), [](const std::string& n) { return registry().find_kernel(n); },
      [](const KernelSpec& k) { return k.name(); }, "kernel");
}

std::vector<const Backend*> select_backends(const std::vector<std::string>& names) {
  if (names.empty()) {
    std::vector<const Backend*> defaults;
    for (const Backend* b : registry().backends())
      if (!b->runs_by_default || b->runs_by_default()) defaults.push_back(b);
    return defaults;
  }
  return select(
      names, registry().backends(), [](const std::string& n) { return registry().find_backend(n); },
      [](const Backend& b) { return std::string_view(b.name); }, "backend");
}

std::vector<Precision> select_precisions(const std::vector<std::string>& names) {
  std::vector<Precision> out;
  for (const auto& n : names) {
    auto p = parse_precision(n);
    if (!p) throw UsageError(fmt::format("unknown precision '{}'; valid precisions: float, double", n));
    out.push_back(*p);
  }
  if (out.empty()) throw UsageError("no precision given; valid precisions: float, double");
  refuse_repeats(out, "--precision", [](Precision p) { return fmt::format("precision '{}'", to_string(p)); });
  return out;
}

std::size_t default_concurrency_tasks() {
  return std::max<std::size_t>(4, 2 * std::max(1u, std::thread::hardware_concurrency()));
}

std::vector<unsigned> doubling_thread_counts() {
  const unsigned most = std::max(1u, machine().hardware_threads);
  std::vector<unsigned> counts;
  for (unsigned p = 1; p < most; p *= 2) counts.push_back(p);
  counts.push_back(most);
  return counts;
}

}  // namespace flynn::driver
