// SISD: one instruction stream, one data element per instruction.
#include "common/copy_reference.hpp"
#include "common/peak.hpp"
#include "common/registry.hpp"

namespace flynn {
namespace scalar {
extern const PeakProbes peak_probes;  // peak.cpp
}
namespace {
const BackendRegistration registration{Backend{
    .name = "scalar",
    .flynn_class = FlynnClass::SISD,
    .description = "plain loops on one core, auto-vectorisation off: the baseline every speedup is over",
    .order = 0,
    .availability =
        [] {
          return Availability{true, ""};
        },
    .width = [](Precision) { return std::string("1 lane"); },
    .copy_reference_name = one_core_copy_name,
    .copy_reference_gbps = one_core_copy_gbps,
    .peak_gflops = [](Precision p) { return measure_peak_gflops(scalar::peak_probes, p, on_this_core); },
}};
}  // namespace
}  // namespace flynn
