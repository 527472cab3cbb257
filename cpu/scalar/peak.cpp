// The SISD compute ceiling probe (common/peak.hpp): twelve independent scalar multiply-add
// chains, one lane each; built like the scalar kernels, with the vectoriser off.
#include "common/peak.hpp"

namespace flynn::scalar {

template <class T>
double peak_probe(std::size_t iterations) {
  constexpr int chains = 12;
  const T x = T(0.999), y = T(1e-4);  // converges to 0.1
  T acc[chains];
  for (int k = 0; k < chains; ++k) acc[k] = T(1) + T(k) * T(0.01);
  for (std::size_t i = 0; i < iterations; ++i)
    for (int k = 0; k < chains; ++k) acc[k] = acc[k] * x + y;
  T sum = 0;
  for (int k = 0; k < chains; ++k) sum += acc[k];
  return static_cast<double>(sum);
}

extern const PeakProbes peak_probes{peak_probe<float>, peak_probe<double>, 2.0 * 12, 2.0 * 12};

}  // namespace flynn::scalar
