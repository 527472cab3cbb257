#include <string>

#include "common/errors.hpp"
#include "common/shared_library.hpp"
#include "gpu/cublas/api.cuh"

namespace flynn::gpu {
namespace {

// The soname of the cuBLAS this was compiled against, found as the loader finds any library
// (LD_LIBRARY_PATH, the system's cache), then in the toolkit it was built with.
LoadedApi<CublasApi> open_library() {
  const std::string name = "libcublas.so." + std::to_string(CUBLAS_VER_MAJOR);
  SharedLibrary library({name, std::string(FLYNN_CUDA_LIBRARY_DIR) + "/" + name, "/usr/local/cuda/lib64/" + name},
                        "install the CUDA toolkit's cuBLAS");
  LoadedApi<CublasApi> l;
  CublasApi& a = l.api;
  const bool ok = library.ok() && library.find("cublasCreate_v2", a.create) &&
                  library.find("cublasDestroy_v2", a.destroy) && library.find("cublasSetStream_v2", a.set_stream) &&
                  library.find("cublasSetMathMode", a.set_math_mode) && library.find("cublasSgemm_v2", a.sgemm) &&
                  library.find("cublasDgemm_v2", a.dgemm) && library.find("cublasGetStatusName", a.status_name) &&
                  library.find("cublasGetStatusString", a.status_string);
  if (!ok) l.why = "cuBLAS: " + library.why();
  return l;
}

const LoadedApi<CublasApi>& library() {
  static const LoadedApi<CublasApi> loaded = open_library();
  return loaded;
}

}  // namespace

const CublasApi* load_cublas(std::string* why) { return library().get(why); }

const CublasApi& cublas() { return library().require(); }

}  // namespace flynn::gpu
