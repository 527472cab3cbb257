// Thrust runs on the execution's stream without a trailing synchronisation (the CUDA events
// around the launch do the timing), and its errors become RuntimeErrors like every CUDA error.
#pragma once
#include <thrust/mr/device_memory_resource.h>
#include <thrust/mr/disjoint_pool.h>
#include <thrust/mr/new.h>
#include <thrust/system/cuda/execution_policy.h>
#include <thrust/system_error.h>

#include "gpu/check.cuh"

namespace flynn::gpu {

// Thrust's reductions ask for temporary device storage on every call. Straight from cudaMalloc,
// that would put the allocator (and cudaFree, which synchronises the device) inside every timed
// repetition; Thrust's own pool keeps the blocks after the warm-up, so timed calls reuse them.
// Its bookkeeping lives on the host, since it cannot write into device memory. Unsynchronised:
// the GPU backends are driven from one thread. Never destroyed, on purpose: its destructor frees
// device memory, and at exit that could come after the CUDA runtime has shut down, where Thrust
// turns the failed free into an exception thrown from a destructor.
inline auto& scratch_pool() {
  using Pool = thrust::mr::disjoint_unsynchronized_pool_resource<thrust::device_memory_resource,
                                                                 thrust::mr::new_delete_resource>;
  static Pool* pool = new Pool(thrust::mr::get_global_resource<thrust::device_memory_resource>(),
                               thrust::mr::get_global_resource<thrust::mr::new_delete_resource>());
  return *pool;
}

inline auto on(cudaStream_t s) { return thrust::cuda::par_nosync(&scratch_pool()).on(s); }

template <class F>
void thrust_call(const char* what, F&& f) {
  try {
    f();
  } catch (const thrust::system_error& e) {
    cudaGetLastError();  // reported here, once (see check())
    throw RuntimeError(std::string(what) + " failed: " + e.what());
  }
  check_launch(what);
}

}  // namespace flynn::gpu
