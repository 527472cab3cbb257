// Host-side work that is not measured (checking results, filling host arrays for a device) on
// every hardware thread, with plain std::thread: a check of 2^31 elements took minutes on one core.
#pragma once
#include <cstddef>
#include <functional>
#include <vector>

#include "common/partition.hpp"

namespace flynn {

// Calls part(index, range) for each of parts_for(n) contiguous parts of [0, n), concurrently;
// returns the number of parts, each index in [0, count). Small n is one part on this thread; the
// threads are the hardware's, no more than OMP_NUM_THREADS where that is set.
std::size_t for_each_part(std::size_t n, const std::function<void(std::size_t index, Range r)>& part);
std::size_t parts_for(std::size_t n);

// part(range) for each such part, concurrently, each returning its own result; then merge(all,
// result) for each in index order, from `all`: what one pass in index order would have found
// (a check's first failure, a reference's sums or counts), on every hardware thread.
template <class Result, class Part, class Merge>
Result fold_parts(std::size_t n, Part part, Merge merge, Result all = Result{}) {
  std::vector<Result> results(parts_for(n));
  for_each_part(n, [&](std::size_t index, Range r) { results[index] = part(r); });
  for (const Result& r : results) merge(all, r);
  return all;
}

// Binds the calling thread to one of the CPUs the process started with (`index` modulo their
// count), or with index < 0 back to all of them; false where the OS refuses. Helper threads that
// for_each_part starts always begin unbound, whatever the thread that starts them is bound to.
bool bind_this_thread(int index);
// How many CPUs the process started with (1 where the OS does not say).
std::size_t process_cpu_count();

// A ChunkRunner (common/problem.hpp) that fills a host problem with every hardware thread.
void parallel_chunks(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body);

}  // namespace flynn
