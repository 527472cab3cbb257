// One execution's device memory besides the problem's arrays, allocated with the execution, before
// any timing: where a reduction leaves its sum, and the temporary storage its launcher asked for
// (LaunchTraits::scratch_bytes in device_execution.cuh: CUB's, a reduction's block partials).
// Owned by the execution, not the process, so two executions alive at once never share it.
#pragma once
#include <cstddef>

namespace flynn::gpu {

struct Scratch {
  double* sum;  // one double, device memory
  void* bytes;  // `size` bytes of device memory (null when none was asked for)
  std::size_t size;
};

}  // namespace flynn::gpu
