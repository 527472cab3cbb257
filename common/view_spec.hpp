// What the specs of kernels whose problem holds a `view` share (every kernel but the stream ones):
// a problem of ProblemOf<float> or ProblemOf<double> made by the kernel's own
// make<T>(count, seed, first_touch), or make<T>(extents, seed, first_touch) for a grid
// (mandelbrot, stencil); its outputs poisoned with NaN (a spec with integer outputs overrides
// poison: mandelbrot's counts); and its view checked by the kernel's own check<T>. A spec derives
// from ViewSpec<ProblemOf, make<float>, make<double>, check<float>, check<double>> and writes the
// rest (name, sizes, work).
#pragma once
#include <cstdint>
#include <memory>
#include <type_traits>

#include "common/kernel_spec.hpp"
#include "common/verify.hpp"

namespace flynn {

template <template <class> class ProblemOf, auto make_f32, auto make_f64, auto check_f32, auto check_f64>
class ViewSpec : public KernelSpec {
 public:
  std::unique_ptr<Problem> make_problem(const Extents& e, Precision p, std::uint64_t seed,
                                        const ChunkRunner& first_touch) const final {
    const ChunkRunner& run = first_touch ? first_touch : ChunkRunner(serial_chunks);
    if constexpr (std::is_invocable_v<decltype(make_f32), const Extents&, std::uint64_t, const ChunkRunner&>)
      return p == Precision::f32 ? make_f32(e, seed, run) : make_f64(e, seed, run);
    else
      return p == Precision::f32 ? make_f32(e.count(), seed, run) : make_f64(e.count(), seed, run);
  }
  void poison(Problem& problem) const override { fill_outputs_with_nan(problem); }
  Verdict verify(const Problem& problem) const final {
    if (problem.precision() == Precision::f32) return check_f32(static_cast<const ProblemOf<float>&>(problem).view);
    return check_f64(static_cast<const ProblemOf<double>&>(problem).view);
  }
};

}  // namespace flynn
