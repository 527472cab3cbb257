// SIMT through hand-written CUDA kernels: thousands of threads in warps of 32 running one
// instruction stream each, in lockstep.
#include "gpu/simt_backend.cuh"

namespace flynn::gpu {
namespace {
const BackendRegistration registration{
    simt_backend("cuda", "hand-written CUDA kernels: grid-stride, 16-byte loads, CUB block reduction for dot", 200000,
                 [](Precision) { return std::to_string(sm_count()) + " SMs x 2048 threads"; })};
}  // namespace
}  // namespace flynn::gpu
