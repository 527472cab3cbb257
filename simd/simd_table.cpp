#include "simd/simd_table.hpp"

#include "common/copy_reference.hpp"
#include "common/machine.hpp"
#include "simd/loops.hpp"

#include <xsimd/xsimd.hpp>

#include <algorithm>
#include <cstring>
#include <vector>

namespace flynn::simd {
namespace {

struct Isa {
  std::string name;
  unsigned version;  // xsimd's ordering of architectures: higher is wider/newer
  unsigned lanes_f32, lanes_f64;
  PeakProbes peak;
  CopyProbes copy;
  bool available() const { return version <= xsimd::available_architectures().best; }
  std::string width(Precision p) const {
    return std::to_string(p == Precision::f32 ? lanes_f32 : lanes_f64) + " lanes";
  }
};

struct Entry {
  std::string kernel, isa;
  RangeFns fns;
};

struct Table {
  std::vector<Isa> isas;
  std::vector<Entry> entries;
  const Isa* find_isa(std::string_view name) const {
    for (const auto& i : isas)
      if (i.name == name) return &i;
    return nullptr;
  }
  const Isa* best() const {
    const Isa* best = nullptr;
    for (const auto& i : isas)
      if (i.available() && (!best || i.version > best->version)) best = &i;
    return best;
  }
  std::optional<RangeFns> find(std::string_view kernel, std::string_view isa) const {
    for (const auto& e : entries)
      if (e.kernel == kernel && e.isa == isa) return e.fns;
    return std::nullopt;
  }
};

Table& table() {
  static Table t;
  return t;
}

std::optional<Factory> resolve_for(std::string_view kernel, const std::string& isa) {
  if (auto fns = table().find(kernel, isa)) return range_factory(*fns);
  return std::nullopt;
}

Availability availability_of(const Isa* isa, const std::string& name) {
  if (!isa) return {false, "no SIMD instruction set was compiled in"};
  if (!isa->available()) return {false, "this CPU does not support " + name};
  return {true, ""};
}

double peak_of(const Isa* isa, Precision p) {
  return isa && isa->available() ? measure_peak_gflops(isa->peak, p, on_this_core) : 0;
}

// The memory ceiling's other ways of copying, on the widest instruction set this CPU runs (the
// ceiling belongs to the cores, so every one-core backend is held against the same figure).
template <CopyMethod CopyProbes::*which>
void best_copy(char* dst, const char* src, std::size_t bytes) {
  if (const Isa* b = table().best()) return (b->copy.*which)(dst, src, bytes);
  std::memcpy(dst, src, bytes);  // no instruction set compiled in: nothing better than libc
}
const CopyMethodRegistration streaming_copy_registration{"non-temporal stores", best_copy<&CopyProbes::streaming>};
const CopyMethodRegistration cached_copy_registration{"vector stores", best_copy<&CopyProbes::cached>};

// `simd`: the widest instruction set this CPU runs, chosen at run time.
const BackendRegistration best_registration{Backend{
    .name = "simd",
    .flynn_class = FlynnClass::SIMD,
    .description = "xsimd on one core, the widest instruction set this CPU supports (chosen at run time)",
    .order = 1000,
    .availability = [] { return availability_of(table().best(), "any compiled instruction set"); },
    .width =
        [](Precision p) {
          const Isa* b = table().best();
          return b ? b->width(p) + " (" + b->name + ")" : std::string("-");
        },
    .configure = configure,
    .copy_reference_name = one_core_copy_name,
    .copy_reference_gbps = one_core_copy_gbps,
    .peak_gflops = [](Precision p) { return peak_of(table().best(), p); },
    .resolve = [](std::string_view kernel) -> std::optional<Factory> {
      const Isa* b = table().best();
      return b ? resolve_for(kernel, b->name) : std::nullopt;
    },
}};

}  // namespace

IsaRegistration::IsaRegistration(const char* name, unsigned version, unsigned lanes_f32, unsigned lanes_f64,
                                 PeakProbes peak, CopyProbes copy) {
  table().isas.push_back({name, version, lanes_f32, lanes_f64, peak, copy});
  const std::string isa = name;
  registry().add_backend(Backend{
      .name = "simd." + isa,
      .flynn_class = FlynnClass::SIMD,
      .description = "xsimd on one core, " + isa + " only",
      .order = 1001 + static_cast<int>(version),  // narrow to wide
      .availability = [isa] { return availability_of(table().find_isa(isa), isa); },
      .width = [isa](Precision p) { return table().find_isa(isa)->width(p); },
      .configure = configure,
      .copy_reference_name = one_core_copy_name,
      .copy_reference_gbps = one_core_copy_gbps,
      .peak_gflops = [isa](Precision p) { return peak_of(table().find_isa(isa), p); },
      .resolve = [isa](std::string_view kernel) { return resolve_for(kernel, isa); },
  });
}

IsaKernelRegistration::IsaKernelRegistration(const char* kernel, const char* isa, RangeFn f32, RangeFn f64) {
  table().entries.push_back({kernel, isa, {f32, f64}});
}

namespace {
StreamingStores streaming_mode = StreamingStores::automatic;
}

void configure(const RunSettings& s) { streaming_mode = s.streaming; }

bool should_stream(std::size_t output_bytes) {
  if (streaming_mode != StreamingStores::automatic) return streaming_mode == StreamingStores::always;
  // A quarter of the last-level cache: with the kernel's inputs beside it (up to three arrays of
  // that size) the working set no longer stays in the cache between repetitions, so writing
  // around it loses nothing and saves the read-for-ownership. `flynn run -n 1K..256M` shows the
  // step (on a 32 MiB L3: triad float 20 -> 35 GB/s on one core once streaming starts).
  static const std::size_t threshold = machine().last_level_cache_bytes() / 4;
  return output_bytes > threshold;
}

std::optional<IsaSummary> best_isa() {
  const Isa* b = table().best();
  if (!b) return std::nullopt;
  return IsaSummary{b->name, b->lanes_f32, b->lanes_f64};
}

Availability best_isa_availability() {
  return best_isa() ? Availability{true, ""} : Availability{false, "no compiled SIMD instruction set runs on this CPU"};
}

std::string best_lanes(Precision p) {
  const auto isa = best_isa();
  return isa ? std::to_string(isa->lanes(p)) + " lanes (" + isa->name + ")" : "?";
}

std::optional<PeakProbes> best_peak_probes() {
  const Isa* b = table().best();
  return b ? std::optional<PeakProbes>(b->peak) : std::nullopt;
}

std::optional<RangeFns> best_kernel(std::string_view kernel) {
  const Isa* b = table().best();
  return b ? table().find(kernel, b->name) : std::nullopt;
}

}  // namespace flynn::simd
