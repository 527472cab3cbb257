// Every CUDA call is checked; a failure becomes a RuntimeError naming the call and the error.
#pragma once
#include <cuda_runtime.h>

#include <source_location>
#include <string>

#include "common/errors.hpp"

namespace flynn::gpu {

// The errors after which the CUDA runtime's documentation says the process is "in an inconsistent
// state and any further CUDA work will return the same error": a kernel's fault.
constexpr bool loses_context(cudaError_t e) {
  switch (e) {
    case cudaErrorIllegalAddress:
    case cudaErrorLaunchFailure:
    case cudaErrorLaunchTimeout:
    case cudaErrorHardwareStackError:
    case cudaErrorIllegalInstruction:
    case cudaErrorMisalignedAddress:
    case cudaErrorInvalidAddressSpace:
    case cudaErrorInvalidPc:
    case cudaErrorAssert:
    case cudaErrorECCUncorrectable: return true;
    default: return false;
  }
}

// What a failure says: itself, or, after a kernel faulted, that the fault is to blame. Every later
// call fails with the fault's own error, and a row that reads "cudaMalloc failed: an illegal memory
// access" would send a reader looking for a bug in cudaMalloc's row.
inline std::string context_lost_by(cudaError_t status, const std::string& failure) {
  static std::string first_fault;  // inline: one for the whole program
  if (!loses_context(status)) return failure;
  if (first_fault.empty()) {
    first_fault = failure;
    return failure + "; the GPU context is lost: no CUDA work can run in this process after it";
  }
  return failure + ", because an earlier kernel faulted and the GPU context is lost (" + first_fault + ")";
}

// The runtime keeps the last error for the next cudaGetLastError/cudaPeekAtLastError, which every
// launch check and every Thrust and CUB algorithm reads. A failure that has become an exception
// is cleared here, so it is reported once, by the row it belongs to, and not again by the next
// launch (an out-of-memory cudaMalloc would otherwise fail every later cuda and thrust row). A
// sticky error (a kernel fault) cannot be cleared: the context is lost and every call says so.
inline void check(cudaError_t status, const char* what, std::source_location where = std::source_location::current()) {
  if (status == cudaSuccess) return;
  cudaGetLastError();
  const std::string failure = std::string(what) + " failed: " + cudaGetErrorString(status) + " (" + where.file_name() +
                              ":" + std::to_string(where.line()) + ")";
  throw RuntimeError(context_lost_by(status, failure));
}

// After a kernel launch: configuration errors show here, faults at the next synchronisation.
inline void check_launch(const char* kernel, std::source_location where = std::source_location::current()) {
  check(cudaGetLastError(), kernel, where);
}

}  // namespace flynn::gpu
