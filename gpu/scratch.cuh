// One execution's state besides the problem's arrays, made with the execution, before any timing:
// where a reduction leaves its sum, the temporary storage its launcher asked for
// (LaunchTraits::scratch_bytes in device_execution.cuh: CUB's, a reduction's block partials), and
// a vendor library's handle (LaunchTraits::library: cuBLAS's, bound to the execution's stream).
// Owned by the execution, not the process, so two executions alive at once never share it.
#pragma once
#include <cstddef>

namespace flynn::gpu {

// What a library keeps between calls (a handle, its workspace); each library derives its own, and
// its launchers cast Scratch::library back to it.
struct LibraryState {
  virtual ~LibraryState() = default;
};

struct Scratch {
  double* sum;  // one double, device memory
  void* bytes;  // `size` bytes of device memory (null when none was asked for)
  std::size_t size;
  LibraryState* library = nullptr;  // null when no library was asked for
};

}  // namespace flynn::gpu
