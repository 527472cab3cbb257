// cuBLAS, loaded when the cublas backend first needs it rather than linked into every program:
// linked, it made each start of flynn and of every test 0.12 s slower and 217 MB larger (the
// loader relocates all 600 MB of it, used or not), and a machine whose driver runs the GPU but
// that lacks cuBLAS could not start flynn at all. Loaded, the backend says there that it is
// unavailable, and why. The function types are the header's own.
#pragma once
#include <cublas_v2.h>

#include <string>

namespace flynn::gpu {

struct CublasApi {
  decltype(&::cublasCreate_v2) create;
  decltype(&::cublasDestroy_v2) destroy;
  decltype(&::cublasSetStream_v2) set_stream;
  decltype(&::cublasSetMathMode) set_math_mode;
  decltype(&::cublasSgemm_v2) sgemm;
  decltype(&::cublasDgemm_v2) dgemm;
  decltype(&::cublasGetStatusName) status_name;
  decltype(&::cublasGetStatusString) status_string;
};

// The library, loaded on the first call; null where it cannot be, with the reason in *why.
const CublasApi* load_cublas(std::string* why = nullptr);
// The same, or a RuntimeError with the reason.
const CublasApi& cublas();

}  // namespace flynn::gpu
