#include "gpu/device_mirror.cuh"

namespace flynn::gpu {

DeviceMirror::DeviceMirror(Problem& host) : pin_(pin_host_memory()) {
  for (const BufferRef& b : host.buffers()) {
    Mirrored m{b, DeviceBuffer<unsigned char>(b.bytes), nullptr};
    if (pin_) m.pinned = std::make_unique<PinnedRegion>(b.data, b.bytes);
    buffers_.push_back(std::move(m));
  }
}

void* DeviceMirror::device_of(const void* host) const {
  for (const Mirrored& m : buffers_)
    if (m.host.data == host) return m.device.get();
  return nullptr;
}

void DeviceMirror::upload_inputs(cudaStream_t s) {
  for (const Mirrored& m : buffers_)
    if (m.host.read())
      check(cudaMemcpyAsync(m.device.get(), m.host.data, m.host.bytes, cudaMemcpyHostToDevice, s),
            "cudaMemcpyAsync(H2D)");
}

void DeviceMirror::download_outputs(cudaStream_t s) {
  for (const Mirrored& m : buffers_)
    if (m.host.written())
      check(cudaMemcpyAsync(m.host.data, m.device.get(), m.host.bytes, cudaMemcpyDeviceToHost, s),
            "cudaMemcpyAsync(D2H)");
}

void DeviceMirror::upload_in_place(cudaStream_t s) {
  for (const Mirrored& m : buffers_)
    if (m.host.role == BufferRef::Role::in_place)
      check(cudaMemcpyAsync(m.device.get(), m.host.data, m.host.bytes, cudaMemcpyHostToDevice, s),
            "cudaMemcpyAsync(H2D)");
}

void DeviceMirror::poison_outputs(cudaStream_t s) {
  for (const Mirrored& m : buffers_)
    if (m.host.role == BufferRef::Role::output)
      check(cudaMemsetAsync(m.device.get(), 0xff, m.host.bytes, s), "cudaMemsetAsync");
}

std::string DeviceMirror::pinning_note() const {
  if (!pin_)
    return "pageable host memory (--host-memory pageable): end-to-end copies went through the CUDA driver's staging "
           "buffers";
  for (const Mirrored& m : buffers_)
    if (!m.pinned->pinned()) return "host memory could not be pinned: end-to-end copies ran from pageable memory";
  return "";
}

}  // namespace flynn::gpu
