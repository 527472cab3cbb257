// SIMT through a vendor library: NVIDIA's cuBLAS, on the same GPU as the cuda and thrust
// backends. Its rows are the ceiling the hand-written and Thrust kernels are measured against.
#include "gpu/cublas/api.cuh"
#include "gpu/simt_backend.cuh"

namespace flynn::gpu {
namespace {
Backend cublas_backend() {
  Backend b = simt_backend("cublas", "NVIDIA's cuBLAS, a vendor library: the GPU's ceiling for gemm", 200200,
                           [](Precision) { return std::to_string(sm_count()) + " SMs, cuBLAS's kernels"; });
  // A handle's workspace (32 MiB on Hopper) and the library's kernels, loaded on first use.
  b.device_reserve_bytes = [](bool cold_cache) { return device_reserve_bytes(cold_cache) + (std::size_t{256} << 20); };
  b.availability = [] {
    const Availability gpu = device_availability();
    std::string why;
    if (gpu.ok && !load_cublas(&why)) return Availability{false, why};
    return gpu;
  };
  b.implements_only = "a linear-algebra library: it runs only the kernels that are one of its routines";
  return b;
}
const BackendRegistration registration{cublas_backend()};
}  // namespace
}  // namespace flynn::gpu
