// The device copies of a problem's host buffers (Problem::buffers()): inputs uploaded, outputs
// poisoned and brought back. Works for any kernel's data, so a new problem type needs only to say
// how its view's pointers map (see stream_execution.cuh), not how to move memory.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "common/problem.hpp"
#include "gpu/device.cuh"

namespace flynn::gpu {

class DeviceMirror {
 public:
  // Allocates one device buffer per host buffer; pins the host side unless `--host-memory
  // pageable` said not to (gpu::pin_host_memory()).
  explicit DeviceMirror(Problem& host);

  // The device copy of the host buffer that starts at `host`; nullptr for an array the kernel
  // does not use (a device view then holds nullptr there, and any use of it faults loudly).
  template <class T>
  T* operator()(T* host) const {
    return static_cast<T*>(device_of(host));
  }

  void upload_inputs(cudaStream_t s);     // what the kernel reads, arrays it updates in place included
  void download_outputs(cudaStream_t s);  // what it writes, arrays it updates in place included
  // The arrays it updates in place, again (their start values, after Problem::reset()).
  void upload_in_place(cudaStream_t s);
  // All-ones bytes: a NaN in float and double, so an element no thread wrote fails verification
  // (not the arrays updated in place, which hold the kernel's input).
  void poison_outputs(cudaStream_t s);
  // Why the end-to-end figures are not from pinned memory, or "" when they are.
  std::string pinning_note() const;

 private:
  void* device_of(const void* host) const;

  struct Mirrored {
    BufferRef host;
    DeviceBuffer<unsigned char> device;
    std::unique_ptr<PinnedRegion> pinned;
  };
  std::vector<Mirrored> buffers_;
  bool pin_;
};

}  // namespace flynn::gpu
