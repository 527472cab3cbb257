// The CPU's measured copy reference: libc's memcpy (which switches to non-temporal stores for large
// copies) over each worker's share of two arrays, timed like any kernel.
#pragma once
#include <cstddef>

#include "common/problem.hpp"

namespace flynn {

// GB/s counting bytes read and written (2 x bytes per copy), median of `reps` after a warm-up.
// `chunks` splits the copy across workers (serial_chunks: one core).
double memcpy_gbps(std::size_t bytes, const ChunkRunner& chunks, int reps = 5);

// The reference of every single-core backend (scalar and each SIMD one). Sharing one name is what
// lets the driver measure it once for all of them.
inline constexpr const char* one_core_copy_name = "memcpy, 1 core";
inline double one_core_memcpy_gbps(std::size_t bytes) { return memcpy_gbps(bytes, serial_chunks); }

}  // namespace flynn
