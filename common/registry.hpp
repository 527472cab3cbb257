// The one place that knows which kernels, backends and (kernel, backend) pairs exist. Specs and
// backends add themselves from static objects in their own files; the driver and the tests only
// iterate what is here.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpu_info.hpp"
#include "kernel_spec.hpp"

namespace flynn {

enum class FlynnClass { SISD, SIMD, MIMD, SIMT };

constexpr std::string_view to_string(FlynnClass c) {
  switch (c) {
    case FlynnClass::SISD: return "SISD";
    case FlynnClass::SIMD: return "SIMD";
    case FlynnClass::MIMD: return "MIMD";
    case FlynnClass::SIMT: return "SIMT";
  }
  return "?";
}

struct Availability {
  bool ok;
  std::string reason;  // why not, when !ok
};

// One kernel bound to one problem on one backend, ready to run repeatedly.
class Execution {
 public:
  virtual ~Execution() = default;
  // `times` repetitions back to back; returns their total time in seconds on the backend's own
  // clock (steady_clock on the CPU, CUDA events around the kernels on a GPU). One clock reading
  // around several runs keeps the clock's own cost out of runs too short to time one by one.
  virtual double run(std::size_t times) = 0;
  // Host->device copies + run + device->host copies, where the data lives elsewhere.
  virtual std::optional<double> run_end_to_end() { return std::nullopt; }
  // Leaves the results in the host problem, for verification.
  virtual void finish() {}
  // Evicts whatever cache the backend's own device has (a GPU's L2); host caches are evicted by
  // the caller. Called outside the timing, before a repetition, for `--cold-cache`.
  virtual void evict_device_cache() {}
  // Anything the figures need said beside them (e.g. host memory could not be pinned).
  virtual std::string note() const { return ""; }
  // After Problem::reset() put an in-place array's start values back on the host: the same where
  // the backend keeps its own copy (a GPU uploads it again). Outside the timing.
  virtual void reset() {}
  // After KernelSpec::poison() filled the host's outputs again: the same where the backend keeps
  // its own copy (a GPU's device arrays, another rank's part). Before the one run that is
  // verified, outside the timing.
  virtual void poison_outputs() {}
};

using Factory = std::function<std::unique_ptr<Execution>(Problem&)>;

// Whether vector stores may bypass the cache (non-temporal stores). `automatic` streams only
// outputs too large for the last-level cache; the others let a user see what write-allocate costs.
enum class StreamingStores { automatic, always, never };

struct RunSettings {
  unsigned threads = 0;  // 0: every core
  StreamingStores streaming = StreamingStores::automatic;
  // GPU backends: page-lock (pin) the host arrays, so copies over the link run at its full speed;
  // false leaves them pageable, which the CUDA driver copies through a staging buffer of its own.
  bool pin_host_memory = true;
  // MIMD backend: bind each worker thread to a CPU of its own (`--pin`), so the OS cannot move it
  // mid-run; false leaves placement to the OS.
  bool pin_threads = false;
};

// One thing a run's context records about a backend beyond its rows (mpi: its ranks, its library,
// what one allreduce costs): `text` as a reader reads it ("0.43 us"), and `number` where the value
// is a number, for JSON to write as one (in SI units: 4.3e-07).
struct BackendFact {
  std::string name;
  std::string text;
  std::optional<double> number = std::nullopt;
};

struct Backend {
  std::string name;
  FlynnClass flynn_class;
  std::string description;
  int order = 0;  // listing order: SISD first, SIMT last (scalar 0, simd 1000+, threads 100000, GPU 200000+)
  std::function<Availability()> availability;
  // Lanes, threads or SMs, as a short phrase for tables ("16 lanes", "2 threads x 8 lanes").
  std::function<std::string(Precision)> width;
  // How problems are first touched; empty means serially on the calling thread.
  ChunkRunner first_touch;
  // Host memory a run needs here for a problem of `problem_bytes`, where the backend holds more
  // than the one problem (mpi: rank 0 holds it all, each other rank on this host its part), and
  // why; empty: the problem once.
  std::function<std::size_t(std::size_t problem_bytes)> host_bytes_for;
  std::string why_more_host_bytes;
  // Free memory where this backend keeps its data, when that is not host memory.
  std::function<std::optional<std::size_t>()> device_free_bytes;
  // What a run there needs besides the kernel's arrays (scratch, library pools, code, the
  // --cold-cache eviction buffer when `cold_cache`); counted when a size is checked against the free memory.
  std::function<std::size_t(bool cold_cache)> device_reserve_bytes;
  // Where that memory is across a link (a GPU's): the link measured with copies of `bytes`.
  std::function<HostLink(std::size_t bytes)> host_link;
  std::function<void(const RunSettings&)> configure;
  // Whether --threads applies (shared-memory MIMD): the driver gives it a row per thread count.
  bool takes_thread_count = false;
  // Whether a run that names no backends includes it; empty: yes. (mpi started without mpirun is
  // one rank, the simd backend again: only named, or under mpirun, is it worth a row.)
  std::function<bool()> runs_by_default;
  // Called first in main, and in the test programs' main: a backend whose processes another
  // program started (MPI's mpirun) joins them there. In a process that only serves (an MPI rank
  // other than 0) it serves until the driver's process is done, and returns the exit code this
  // process should end with; nullopt: this process runs the driver.
  std::function<std::optional<int>()> join;
  // What a run's context records about the backend (see BackendFact); empty: nothing.
  std::function<std::vector<BackendFact>()> facts;
  // The measured memory ceiling for memory-bound kernels: the fastest copy of `bytes` on this
  // backend's cores (the best of memcpy and vector copies, common/copy_reference.hpp; cudaMemcpy
  // device to device on a GPU), in GB/s counting bytes read and written. Backends that share one
  // share its name, so the driver measures it once.
  std::string copy_reference_name;
  std::function<double(std::size_t bytes)> copy_reference_gbps;
  // The measured compute ceiling on this backend's cores (common/peak.hpp), in GFLOP/s.
  std::function<double(Precision)> peak_gflops;
  // Finds this backend's implementation of a kernel where no (kernel, backend) pair is registered
  // (threads: the best SIMD kernel on each core); empty: registered pairs only.
  std::function<std::optional<Factory>(std::string_view kernel)> resolve;
  // A backend that implements only some kernels (a vendor library: OpenBLAS's sgemm, cuBLAS's)
  // says why it lacks the others; their rows say "not implemented: <this>" and their tests skip.
  // Empty: every kernel is expected, and a missing one is a failure.
  std::string implements_only;
};

class Registry {
 public:
  void add_kernel(std::unique_ptr<KernelSpec> spec);
  void add_backend(Backend backend);
  void add_implementation(std::string kernel, std::string backend, Factory factory);
  void set_gpu_reporter(std::function<GpuReport()> reporter);

  // Sorted: kernels by name in registration-independent order, backends by `order` then name.
  std::vector<const KernelSpec*> kernels() const;
  std::vector<const Backend*> backends() const;
  const KernelSpec* find_kernel(std::string_view name) const;
  const Backend* find_backend(std::string_view name) const;
  std::optional<Factory> implementation(std::string_view kernel, std::string_view backend) const;
  // Whether a (kernel, backend) pair is registered as such, not found by the backend's resolve.
  bool registered(std::string_view kernel, std::string_view backend) const;
  GpuReport gpu_report() const;

 private:
  struct Pair {
    std::string kernel, backend;
    Factory factory;
  };
  std::vector<std::unique_ptr<KernelSpec>> kernels_;
  std::vector<Backend> backends_;
  std::vector<Pair> pairs_;
  std::function<GpuReport()> gpu_reporter_;
};

// The process-wide registry (constructed on first use, so static registrations in any file work).
Registry& registry();

// Each backend's join (see Backend::join), in listing order: the exit code of a process that only
// served, or nullopt where this process goes on to run the driver.
std::optional<int> join_backend_processes();

// Static objects that register at start-up, one per spec, backend or implementation file.
struct KernelRegistration {
  explicit KernelRegistration(std::unique_ptr<KernelSpec> spec) { registry().add_kernel(std::move(spec)); }
};
struct BackendRegistration {
  explicit BackendRegistration(Backend b) { registry().add_backend(std::move(b)); }
};
struct ImplementationRegistration {
  ImplementationRegistration(std::string kernel, std::string backend, Factory f) {
    registry().add_implementation(std::move(kernel), std::move(backend), std::move(f));
  }
};

}  // namespace flynn
