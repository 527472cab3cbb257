#pragma once
#include <algorithm>

#include "common/kernels/nbody.hpp"
#include "common/worker.hpp"
#include "simd/compat.hpp"
#include "simd/inverse_sqrt.hpp"

namespace flynn::simd::kernels {
// Lanes are bodies i; every other body j is broadcast to all of them, so the sum over j needs no
// shuffles and each lane keeps its own three accumulators. A short last batch is padded with
// copies of its first body and only its real lanes are stored. The inverse square root is each
// ISA's fastest within 2 ulps (simd/inverse_sqrt.hpp): on AVX-512 a square root and a division per
// interaction held double to 38% of the peak.
struct nbody {
  template <class Arch, class T>
  static double run(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
    using B = xsimd::batch<T, Arch>;
    constexpr std::size_t lanes = B::size;
    const auto& v = static_cast<NbodyProblem<T>&>(p).view;
    const B e2(v.softening2);
    alignas(Arch::alignment()) T px[lanes], py[lanes], pz[lanes], out[3][lanes];
    for (std::size_t i = begin; i < end; i += lanes) {
      const std::size_t valid = std::min(lanes, end - i);
      std::fill_n(px, lanes, v.x[i]);
      std::fill_n(py, lanes, v.y[i]);
      std::fill_n(pz, lanes, v.z[i]);
      std::copy(v.x + i, v.x + i + valid, px);
      std::copy(v.y + i, v.y + i + valid, py);
      std::copy(v.z + i, v.z + i + valid, pz);
      const B xi = B::load_aligned(px), yi = B::load_aligned(py), zi = B::load_aligned(pz);
      B ax(T(0)), ay(T(0)), az(T(0));
      for (std::size_t j = 0; j < v.n; ++j) {
        const B dx = B(v.x[j]) - xi, dy = B(v.y[j]) - yi, dz = B(v.z[j]) - zi;
        const B r2 = dx * dx + dy * dy + dz * dz + e2;
        const B inv = inverse_sqrt(r2);
        const B s = B(v.mass[j]) * inv * inv * inv;
        ax = ax + dx * s;
        ay = ay + dy * s;
        az = az + dz * s;
      }
      ax.store_aligned(out[0]);
      ay.store_aligned(out[1]);
      az.store_aligned(out[2]);
      std::copy(out[0], out[0] + valid, v.ax + i);
      std::copy(out[1], out[1] + valid, v.ay + i);
      std::copy(out[2], out[2] + valid, v.az + i);
    }
    return 0;
  }
};
}  // namespace flynn::simd::kernels
