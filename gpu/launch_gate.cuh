// Keeps launch latency out of event-timed samples. A CUDA event records when the GPU reaches it,
// so recording the start event on an idle stream starts the clock at once, while the host is
// still queueing the kernels after it: each sample then carries microseconds of host work, which
// dominate small problems. The gate queues a kernel that waits for the host; the start event and
// the batch queue up behind it, and the host opens the gate once the whole batch is queued, so
// the clock starts with the first kernel ready to go (nvbench's blocking kernel does the same).
#pragma once
#include <cuda_runtime.h>

#include <cstddef>

namespace flynn::gpu {

class LaunchGate {
 public:
  // Launches a batch may queue behind a closed gate: a full queue would block the host, and a
  // blocked host never opens the gate (the CUDA queue holds about a thousand launches).
  static constexpr std::size_t most_launches = 512;

  LaunchGate();  // a page-locked flag the GPU can read; without one, close() never closes
  ~LaunchGate();
  LaunchGate(const LaunchGate&) = delete;
  LaunchGate& operator=(const LaunchGate&) = delete;

  // Before queueing a batch of `launches` on `s`: queues the waiting kernel, and returns true, unless
  // the batch is the first through this gate (a kernel's first launch in a process loads its code,
  // lazily since CUDA 12, which may wait for the device and so for a closed gate), longer than
  // most_launches, or there is no flag. The waiting kernel gives up after a second, so a host that
  // never opens the gate delays the stream instead of hanging it.
  bool close(cudaStream_t s, std::size_t launches);
  void open();  // after the batch is queued, where close() returned true

 private:
  volatile unsigned* host_flag_ = nullptr;
  const volatile unsigned* device_flag_ = nullptr;
  unsigned generation_ = 0;
  bool passed_once_ = false;
};

}  // namespace flynn::gpu
