// MIMD through a vendor library: OpenBLAS runs its own threads, each on hand-written assembly
// kernels for the core it found (Haswell, SkylakeX, Zen, NeoverseN1...). Its rows are the ceiling
// for the kernels it has; it shares the threads backend's cores, and so its copy and compute
// ceilings.
#include <string>

#include "common/errors.hpp"
#include "common/parallel_parts.hpp"
#include "common/registry.hpp"
#include "cpu/openblas/api.hpp"

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
          std::string why;
          return openblas::present(&why) ? Availability{true, ""} : Availability{false, why};
        },
    .width =
        [](Precision) {
          // (Read once loaded: in a row's figures, after it ran; before, the count asked for.)
          const openblas::Api* blas = openblas::loaded();
          return blas ? std::to_string(blas->get_num_threads()) + " threads, " + blas->corename() + " kernels"
                      : std::to_string(openblas::threads() ? openblas::threads()
                                                           : static_cast<int>(process_cpu_count())) +
                            " threads";
        },
    .configure =
        [](const RunSettings& s) {
          openblas::set_threads(static_cast<int>(s.threads ? s.threads : process_cpu_count()));
        },
    .takes_thread_count = true,
    .copy_reference_name = "fastest copy, every thread",
    .copy_reference_gbps = [](std::size_t bytes) { return threads_backend().copy_reference_gbps(bytes); },
    .peak_gflops = [](Precision p) { return threads_backend().peak_gflops(p); },
    .implements_only = "a linear-algebra library: it runs only the kernels that are one of its routines",
}};

}  // namespace
}  // namespace flynn
