// The stream kernels' arrays as plain pointers: what a SIMD, CUDA or Thrust kernel body sees.
// Deliberately a bare aggregate (no member functions) so that files compiled with other
// instruction-set flags cannot emit a differently-compiled copy of shared inline code.
#pragma once
#include <cstddef>

namespace flynn {

template <class T>
struct StreamView {
  T* a;
  T* b;
  T* c;
  std::size_t n;
  T scalar;
};

}  // namespace flynn
