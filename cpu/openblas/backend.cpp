// MIMD through a vendor library: OpenBLAS runs its own threads, each on hand-written assembly
// kernels for the core it found (Haswell, SkylakeX, Zen, NeoverseN1...). Its rows are the ceiling
// for the kernels it has; it shares the threads backend's cores, and so its copy and compute
// ceilings.
#include <cblas.h>

#include <string>

#include "common/errors.hpp"
#include "common/parallel_parts.hpp"
#include "common/registry.hpp"

namespace flynn {
namespace {

// The threads backend's measurement of the same cores (it registers in another file: looked up
// when asked, not at start-up).
const Backend& threads_backend() {
  const Backend* b = registry().find_backend("threads");
  if (!b) throw RuntimeError("the openblas backend measures its ceilings as the threads backend does; it is missing");
  return *b;
}

const BackendRegistration registration{Backend{
    .name = "openblas",
    .flynn_class = FlynnClass::MIMD,
    .description = "OpenBLAS, a vendor library: its own threads and hand-tuned assembly, the CPU's ceiling for gemm",
    .order = 150000,
    .availability =
        [] {
          return Availability{true, ""};
        },
    .width =
        [](Precision) {
          return std::to_string(openblas_get_num_threads()) + " threads, " + openblas_get_corename() + " kernels";
        },
    .configure =
        [](const RunSettings& s) {
          openblas_set_num_threads(static_cast<int>(s.threads ? s.threads : process_cpu_count()));
        },
    .takes_thread_count = true,
    .copy_reference_name = "fastest copy, every thread",
    .copy_reference_gbps = [](std::size_t bytes) { return threads_backend().copy_reference_gbps(bytes); },
    .peak_gflops = [](Precision p) { return threads_backend().peak_gflops(p); },
    .implements_only = "a linear-algebra library: of Flynn's kernels it has only gemm",
}};

}  // namespace
}  // namespace flynn
