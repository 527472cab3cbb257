// The CPU's measured copy reference: libc's memcpy (which switches to non-temporal stores for large
// copies) over each worker's share of two arrays, timed like any kernel.
#pragma once
#include <cstddef>

#include "common/problem.hpp"

namespace flynn {

// GB/s counting bytes read and written (2 x bytes per copy), median of `reps` after a warm-up.
// `chunks` splits the copy across workers (serial_chunks: one core).
double memcpy_gbps(std::size_t bytes, const ChunkRunner& chunks, int reps = 5);

}  // namespace flynn
