// copy: c = a. Moves 2N elements, no arithmetic: the pure bandwidth figure.
#include "common/registry.hpp"
#include "common/stream/stream_spec.hpp"

namespace flynn {
namespace {
const KernelRegistration registration{std::make_unique<StreamSpec>(StreamDesc{
    .name = "copy",
    .description = "c[i] = a[i]  (BabelStream Copy: 2 arrays moved, 0 flops)",
    .roles = {{StreamArray::a}, StreamArray::c},
    .flops_per_element = 0,
    .reference =
        [](const StreamElement& x) {
          return Expected{x.a, 0, 0};
        },
    .listing_order = 1,
})};
}  // namespace
}  // namespace flynn
