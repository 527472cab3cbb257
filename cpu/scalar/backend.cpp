// SISD: one instruction stream, one data element per instruction.
#include "common/registry.hpp"

namespace flynn {
namespace {
const BackendRegistration registration{Backend{
    .name = "scalar",
    .flynn_class = FlynnClass::SISD,
    .description = "plain loops on one core, auto-vectorisation off: the baseline every speedup is over",
    .order = 0,
    .availability = [] { return Availability{true, ""}; },
    .width = [](Precision) { return std::string("1 lane"); },
}};
}  // namespace
}  // namespace flynn
