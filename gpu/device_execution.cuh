// Runs a kernel on the GPU, whatever its data: device copies of the problem's buffers
// (device_mirror.cuh), CUDA events around the launches, and an end-to-end time that includes
// moving inputs in and outputs out over the host link. Shared by the cuda and thrust backends and
// by every problem type; each kernel supplies only how to launch it on a device view of its data.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "common/problem.hpp"
#include "gpu/device_mirror.cuh"
#include "gpu/launch_gate.cuh"
#include "gpu/scratch.cuh"

namespace flynn::gpu {

// What a launcher does besides queueing work on its stream, which the timing must know.
struct LaunchTraits {
  // It waits for the GPU itself (a Thrust reduction that hands its sum to the host), so nothing
  // can be queued behind a closed gate: its samples include the launch latency and the waits.
  bool waits_for_gpu = false;
  std::string note;  // said beside the row's figures
  // The temporary device storage one launch needs for this problem (0: none).
  std::size_t (*scratch_bytes)(const Problem&) = nullptr;
  // A library's state for launches on this stream (a cuBLAS handle), made once per execution:
  // creating a handle allocates device memory and loads code, which no timed run may include.
  std::unique_ptr<LibraryState> (*library)(cudaStream_t) = nullptr;
};

template <class View>
class DeviceExecution final : public Execution {
 public:
  // One launch on `stream`: reads and writes the device arrays in `view`; a kernel that reduces
  // leaves its result in *scratch.sum (device memory).
  using Launch = void (*)(const View& view, const Scratch& scratch, cudaStream_t stream);
  // The problem's view with every host pointer replaced by its device copy's.
  using ViewOnDevice = View (*)(Problem& host, const DeviceMirror& mirror);

  DeviceExecution(Problem& host, Launch launch, ViewOnDevice on_device, LaunchTraits traits)
      : host_(host),
        launch_(launch),
        traits_(std::move(traits)),
        mirror_(host),
        device_(on_device(host, mirror_)),
        sum_(1),
        temporary_(temporary_for(host, traits_)),
        scratch_{sum_.get(), temporary_.get(), temporary_.size()} {
    if (traits_.library) {
      library_ = traits_.library(stream_.get());
      scratch_.library = library_.get();
    }
    mirror_.upload_inputs(stream_.get());
    poison_outputs();
  }

  double run(std::size_t times) override {
    {
      const auto held =
          traits_.waits_for_gpu ? LaunchGate::Held() : gate_.hold(stream_.get(), times * launches_per_run);
      start_.record(stream_);
      for (std::size_t i = 0; i < times; ++i) launch_(device_, scratch_, stream_.get());
      stop_.record(stream_);
    }  // the gate opens here, or where a launch threw
    return stop_.seconds_since(start_);
  }

  std::optional<double> run_end_to_end() override {
    const auto t0 = std::chrono::steady_clock::now();
    mirror_.upload_inputs(stream_.get());
    launch_(device_, scratch_, stream_.get());
    download_results();
    stream_.synchronize();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }

  void evict_device_cache() override {
    if (!l2_scratch_.get()) l2_scratch_ = DeviceBuffer<unsigned char>(2 * l2_bytes());
    check(cudaMemsetAsync(l2_scratch_.get(), ++l2_round_, l2_scratch_.size(), stream_.get()),
          "cudaMemsetAsync(L2 eviction)");
    stream_.synchronize();
  }

  void reset() override {
    mirror_.upload_in_place(stream_.get());
    stream_.synchronize();
  }

  void poison_outputs() override {
    mirror_.poison_outputs(stream_.get());
    check(cudaMemsetAsync(sum_.get(), 0xff, sizeof(double), stream_.get()), "cudaMemsetAsync");
    stream_.synchronize();
  }

  std::string note() const override {
    const std::string pinning = mirror_.pinning_note();
    return traits_.note.empty() || pinning.empty() ? traits_.note + pinning : traits_.note + "; " + pinning;
  }

  void finish() override {
    download_results();
    stream_.synchronize();
    if (host_.reduces()) host_.store_reduction(host_sum_);
  }

 private:
  static DeviceBuffer<unsigned char> temporary_for(const Problem& host, const LaunchTraits& traits) {
    const std::size_t bytes = traits.scratch_bytes ? traits.scratch_bytes(host) : 0;
    return bytes ? DeviceBuffer<unsigned char>(bytes) : DeviceBuffer<unsigned char>();
  }

  void download_results() {
    mirror_.download_outputs(stream_.get());
    if (host_.reduces())
      check(cudaMemcpyAsync(&host_sum_, sum_.get(), sizeof(double), cudaMemcpyDeviceToHost, stream_.get()),
            "cudaMemcpyAsync(D2H)");
  }

  static constexpr std::size_t launches_per_run = 3;  // at most (scan's three passes)

  Problem& host_;
  Launch launch_;
  LaunchTraits traits_;
  DeviceMirror mirror_;
  View device_;
  DeviceBuffer<double> sum_;
  DeviceBuffer<unsigned char> temporary_;
  Scratch scratch_;
  Stream stream_;
  std::unique_ptr<LibraryState> library_;  // destroyed before the stream it is bound to
  Event start_, stop_;
  LaunchGate gate_;
  double host_sum_ = 0;
  DeviceBuffer<unsigned char> l2_scratch_;
  unsigned char l2_round_ = 0;
};

}  // namespace flynn::gpu
