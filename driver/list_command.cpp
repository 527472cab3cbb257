#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "driver/commands.hpp"

namespace flynn::driver {

int list_command() {
  fmt::print("Kernels\n");
  std::size_t kw = 4;
  for (const KernelSpec* k : registry().kernels()) kw = std::max(kw, k->name().size());
  fmt::print("  {:<{}} {:<8} {:<5} {}\n", "name", kw, "bound", "size", "description");
  for (const KernelSpec* k : registry().kernels())
    fmt::print("  {:<{}} {:<8} {:<5} {}\n", k->name(), kw, to_string(k->bound()), k->dimensions() == 2 ? "WxH" : "n",
               k->description());

  fmt::print("\nBackends\n");
  fmt::print("  {:<12} {:<5} {:<64} {}\n", "name", "class", "width (float / double)", "status");
  for (const Backend* b : registry().backends()) {
    const Availability a = b->availability();
    const std::string width = a.ok ? b->width(Precision::f32) + " / " + b->width(Precision::f64) : "-";
    fmt::print("  {:<12} {:<5} {:<64} {}\n", b->name, to_string(b->flynn_class), width,
               a.ok ? "available" : "unavailable: " + a.reason);
    if (b->implements_only.empty()) continue;
    std::vector<std::string_view> missing;
    for (const KernelSpec* k : registry().kernels())
      if (!registry().implementation(k->name(), b->name)) missing.push_back(k->name());
    if (!missing.empty())
      fmt::print("  {:<18} not implemented: {} ({})\n", "", fmt::join(missing, ", "), b->implements_only);
  }
  return 0;
}

}  // namespace flynn::driver
