// A shared library opened when first needed (dlopen) rather than linked: a vendor library a backend
// calls (OpenBLAS, cuBLAS) costs every program that links it, used or not (cuBLAS's start-up
// relocations, OpenBLAS's threads), and a machine without it cannot start a program linked to it.
#pragma once
#include <initializer_list>
#include <string>

#include "common/errors.hpp"

namespace flynn {

class SharedLibrary {
 public:
  // The first of `paths` that loads (a bare name is looked for as the loader looks for any
  // library); where none does, ok() is false and why() says what each attempt gave. Never closed:
  // its code and threads may run until the process ends.
  SharedLibrary(std::initializer_list<std::string> paths, const std::string& what_to_install);
  bool ok() const { return handle_ != nullptr && why_.empty(); }
  const std::string& why() const { return why_; }

  // `into` set to the function `symbol` names, whose type the library's header gives; false, and
  // why() names it, where the library has no such symbol.
  template <class F>
  bool find(const char* symbol, F& into) {
    into = reinterpret_cast<F>(address(symbol));
    return into != nullptr;
  }

 private:
  void* address(const char* symbol);

  void* handle_ = nullptr;
  std::string why_;
};

// A library's table of functions (Api: a struct of pointers, one per function a backend calls)
// as loading left it: every one found, or the reason why not.
template <class Api>
struct LoadedApi {
  Api api{};
  std::string why;  // empty where every function was found

  // The table; null where loading failed, with the reason in *why_not.
  const Api* get(std::string* why_not = nullptr) const {
    if (!why.empty() && why_not) *why_not = why;
    return why.empty() ? &api : nullptr;
  }
  // The table, or a RuntimeError with the reason.
  const Api& require() const {
    if (!why.empty()) throw RuntimeError(why);
    return api;
  }
};

}  // namespace flynn
