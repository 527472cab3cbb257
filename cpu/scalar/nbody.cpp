#include <cmath>

#include "common/kernels/nbody.hpp"
#include "common/range_execution.hpp"

namespace flynn {
namespace {
// One body against all, one interaction at a time (a square root and a division each).
template <class T>
double nbody(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  const auto& v = static_cast<NbodyProblem<T>&>(p).view;
  const T e2 = v.softening2;
  for (std::size_t i = begin; i < end; ++i) {
    const T xi = v.x[i], yi = v.y[i], zi = v.z[i];
    T ax = 0, ay = 0, az = 0;
    for (std::size_t j = 0; j < v.n; ++j) {
      const T dx = v.x[j] - xi, dy = v.y[j] - yi, dz = v.z[j] - zi;
      const T r2 = dx * dx + dy * dy + dz * dz + e2;
      const T inv = T(1) / std::sqrt(r2);
      const T s = v.mass[j] * inv * inv * inv;
      ax += dx * s;
      ay += dy * s;
      az += dz * s;
    }
    v.ax[i] = ax;
    v.ay[i] = ay;
    v.az[i] = az;
  }
  return 0;
}
const ImplementationRegistration registration{"nbody", "scalar", range_factory({nbody<float>, nbody<double>})};
}  // namespace
}  // namespace flynn
