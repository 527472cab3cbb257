// The registry entry for a kernel whose host problem holds a `view` (a bare aggregate of array
// pointers and scalars, as common/kernels/<name>.hpp defines it) on a GPU backend: the generic
// DeviceExecution with that view's pointers moved to their device copies. The kernel's header
// says which members are arrays, with `relocate(view, f)`: the view with each array pointer p
// replaced by f(p).
#pragma once
#include "gpu/device_execution.cuh"

namespace flynn::gpu {

template <template <class> class ProblemOf, class T>
auto view_on_device(Problem& host, const DeviceMirror& mirror) {
  return relocate(static_cast<ProblemOf<T>&>(host).view, [&](auto* p) { return mirror(p); });
}

template <template <class> class ProblemOf, class T>
using ViewLaunch = typename DeviceExecution<decltype(ProblemOf<T>::view)>::Launch;

template <template <class> class ProblemOf>
Factory view_factory(ViewLaunch<ProblemOf, float> f32, ViewLaunch<ProblemOf, double> f64, LaunchTraits traits = {}) {
  return [f32, f64, traits](Problem& p) -> std::unique_ptr<Execution> {
    if (p.precision() == Precision::f32)
      return std::make_unique<DeviceExecution<decltype(ProblemOf<float>::view)>>(
          p, f32, view_on_device<ProblemOf, float>, traits);
    return std::make_unique<DeviceExecution<decltype(ProblemOf<double>::view)>>(
        p, f64, view_on_device<ProblemOf, double>, traits);
  };
}

}  // namespace flynn::gpu
