// Runs a stream kernel on the GPU: device copies of the arrays, CUDA events around the kernel,
// and an end-to-end time that includes moving inputs in and outputs out over the host link.
// Shared by the cuda and thrust backends; each supplies only how to launch the kernel.
#pragma once
#include <chrono>
#include <cstring>
#include <memory>
#include <vector>

#include "common/stream/stream_problem.hpp"
#include "gpu/device.cuh"

namespace flynn::gpu {

// Launches one repetition on `stream`: reads and writes the device arrays in `v`; a reduction
// leaves its result in *sum (device memory).
template <class T>
using StreamLaunch = void (*)(const StreamView<T>& v, double* sum, cudaStream_t stream);

template <class T>
class StreamExecution final : public Execution {
 public:
  StreamExecution(StreamProblem<T>& host, StreamLaunch<T> launch)
      : host_(host), launch_(launch), a_(host.view.n), b_(host.view.n), c_(host.view.n), sum_(1) {
    device_ = host.view;
    device_.a = a_.get();
    device_.b = b_.get();
    device_.c = c_.get();
    if (pin_)
      for (const BufferRef& b : host.buffers()) pinned_.push_back(std::make_unique<PinnedRegion>(b.data, b.bytes));
    upload_inputs();
    // Poison the outputs on the device: all-ones bytes are a NaN in float and double.
    if (const auto out = host.roles().writes) check(cudaMemsetAsync(device_array(*out), 0xff, bytes(), stream_.get()), "cudaMemsetAsync");
    check(cudaMemsetAsync(sum_.get(), 0xff, sizeof(double), stream_.get()), "cudaMemsetAsync");
    stream_.synchronize();
  }

  double run(std::size_t times) override {
    start_.record(stream_);
    for (std::size_t i = 0; i < times; ++i) launch_(device_, sum_.get(), stream_.get());
    stop_.record(stream_);
    return stop_.seconds_since(start_);
  }

  std::optional<double> run_end_to_end() override {
    const auto t0 = std::chrono::steady_clock::now();
    upload_inputs();
    launch_(device_, sum_.get(), stream_.get());
    download_outputs();
    stream_.synchronize();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }

  void evict_device_cache() override {
    if (!l2_scratch_.get()) l2_scratch_ = DeviceBuffer<unsigned char>(2 * l2_bytes());
    check(cudaMemsetAsync(l2_scratch_.get(), ++l2_round_, l2_scratch_.size(), stream_.get()), "cudaMemsetAsync(L2 eviction)");
    stream_.synchronize();
  }

  std::string note() const override {
    if (!pin_) return "pageable host memory (--host-memory pageable): end-to-end copies went through the CUDA driver's staging buffers";
    for (const auto& p : pinned_)
      if (!p->pinned()) return "host memory could not be pinned: end-to-end copies ran from pageable memory";
    return "";
  }

  void finish() override {
    download_outputs();
    stream_.synchronize();
    if (!host_.roles().writes) host_.store_reduction(host_sum_);
  }

 private:
  std::size_t bytes() const { return host_.view.n * sizeof(T); }
  T* device_array(StreamArray x) { return x == StreamArray::a ? device_.a : x == StreamArray::b ? device_.b : device_.c; }
  void upload_inputs() {
    for (StreamArray x : host_.roles().reads)
      check(cudaMemcpyAsync(device_array(x), host_.array(x), bytes(), cudaMemcpyHostToDevice, stream_.get()), "cudaMemcpyAsync(H2D)");
  }
  void download_outputs() {
    if (const auto out = host_.roles().writes)
      check(cudaMemcpyAsync(host_.array(*out), device_array(*out), bytes(), cudaMemcpyDeviceToHost, stream_.get()), "cudaMemcpyAsync(D2H)");
    else
      check(cudaMemcpyAsync(&host_sum_, sum_.get(), sizeof(double), cudaMemcpyDeviceToHost, stream_.get()), "cudaMemcpyAsync(D2H)");
  }

  StreamProblem<T>& host_;
  StreamLaunch<T> launch_;
  DeviceBuffer<T> a_, b_, c_;
  DeviceBuffer<double> sum_;
  StreamView<T> device_;
  const bool pin_ = pin_host_memory();
  std::vector<std::unique_ptr<PinnedRegion>> pinned_;
  Stream stream_;
  Event start_, stop_;
  double host_sum_ = 0;
  DeviceBuffer<unsigned char> l2_scratch_;
  unsigned char l2_round_ = 0;
};

// The registry entry for a stream kernel on a GPU backend, from its two launchers.
inline Factory stream_factory(StreamLaunch<float> f32, StreamLaunch<double> f64) {
  return [f32, f64](Problem& p) -> std::unique_ptr<Execution> {
    if (p.precision() == Precision::f32) return std::make_unique<StreamExecution<float>>(static_cast<StreamProblem<float>&>(p), f32);
    return std::make_unique<StreamExecution<double>>(static_cast<StreamProblem<double>&>(p), f64);
  };
}

}  // namespace flynn::gpu
