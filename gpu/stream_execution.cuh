// The stream kernels on the GPU: their device view and their registry entry. Everything else
// (device memory, copies, timing) is the generic DeviceExecution's; a kernel with data of its own
// writes a file like this one for its problem type.
#pragma once
#include "common/stream/stream_problem.hpp"
#include "gpu/device_execution.cuh"

namespace flynn::gpu {

template <class T>
using StreamLaunch = typename DeviceExecution<StreamView<T>>::Launch;

// The host view with each array replaced by its device copy (nullptr where the kernel does not
// use the array: copy never sees b).
template <class T>
StreamView<T> stream_view_on_device(Problem& host, const DeviceMirror& mirror) {
  StreamView<T> v = static_cast<StreamProblem<T>&>(host).view;
  v.a = mirror(v.a);
  v.b = mirror(v.b);
  v.c = mirror(v.c);
  return v;
}

// The registry entry for a stream kernel on a GPU backend, from its two launchers.
inline Factory stream_factory(StreamLaunch<float> f32, StreamLaunch<double> f64, LaunchTraits traits = {}) {
  return [f32, f64, traits](Problem& p) -> std::unique_ptr<Execution> {
    if (p.precision() == Precision::f32)
      return std::make_unique<DeviceExecution<StreamView<float>>>(p, f32, stream_view_on_device<float>, traits);
    return std::make_unique<DeviceExecution<StreamView<double>>>(p, f64, stream_view_on_device<double>, traits);
  };
}

}  // namespace flynn::gpu
