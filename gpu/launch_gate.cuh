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

  // A page-locked flag the GPU can read; without one, or with FLYNN_LAUNCH_GATE=0 or
  // CUDA_LAUNCH_BLOCKING=1 in the environment (a launch that waits for the kernels before it
  // would wait for the gate), hold() never closes it.
  LaunchGate();
  ~LaunchGate();  // opens the gate first: a waiting kernel must not poll freed memory
  LaunchGate(const LaunchGate&) = delete;
  LaunchGate& operator=(const LaunchGate&) = delete;

  // The gate closed for as long as it lives, opened when it goes: after the batch is queued, or
  // when queueing it threw.
  class Held {
   public:
    explicit Held(LaunchGate* gate = nullptr) : gate_(gate) {}
    ~Held() {
      if (gate_) gate_->open();
    }
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;

   private:
    LaunchGate* gate_;
  };

  // Before queueing a batch of `launches` on `s`: queues the waiting kernel, unless the batch is
  // the first through this gate (a kernel's first launch in a process loads its code, lazily
  // since CUDA 12, which may wait for the device and so for a closed gate), longer than
  // most_launches, or the gate is off. The waiting kernel gives up after a tenth of a second, so
  // a host that cannot open the gate delays the stream instead of hanging it, and a gate that has
  // once given up (launches that wait for the kernels before them: compute-sanitizer, a
  // profiler) stays open from then on.
  [[nodiscard]] Held hold(cudaStream_t s, std::size_t launches);

 private:
  void open();

  // [0]: the generation the host last opened; [1]: nonzero once a waiting kernel gave up.
  volatile unsigned* host_flags_ = nullptr;
  volatile unsigned* device_flags_ = nullptr;
  unsigned generation_ = 0;
  bool passed_once_ = false, off_ = false;
};

}  // namespace flynn::gpu
