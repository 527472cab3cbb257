// mul: b = scalar * c. One multiply per element, one rounding.
#include <cmath>

#include "common/registry.hpp"
#include "common/stream/stream_spec.hpp"

namespace flynn {
namespace {
const KernelRegistration registration{std::make_unique<StreamSpec>(StreamDesc{
    .name = "mul",
    .description = "b[i] = s * c[i]  (BabelStream Mul: 2 arrays moved, 1 flop)",
    .roles = {{StreamArray::c}, StreamArray::b},
    .flops_per_element = 1,
    .reference =
        [](const StreamElement& x) {
          return Expected{x.s * x.c, std::fabs(x.s * x.c), 1};
        },
    .listing_order = 2,
})};
}  // namespace
}  // namespace flynn
