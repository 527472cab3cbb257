// dot: sum of a[i] * b[i]. Every backend must sum float products in partial sums of at most
// StreamSpec::float_block (1024) terms and combine those partials in double; double data sums in
// double throughout. A single float accumulator over 2^25 terms would stall once the sum's ulp
// outgrows the terms (sum ~ 7e5, ulp 0.06, terms ~ 0.02), so the contract is what makes one
// tolerance hold for every lane count, thread count and GPU grid.
#include <cmath>

#include "common/registry.hpp"
#include "common/stream/stream_spec.hpp"

namespace flynn {
namespace {
const KernelRegistration registration{std::make_unique<StreamSpec>(StreamDesc{
    .name = "dot",
    .description = "sum of a[i] * b[i]  (BabelStream Dot: 2 arrays read, 2 flops, a reduction)",
    .roles = {{StreamArray::a, StreamArray::b}, std::nullopt},
    .flops_per_element = 2,
    .reference =
        [](const StreamElement& x) {
          return Expected{x.a * x.b, std::fabs(x.a * x.b), 1};
        },
    .listing_order = 5,
})};
}  // namespace
}  // namespace flynn
