// `flynn run --view taxonomy`: the run's results on Flynn's 2x2 grid (instruction streams against
// data streams). Each class that ran gets its best backend's speedup over SISD on a memory-bound
// kernel and on compute: a compute-bound kernel where one ran, else the measured compute ceiling
// (the peak probe), which is what a compute-bound kernel could at best reach.
#include <fmt/format.h>

#include <algorithm>

#include "driver/report.hpp"

namespace flynn::driver {
namespace {

// The best speedup over SISD of class `c` on kernels of `bound` (the median row's figure against
// the best SISD row of the same kernel, precision and size), with the row it came from.
struct Best {
  double speedup = 0;
  const Row* row = nullptr;
};

Best best_speedup(const std::vector<Row>& rows, FlynnClass c, Bound bound) {
  Best best;
  for (const Row& r : rows) {
    if (r.flynn_class != c || r.bound != bound || r.status != Status::ok) continue;
    double sisd = 0;
    for (const Row& s : rows)
      if (s.flynn_class == FlynnClass::SISD && s.status == Status::ok && s.kernel == r.kernel &&
          s.precision == r.precision && s.size == r.size)
        sisd = std::max(sisd, bound == Bound::memory ? s.gbps() : s.gflops());
    const double mine = bound == Bound::memory ? r.gbps() : r.gflops();
    if (sisd > 0 && mine / sisd > best.speedup) best = {mine / sisd, &r};
  }
  return best;
}

// The highest measured compute ceiling of class c over SISD's, in the same precision.
Best best_ceiling(const std::vector<Row>& rows, FlynnClass c) {
  Best best;
  for (const Row& r : rows) {
    if (r.flynn_class != c || !r.ceilings || r.ceilings->peak_gflops <= 0) continue;
    double sisd = 0;
    for (const Row& s : rows)
      if (s.flynn_class == FlynnClass::SISD && s.ceilings && s.precision == r.precision)
        sisd = std::max(sisd, s.ceilings->peak_gflops);
    if (sisd > 0 && r.ceilings->peak_gflops / sisd > best.speedup) best = {r.ceilings->peak_gflops / sisd, &r};
  }
  return best;
}

std::string cell(const std::vector<Row>& rows, FlynnClass c) {
  const bool ran = std::any_of(rows.begin(), rows.end(), [&](const Row& r) { return r.flynn_class == c && r.result; });
  if (!ran) {
    const auto why = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.flynn_class == c; });
    return why == rows.end() ? fmt::format("{}: not asked for in this run", to_string(c))
                             : fmt::format("{}: {}: {}", to_string(c), to_string(why->status), why->reason);
  }
  const Best memory = best_speedup(rows, c, Bound::memory), compute = best_speedup(rows, c, Bound::compute);
  std::string out = std::string(to_string(c)) + ":";
  if (memory.row)
    out += fmt::format(" memory-bound {:.1f}x ({} {})", memory.speedup, memory.row->kernel, memory.row->label());
  if (compute.row) {
    out += fmt::format(", compute-bound {:.1f}x ({} {})", compute.speedup, compute.row->kernel, compute.row->label());
  } else if (const Best peak = best_ceiling(rows, c); peak.row) {
    out += fmt::format(", compute ceiling {:.1f}x ({})", peak.speedup, peak.row->label());
  }
  if (!memory.row && !compute.row) out += " no figure over SISD (run scalar beside it)";
  return out;
}

}  // namespace

void print_taxonomy(const std::vector<Row>& rows) {
  fmt::print(
      "\nFlynn's taxonomy, measured: instruction streams against data streams, and each class's best speedup\n"
      "over SISD in this run (memory-bound: the best of its memory-bound kernels; compute: a compute-bound\n"
      "kernel's, or else the compute ceiling its cores measured)\n\n"
      "                       one data stream   many data streams\n"
      "  one instruction      SISD              SIMD, and SIMT (NVIDIA's SIMD: one instruction stream per warp)\n"
      "  many instructions    MISD              MIMD (shared memory here; distributed MIMD, MPI, is to come)\n\n");
  for (FlynnClass c : {FlynnClass::SISD, FlynnClass::SIMD, FlynnClass::SIMT}) fmt::print("  {}\n", cell(rows, c));
  fmt::print("  MISD: none on commodity machines (below)\n");
  fmt::print("  {}\n\n", cell(rows, FlynnClass::MIMD));
  fmt::print(
      "MISD, several instruction streams on one data stream, has no commodity machine: there is little to gain\n"
      "from applying different operations to the same data at once. What comes closest is redundant execution\n"
      "for fault tolerance (flight computers that compute on the same inputs and vote) and systolic pipelines,\n"
      "where each stage applies its own operation to the data flowing through it.\n");
}

}  // namespace flynn::driver
