// The SIMD backend's table: which instruction sets were compiled in, and each kernel's range
// function per instruction set. Generated files (one per kernel and instruction set, see
// CMakeLists.txt) fill it at start-up; it registers one backend per instruction set
// (simd.sse2, simd.avx2, ...) and `simd`, the best one this CPU runs.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "common/copy_reference.hpp"
#include "common/peak.hpp"
#include "common/range_execution.hpp"

namespace flynn::simd {

// The instruction set's two copies for the memory ceiling (simd/copy_probe.hpp).
struct CopyProbes {
  CopyMethod streaming, cached;
};

// Constructed in the per-ISA files; defined in simd_table.cpp, which is compiled for the
// baseline ISA, so no std::string or container code is ever built with wider flags.
struct IsaRegistration {
  IsaRegistration(const char* name, unsigned xsimd_version, unsigned lanes_f32, unsigned lanes_f64, PeakProbes peak,
                  CopyProbes copy);
};
struct IsaKernelRegistration {
  IsaKernelRegistration(const char* kernel, const char* isa, RangeFn f32, RangeFn f64);
};

// The planned edge between backends: `threads` runs the best SIMD kernel on each core.
struct IsaSummary {
  std::string name;
  unsigned lanes_f32, lanes_f64;
  unsigned lanes(Precision p) const { return p == Precision::f32 ? lanes_f32 : lanes_f64; }
};
std::optional<IsaSummary> best_isa();

// Settings the SIMD kernels read (streaming stores); `threads` passes its own through here too.
void configure(const RunSettings& s);
std::optional<RangeFns> best_kernel(std::string_view kernel);
// The best instruction set's compute probe, for `threads` to run on every core.
std::optional<PeakProbes> best_peak_probes();
// For a backend that runs the best SIMD kernel on each of its workers (threads, mpi): whether it
// can run here, and what each worker runs, as its width says it ("16 lanes (avx512)").
Availability best_isa_availability();
std::string best_lanes(Precision p);

}  // namespace flynn::simd
