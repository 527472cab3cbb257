// A spec's way from a Problem to its own problem type in the run's precision: one place for the
// float-or-double dispatch every kernel with data of its own needs (poison, verify, work_done).
#pragma once
#include <type_traits>

#include "common/problem.hpp"

namespace flynn {

// f(problem as ProblemOf<float>) or f(problem as ProblemOf<double>), const where problem is.
template <template <class> class ProblemOf, class P, class F>
decltype(auto) by_precision(P& problem, F&& f) {
  static_assert(std::is_base_of_v<Problem, std::remove_const_t<P>>);
  if (problem.precision() == Precision::f32)
    return f(static_cast<std::conditional_t<std::is_const_v<P>, const ProblemOf<float>, ProblemOf<float>>&>(problem));
  return f(static_cast<std::conditional_t<std::is_const_v<P>, const ProblemOf<double>, ProblemOf<double>>&>(problem));
}

}  // namespace flynn
