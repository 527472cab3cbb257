// Thrust runs on the execution's stream without a trailing synchronisation (the CUDA events
// around the launch do the timing), and its errors become RuntimeErrors like every CUDA error.
#pragma once
#include <thrust/system/cuda/execution_policy.h>
#include <thrust/system_error.h>

#include "gpu/check.cuh"

namespace flynn::gpu {

inline auto on(cudaStream_t s) { return thrust::cuda::par_nosync.on(s); }

template <class F>
void thrust_call(const char* what, F&& f) {
  try {
    f();
  } catch (const thrust::system_error& e) {
    throw RuntimeError(std::string(what) + " failed: " + e.what());
  }
  check_launch(what);
}

}  // namespace flynn::gpu
