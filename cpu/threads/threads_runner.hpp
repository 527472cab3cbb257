// How `threads` spreads a CPU kernel over its OpenMP team: each thread one worker, with a partial
// answer of its own (common/worker.hpp). Declared here for the tests that check exactly that.
#pragma once
#include <cstddef>

#include "common/range_execution.hpp"

namespace flynn::threads {

// Equal contiguous shares, one per thread; for an uneven problem (Problem::uneven), small shares
// handed to the next thread that comes free. Returns the sum of the partial sums.
double run_on_all_threads(Problem& p, RangeFn fn, WorkerMemory& partials);
// How many threads the next run's team asks for: --threads, or one per hardware thread.
std::size_t team_size();

}  // namespace flynn::threads
