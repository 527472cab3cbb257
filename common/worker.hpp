// What a CPU kernel is told about the worker that runs it (a thread, a rank, or the one core of
// scalar and simd), and the partial answers workers build apart and combine once a run
// (Problem::partial_bytes: histogram's bins).
#pragma once
#include <cassert>
#include <cstddef>

#include "common/aligned_buffer.hpp"
#include "common/problem.hpp"

namespace flynn {

struct Worker {
  std::size_t index = 0;  // in [0, count): which worker this is
  std::size_t count = 1;  // how many workers share this run
  // This worker's own Problem::partial_bytes(), set to the kernel's identity before the run and
  // combined with the others' after it; null for a kernel that builds none.
  std::byte* partial = nullptr;
};

// One execution's partials, one per worker, allocated once before any timing. Each starts on a
// cache line of its own: two workers' counters on one line would make every increment a miss.
class Partials {
 public:
  Partials(const Problem& p, std::size_t workers)
      : bytes_(p.partial_bytes()),
        stride_((bytes_ + buffer_alignment - 1) / buffer_alignment * buffer_alignment),
        workers_(workers ? workers : 1),
        storage_(bytes_ ? AlignedBuffer<std::byte>(stride_ * workers_) : AlignedBuffer<std::byte>()) {}

  std::size_t workers() const { return workers_; }
  // Worker `index` of `count` running now (an OpenMP team may be smaller than was asked for).
  Worker worker(std::size_t index, std::size_t count) {
    assert(index < workers_ && count <= workers_);  // a team larger than the partials allocated
    return {index, count, bytes_ ? storage_.data() + index * stride_ : nullptr};
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
    if (!bytes_) return nullptr;
    std::byte* first = storage_.data();
    for (std::size_t w = 1; w < workers_; ++w) p.merge_partial(first, storage_.data() + w * stride_);
    if (store) p.store_partial(first);
    return first;
  }

 private:
  std::size_t bytes_, stride_, workers_;
  AlignedBuffer<std::byte> storage_;
};

}  // namespace flynn
