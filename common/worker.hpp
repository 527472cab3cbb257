// What a CPU kernel is told about the worker that runs it (a thread, a rank, or the one core of
// scalar and simd): which worker it is, the partial answer it builds apart from the others, to be
// combined once a run (Problem::partial_bytes: histogram's bins), and working memory of its own
// (Problem::worker_scratch_bytes: gemm's packed panel of B).
#pragma once
#include <cassert>
#include <cstddef>
#include <cstring>

#include "common/aligned_buffer.hpp"
#include "common/problem.hpp"

namespace flynn {

// What a worker is asked to do with its range of a kernel that carries (Problem::carries): all of
// it from the carry in its partial (whole: one worker, or any kernel that does not carry), only
// its summary, written into its partial (summarize), or the rest from the carry the backend left
// there (finish).
enum class Phase { whole, summarize, finish };

struct Worker {
  std::size_t index = 0;  // in [0, count): which worker this is
  std::size_t count = 1;  // how many workers share this run
  // This worker's own Problem::partial_bytes(), set to the kernel's identity before the run and
  // combined with the others' after it; null for a kernel that builds none.
  std::byte* partial = nullptr;
  // Problem::worker_scratch_bytes() of this worker's own, for it alone during a run, kept from one
  // run to the next (what it holds is the kernel's business); null for a kernel that needs none.
  std::byte* scratch = nullptr;
  Phase phase = Phase::whole;
};

// One execution's partials and scratch, one of each per worker, allocated once before any timing
// (a kernel that allocated its own would do so inside the timing, or from code compiled for one
// instruction set, which simd/ must not export). Each starts on a cache line of its own: two
// workers' counters on one line would make every increment a miss.
class WorkerMemory {
 public:
  WorkerMemory(const Problem& p, std::size_t workers)
      : bytes_(p.partial_bytes()),
        partial_stride_(lines(bytes_)),
        stride_(partial_stride_ + lines(p.worker_scratch_bytes())),
        workers_(workers ? workers : 1),
        // For a kernel that carries, two slots more than the workers: carry_forward's running
        // carry and the summary it moves.
        storage_(stride_ ? AlignedBuffer<std::byte>(stride_ * (workers_ + (p.carries() ? 2 : 0)))
                         : AlignedBuffer<std::byte>()),
        has_scratch_(stride_ > partial_stride_) {}

  std::size_t workers() const { return workers_; }
  // Worker `index` of `count` running now (an OpenMP team may be smaller than was asked for).
  Worker worker(std::size_t index, std::size_t count) {
    assert(index < workers_ && count <= workers_);  // a team larger than the partials allocated
    std::byte* mine = storage_.data() + index * stride_;
    return {index, count, bytes_ ? mine : nullptr, has_scratch_ ? mine + partial_stride_ : nullptr};
  }
  // Every worker's partial to the identity: before each run, inside the timing (a histogram that
  // did not start from zero would not be one).
  void clear(const Problem& p) {
    if (bytes_)
      for (std::size_t w = 0; w < workers_; ++w) p.clear_partial(storage_.data() + w * stride_);
  }
  // Every worker's partial merged into the first's, which the problem then keeps as its answer:
  // after each run, inside the timing. `store` false leaves the merged partial where it is (a
  // backend that combines across processes next: mpi).
  std::byte* combine(Problem& p, bool store = true) {
    if (!bytes_ || p.carries()) return nullptr;
    std::byte* first = storage_.data();
    for (std::size_t w = 1; w < workers_; ++w) p.merge_partial(first, storage_.data() + w * stride_);
    if (store) p.store_partial(first);
    return first;
  }
  // For a kernel that carries: the summaries of workers [0, count), each in its partial, turned
  // into their carries in worker (index) order, each the identity merged with every summary before
  // its own. Between the two phases, serially (count is a team of threads: a few dozen at most).
  void carry_forward(const Problem& p, std::size_t count) {
    assert(p.carries() && count <= workers_);  // the two slots after the workers' are there
    std::byte* running = storage_.data() + workers_ * stride_;
    std::byte* summary = running + stride_;
    p.clear_partial(running);
    for (std::size_t w = 0; w < count; ++w) {
      std::byte* mine = storage_.data() + w * stride_;
      std::memcpy(summary, mine, bytes_);
      std::memcpy(mine, running, bytes_);
      p.merge_partial(running, summary);
    }
  }

 private:
  static std::size_t lines(std::size_t bytes) {
    return (bytes + buffer_alignment - 1) / buffer_alignment * buffer_alignment;
  }

  std::size_t bytes_, partial_stride_, stride_, workers_;
  AlignedBuffer<std::byte> storage_;
  bool has_scratch_;
};

}  // namespace flynn
