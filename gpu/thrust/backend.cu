// SIMT through Thrust: the same kernels as library algorithms (transform, inner_product), to
// show what the vendor's generic building blocks reach next to hand-written code.
#include "gpu/simt_backend.cuh"

namespace flynn::gpu {
namespace {
const BackendRegistration registration{
    simt_backend("thrust", "Thrust algorithms on the GPU: transform for the elementwise kernels, inner_product for dot",
                 200001, [](Precision) { return std::to_string(sm_count()) + " SMs (Thrust chooses the grid)"; })};
}  // namespace
}  // namespace flynn::gpu
