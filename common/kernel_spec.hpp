// What a kernel is, independent of any machine: its data, its reference answer, how much work
// it is, and how a result is checked. One spec per kernel; every backend implements it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "precision.hpp"
#include "problem.hpp"

namespace flynn {

enum class Bound { memory, compute };

constexpr std::string_view to_string(Bound b) { return b == Bound::memory ? "memory" : "compute"; }

// The work a kernel must do (BabelStream's convention for bytes: each input read once, each
// output written once). The driver turns these into GB/s and GFLOP/s; kernels never do.
struct WorkModel {
  double bytes;
  double flops;
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
  // A size large enough that the data leaves the caches, for a run that measures memory.
  virtual std::size_t default_size(Precision, const SizingHints&) const = 0;
  // Bytes the host problem allocates for size n; nullopt-like max() when it overflows.
  virtual std::size_t footprint_bytes(std::size_t n, Precision) const = 0;
  // Bytes a GPU backend allocates for size n: the problem's buffers (Problem::buffers()), which
  // may be fewer than the host problem holds.
  virtual std::size_t device_footprint_bytes(std::size_t n, Precision p) const { return footprint_bytes(n, p); }
  virtual WorkModel work(std::size_t n, Precision) const = 0;
  // Seed 0 gives the canonical start values (BabelStream's, for the stream kernels); any other
  // seed gives random values that depend only on (seed, index).
  virtual std::unique_ptr<Problem> make_problem(std::size_t n, Precision, std::uint64_t seed,
                                                const ChunkRunner& first_touch) const = 0;
  // Fills outputs with NaN so an element no backend wrote fails verification.
  virtual void poison(Problem&) const = 0;
  virtual Verdict verify(const Problem&) const = 0;
};

}  // namespace flynn
