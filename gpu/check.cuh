// Every CUDA call is checked; a failure becomes a RuntimeError naming the call and the error.
#pragma once
#include <cuda_runtime.h>

#include <source_location>
#include <string>

#include "common/errors.hpp"

namespace flynn::gpu {

// The runtime keeps the last error for the next cudaGetLastError/cudaPeekAtLastError, which every
// launch check and every Thrust and CUB algorithm reads. A failure that has become an exception
// is cleared here, so it is reported once, by the row it belongs to, and not again by the next
// launch (an out-of-memory cudaMalloc would otherwise fail every later cuda and thrust row). A
// sticky error (a kernel fault) cannot be cleared: the context is lost and every call says so.
inline void check(cudaError_t status, const char* what, std::source_location where = std::source_location::current()) {
  if (status == cudaSuccess) return;
  cudaGetLastError();
  throw RuntimeError(std::string(what) + " failed: " + cudaGetErrorString(status) + " (" + where.file_name() + ":" +
                     std::to_string(where.line()) + ")");
}

// After a kernel launch: configuration errors show here, faults at the next synchronisation.
inline void check_launch(const char* kernel, std::source_location where = std::source_location::current()) {
  check(cudaGetLastError(), kernel, where);
}

}  // namespace flynn::gpu
