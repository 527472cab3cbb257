// The GPU's measured compute ceiling (gpu/peak.cu), shared by the backends that run on it.
#pragma once
#include "common/precision.hpp"

namespace flynn::gpu {

// GFLOP/s of independent FMA chains on every SM; measured once per precision per process.
double peak_gflops(Precision p);

}  // namespace flynn::gpu
