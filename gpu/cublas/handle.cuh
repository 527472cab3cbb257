// A cuBLAS handle per execution (gpu/scratch.cuh's LibraryState), bound to the execution's
// stream, and cuBLAS's failures as RuntimeErrors like every CUDA error.
#pragma once
#include <memory>
#include <string>

#include "common/errors.hpp"
#include "gpu/cublas/api.cuh"
#include "gpu/scratch.cuh"

namespace flynn::gpu {

inline void check_cublas(cublasStatus_t status, const char* what) {
  if (status != CUBLAS_STATUS_SUCCESS)
    throw RuntimeError(std::string(what) + " failed: " + cublas().status_name(status) + " (" +
                       cublas().status_string(status) + ")");
}

class CublasHandle final : public LibraryState {
 public:
  explicit CublasHandle(cudaStream_t stream) {
    check_cublas(cublas().create(&handle_), "cublasCreate");
    try {
      check_cublas(cublas().set_stream(handle_, stream), "cublasSetStream");
      // The default mode keeps at least the precision asked for: float products in float, not on
      // TF32 tensor cores (10-bit inputs; NVIDIA_TF32_OVERRIDE=1 forces them). gemm's check cannot
      // be what guarantees it: its worst-case bound, gamma_n of the sum of |products|, rejects
      // TF32 up to n = 512, and past 1024 is as wide as TF32's own error.
      check_cublas(cublas().set_math_mode(handle_, CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
    } catch (...) {
      cublas().destroy(handle_);
      throw;
    }
  }
  ~CublasHandle() override { cublas().destroy(handle_); }
  CublasHandle(const CublasHandle&) = delete;
  CublasHandle& operator=(const CublasHandle&) = delete;
  cublasHandle_t get() const { return handle_; }

  // LaunchTraits::library for a cuBLAS launcher.
  static std::unique_ptr<LibraryState> make(cudaStream_t stream) { return std::make_unique<CublasHandle>(stream); }
  // The handle an execution made, from a launcher's Scratch.
  static cublasHandle_t of(const Scratch& scratch) {
    if (!scratch.library) throw RuntimeError("a cuBLAS launch without a handle (LaunchTraits::library not set)");
    return static_cast<const CublasHandle*>(scratch.library)->get();
  }

 private:
  cublasHandle_t handle_ = nullptr;
};

}  // namespace flynn::gpu
