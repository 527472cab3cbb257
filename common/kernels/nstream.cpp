// nstream: a += b + scalar * c, BabelStream's sixth kernel, in place: a is read and written, so a
// second run would add the update twice; measure() puts a's start values back before every run
// (Problem::reset). Three roundings (product, two sums), fewer when contracted to FMAs; each is
// at most u times a partial sum no larger than |a| + |b| + |s c|.
#include <cmath>

#include "common/registry.hpp"
#include "common/stream/stream_spec.hpp"

namespace flynn {
namespace {
const KernelRegistration registration{std::make_unique<StreamSpec>(StreamDesc{
    .name = "nstream",
    .description = "a[i] += b[i] + s * c[i]  (BabelStream Nstream, in place: 4 arrays moved, 3 flops)",
    .roles = {{StreamArray::a, StreamArray::b, StreamArray::c}, StreamArray::a},
    .flops_per_element = 3,
    .reference =
        [](const StreamElement& x) {
          return Expected{x.a + x.b + x.s * x.c, std::fabs(x.a) + std::fabs(x.b) + std::fabs(x.s * x.c), 3};
        },
    .listing_order = 6,
})};
}  // namespace
}  // namespace flynn
