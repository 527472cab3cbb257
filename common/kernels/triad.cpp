// triad: a = b + scalar * c. Two roundings (product, sum), or one when contracted to an FMA; the
// error scales with |b| + |s c|, not |a|, because b and s c may nearly cancel.
#include <cmath>

#include "common/registry.hpp"
#include "common/stream/stream_spec.hpp"

namespace flynn {
namespace {
const KernelRegistration registration{std::make_unique<StreamSpec>(StreamDesc{
    .name = "triad",
    .description = "a[i] = b[i] + s * c[i]  (BabelStream Triad: 3 arrays moved, 2 flops)",
    .roles = {{StreamArray::b, StreamArray::c}, StreamArray::a},
    .flops_per_element = 2,
    .reference =
        [](const StreamElement& x) {
          return Expected{x.b + x.s * x.c, std::fabs(x.b) + std::fabs(x.s * x.c), 2};
        },
    .listing_order = 4,
})};
}  // namespace
}  // namespace flynn
