// A kernel's data on the host: what every backend reads, writes, and hands back for checking.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "extents.hpp"
#include "precision.hpp"

namespace flynn {

// Runs body(begin, end) over [0, n), split as the backend will split the work; backends that
// care about first touch (threads) supply their own, everyone else gets serial_chunks.
using ChunkRunner = std::function<void(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body)>;

inline void serial_chunks(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body) { body(0, n); }

// One host array, and whether a kernel reads it, writes it, or both (in place): a GPU backend
// mirrors what is read to the device before a run and brings what is written back after it.
struct BufferRef {
  enum class Role { input, output, in_place };
  void* data;
  std::size_t bytes;
  Role role;
  // Whether the kernel reads all of it for every index (nbody's bodies: each body's acceleration
  // sums over every other body), not only its own part. A backend whose workers hold only their
  // own part (mpi's ranks) must bring the whole of it to every worker before each run.
  bool read_whole = false;
  // Whether it holds the workers' combined answer (histogram's bins: Problem::store_partial writes
  // it whole), not one part per index. A backend that splits arrays by index leaves it whole.
  bool combined = false;
  // How many indices on either side of a worker's own part it reads besides its own (a stencil's
  // neighbour rows: 1). Shared-memory backends read them in place; mpi's ranks, which hold only
  // their own parts, trade those indices with the ranks that own them before each run.
  std::size_t halo = 0;
  bool read() const { return role != Role::output; }
  bool written() const { return role != Role::input; }
};

// How a problem was made. measure() records it, so that a backend whose data live in several
// processes (the mpi backend's ranks) can make the same problem in each of them.
struct Recipe {
  std::string kernel;
  Extents size;
  std::uint64_t seed;
};

class Problem {
 public:
  virtual ~Problem() = default;
  const std::optional<Recipe>& recipe() const { return recipe_; }
  void set_recipe(Recipe r) { recipe_ = std::move(r); }
  virtual Precision precision() const = 0;
  // The index space backends split across lanes, threads and blocks (elements, rows, bodies).
  virtual std::size_t extent() const = 0;
  // Whether equal shares of extent() may cost very different amounts (mandelbrot's rows: some
  // escape at once, some iterate to the limit). A MIMD backend then hands out small shares as its
  // threads come free, instead of one equal share each that the slowest thread would decide.
  virtual bool uneven() const { return false; }
  virtual std::vector<BufferRef> buffers() = 0;
  // Whether the kernel's answer is a single sum (dot) rather than, or besides, its outputs.
  virtual bool reduces() const { return false; }
  // Kernels that reduce return partial sums; this stores their total. Others ignore it.
  virtual void store_reduction(double) {}
  // A kernel whose workers each build an answer of their own and combine them once a run
  // (histogram: each thread counts into bins of its own, and the bins are added at the end) says
  // how many bytes one answer takes. A CPU backend hands each worker its own (Worker::partial in
  // common/worker.hpp), set by clear_partial to the identity before each run; after it, merges
  // them pairwise with merge_partial (associative and commutative: workers, threads or ranks,
  // combine in any order), and store_partial keeps the result as the problem's answer.
  virtual std::size_t partial_bytes() const { return 0; }
  virtual void clear_partial(std::byte* /*partial*/) const {}
  virtual void merge_partial(std::byte* /*into*/, const std::byte* /*from*/) const {}
  virtual void store_partial(const std::byte* /*partial*/) {}
  // A kernel whose every index depends on all the indices before it (a scan: output i is the sum
  // of inputs 0..i) says so; its partial (partial_bytes) is then a carry, not an answer. A CPU
  // backend with several workers runs it in two phases (Worker::phase): each worker first
  // summarizes its range into its partial (a scan: the range's sum); the backend turns those, in
  // index order, into each worker's carry (clear_partial's identity for the first range, then
  // merge_partial(carry, summary) along: associative, and here the order matters, `into` holding
  // the earlier indices); each worker then finishes its range from its carry. One worker alone
  // (scalar, simd) runs one pass from the identity. store_partial is not called.
  virtual bool carries() const { return false; }
  // Working memory each CPU worker needs for itself during a run (gemm's SIMD kernel packs panels
  // of B into it), handed to it as Worker::scratch: allocated once per execution, before any
  // timing, one per worker, never shared.
  virtual std::size_t worker_scratch_bytes() const { return 0; }
  // A kernel that updates an array in place (nstream's a += ...) computes something else each
  // time it runs; reset() puts the start values back, and measure() calls it before every run,
  // outside the timing, so every run computes the same answer and verification never depends on
  // how many runs the timing took.
  virtual bool in_place() const { return false; }
  virtual void reset() {}
  // The same for indices [begin, end) only: all a worker that holds one part needs (an mpi rank).
  // By default the whole problem, which is right, if more than the part needs.
  virtual void reset_part(std::size_t /*begin*/, std::size_t /*end*/) { reset(); }

 private:
  std::optional<Recipe> recipe_;
};

}  // namespace flynn
