#include <dlfcn.h>

#include <string>

#include "common/errors.hpp"
#include "gpu/cublas/api.cuh"

namespace flynn::gpu {
namespace {

struct Loaded {
  CublasApi api{};
  bool ok = false;
  std::string why;
};

// The soname of the cuBLAS this was compiled against, found as the loader finds any library
// (LD_LIBRARY_PATH, the system's cache), then in the toolkit it was built with.
void* open_library(std::string& tried) {
  const std::string name = "libcublas.so." + std::to_string(CUBLAS_VER_MAJOR);
  for (const std::string& path :
       {name, std::string(FLYNN_CUDA_LIBRARY_DIR) + "/" + name, "/usr/local/cuda/lib64/" + name}) {
    if (void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) return h;
    const char* error = dlerror();
    tried += (tried.empty() ? "" : "; ") + std::string(error ? error : path);
  }
  return nullptr;
}

template <class F>
bool find(void* library, const char* symbol, F& into, std::string& why) {
  into = reinterpret_cast<F>(dlsym(library, symbol));
  if (!into && why.empty()) why = std::string("cuBLAS has no ") + symbol;
  return into != nullptr;
}

Loaded load() {
  Loaded l;
  void* library = open_library(l.why);
  if (!library) {
    l.why = "cuBLAS not found (" + l.why + "): install the CUDA toolkit's cuBLAS, or add its folder to LD_LIBRARY_PATH";
    return l;
  }
  l.why.clear();
  CublasApi& a = l.api;
  l.ok = find(library, "cublasCreate_v2", a.create, l.why) & find(library, "cublasDestroy_v2", a.destroy, l.why) &
         find(library, "cublasSetStream_v2", a.set_stream, l.why) &
         find(library, "cublasSetMathMode", a.set_math_mode, l.why) & find(library, "cublasSgemm_v2", a.sgemm, l.why) &
         find(library, "cublasDgemm_v2", a.dgemm, l.why) & find(library, "cublasGetStatusName", a.status_name, l.why) &
         find(library, "cublasGetStatusString", a.status_string, l.why);
  return l;  // never closed: its code may run until the process ends
}

}  // namespace

const CublasApi* load_cublas(std::string* why) {
  static const Loaded loaded = load();
  if (!loaded.ok && why) *why = loaded.why;
  return loaded.ok ? &loaded.api : nullptr;
}

const CublasApi& cublas() {
  std::string why;
  const CublasApi* api = load_cublas(&why);
  if (!api) throw RuntimeError(why);
  return *api;
}

}  // namespace flynn::gpu
