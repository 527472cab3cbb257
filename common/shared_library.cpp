#include "common/shared_library.hpp"

#include <dlfcn.h>

namespace flynn {

SharedLibrary::SharedLibrary(std::initializer_list<std::string> paths, const std::string& what_to_install) {
  std::string tried;
  for (const std::string& path : paths) {
    if ((handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL))) return;
    const char* error = dlerror();
    tried += (tried.empty() ? "" : "; ") + std::string(error ? error : path);
  }
  why_ = "not found (" + tried + "): " + what_to_install + ", or add its folder to LD_LIBRARY_PATH";
}

void* SharedLibrary::address(const char* symbol) {
  void* p = handle_ ? dlsym(handle_, symbol) : nullptr;
  if (!p && why_.empty()) why_ = std::string("it has no ") + symbol;
  return p;
}

}  // namespace flynn
