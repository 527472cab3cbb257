// What a kernel is, independent of any machine: its data, its reference answer, how much work
// it is, and how a result is checked. One spec per kernel; every backend implements it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extents.hpp"
#include "precision.hpp"
#include "problem.hpp"

namespace flynn {

enum class Bound { memory, compute };

constexpr std::string_view to_string(Bound b) { return b == Bound::memory ? "memory" : "compute"; }

// A count of the kernel's own things (pixels, interactions, options) in a unit that reads well
// as a rate: {"Mpixel", 4.19} is shown as Mpixel/s beside GB/s and GFLOP/s.
struct Amount {
  std::string unit;
  double count;
};

// The work a kernel must do (BabelStream's convention for bytes: each input read once, each
// output written once). The driver turns these into GB/s, GFLOP/s and the amounts' rates;
// kernels never do.
struct WorkModel {
  double bytes;
  double flops;
  std::vector<Amount> amounts = {};
};

struct Verdict {
  bool ok;
  double max_error;  // largest |result - reference| seen
  double tolerance;  // the bound at that element
  std::string detail;
};

// What the spec needs to know about the machine to choose sizes.
struct SizingHints {
  std::size_t last_level_cache_bytes;  // the largest last-level cache of any device that will run it
};

class KernelSpec {
 public:
  virtual ~KernelSpec() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  virtual Bound bound() const = 0;
  // Where it is listed: kernels sort by this, then by name (the stream kernels keep BabelStream's
  // order; a kernel that says nothing comes after them).
  virtual int listing_order() const { return 1000; }
  // How its size is written: 1 (`-n 4096`: elements, bodies, options) or 2 (`-n 2048x2048`).
  virtual int dimensions() const { return 1; }
  // The precisions it computes in; the driver says "not implemented" for the others.
  virtual std::vector<Precision> precisions() const { return {Precision::f32, Precision::f64}; }
  // Sizes every backend is tested at: awkward ones, multiples of no lane count, block or thread
  // count, and one past the sizes where a backend changes path (streaming stores, several blocks).
  virtual std::vector<Extents> test_sizes() const {
    return {1, 2, 3, 15, 16, 17, 1000, 4099, (std::size_t{1} << 20) + 3};
  }
  // The largest size a run may ask for, and why no larger: an O(N^2) kernel past it would run for
  // hours on one core, which a user who typed one size for every kernel did not mean.
  virtual std::size_t largest_count() const { return std::numeric_limits<std::size_t>::max(); }
  virtual std::string_view why_no_larger() const { return ""; }
  // The largest size a run that did not name the kernel gives it. A size typed for every kernel
  // (`-n 2^20`, a stream size) is meant for the memory-bound ones; an O(N^2) nbody at 2^20 bodies
  // takes most of an hour a run on one core. Past it the kernel is left out, and the run says so.
  virtual std::size_t largest_unnamed_count() const { return largest_count(); }
  // The size a run takes when none is given: for a memory-bound kernel, large enough that the data
  // leaves the caches; for a compute-bound one, a fraction of a second on one core.
  virtual Extents default_size(Precision, const SizingHints&) const = 0;
  // Bytes the host problem allocates at size e; max() when that overflows.
  virtual std::size_t footprint_bytes(const Extents& e, Precision) const = 0;
  // Bytes a GPU backend allocates at size e: the problem's buffers (Problem::buffers()), which
  // may be fewer than the host problem holds.
  virtual std::size_t device_footprint_bytes(const Extents& e, Precision p) const { return footprint_bytes(e, p); }
  // The work one run does, as far as it is known before the run.
  virtual WorkModel work(const Extents& e, Precision) const = 0;
  // The work a run did, from its verified results: for a kernel whose work depends on the data
  // (mandelbrot's iterations), what it really did; for the others, work().
  virtual WorkModel work_done(const Problem& /*solved*/, const Extents& e, Precision p) const { return work(e, p); }
  // Seed 0 gives the canonical start values (BabelStream's, for the stream kernels); any other
  // seed gives random values that depend only on (seed, index).
  virtual std::unique_ptr<Problem> make_problem(const Extents& e, Precision, std::uint64_t seed,
                                                const ChunkRunner& first_touch) const = 0;
  // Fills outputs with NaN so an element no backend wrote fails verification.
  virtual void poison(Problem&) const = 0;
  virtual Verdict verify(const Problem&) const = 0;
};

}  // namespace flynn
