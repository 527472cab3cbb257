// add: c = a + b. One addition per element, one rounding.
#include <cmath>

#include "common/registry.hpp"
#include "common/stream/stream_spec.hpp"

namespace flynn {
namespace {
const KernelRegistration registration{std::make_unique<StreamSpec>(StreamDesc{
    .name = "add",
    .description = "c[i] = a[i] + b[i]  (BabelStream Add: 3 arrays moved, 1 flop)",
    .roles = {{StreamArray::a, StreamArray::b}, StreamArray::c},
    .flops_per_element = 1,
    .reference =
        [](const StreamElement& x) {
          return Expected{x.a + x.b, std::fabs(x.a + x.b), 1};
        },
    .listing_order = 3,
})};
}  // namespace
}  // namespace flynn
