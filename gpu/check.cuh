// Every CUDA call is checked; a failure becomes a RuntimeError naming the call and the error.
#pragma once
#include <cuda_runtime.h>

#include <source_location>
#include <string>

#include "common/errors.hpp"

namespace flynn::gpu {

inline void check(cudaError_t status, const char* what, std::source_location where = std::source_location::current()) {
  if (status != cudaSuccess)
    throw RuntimeError(std::string(what) + " failed: " + cudaGetErrorString(status) + " (" + where.file_name() + ":" +
                       std::to_string(where.line()) + ")");
}

// After a kernel launch: configuration errors show here, faults at the next synchronisation.
inline void check_launch(const char* kernel, std::source_location where = std::source_location::current()) {
  check(cudaGetLastError(), kernel, where);
}

}  // namespace flynn::gpu
