#include "cpu/openblas/api.hpp"

#include <unistd.h>

#include <atomic>

#include "common/errors.hpp"
#include "common/shared_library.hpp"

namespace flynn::openblas {
namespace {

std::atomic<int> wanted_threads{0};  // 0: not asked yet (the library's own choice)
std::atomic<const Api*> loaded_api{nullptr};

LoadedApi<Api> open_library() {
  // Where pkg-config found it at build time, then wherever the loader finds that name.
  SharedLibrary library({FLYNN_OPENBLAS_LIBRARY, "libopenblas.so.0"}, "install libopenblas0");
  LoadedApi<Api> l;
  Api& a = l.api;
  const bool ok = library.ok() && library.find("cblas_sgemm", a.sgemm) && library.find("cblas_dgemm", a.dgemm) &&
                  library.find("openblas_set_num_threads", a.set_num_threads) &&
                  library.find("openblas_get_num_threads", a.get_num_threads) &&
                  library.find("openblas_get_corename", a.corename);
  if (!ok) l.why = "OpenBLAS: " + library.why();
  if (ok && wanted_threads.load()) a.set_num_threads(wanted_threads.load());
  return l;
}

const LoadedApi<Api>& library() {
  static const LoadedApi<Api> loaded = open_library();
  if (const Api* a = loaded.get()) loaded_api.store(a);
  return loaded;
}

}  // namespace

const Api* load(std::string* why) { return library().get(why); }

const Api& api() { return library().require(); }

bool present(std::string* why) {
  const std::string path = FLYNN_OPENBLAS_LIBRARY;
  if (path.find('/') == std::string::npos || access(path.c_str(), R_OK) == 0) return true;
  if (why) *why = "OpenBLAS not found at " + path + ", where the build found it: install libopenblas0";
  return false;
}

int threads() { return wanted_threads.load(); }
const Api* loaded() { return loaded_api.load(); }

void set_threads(int threads) {
  wanted_threads.store(threads);
  if (const Api* a = loaded_api.load()) a->set_num_threads(threads);
}

}  // namespace flynn::openblas
