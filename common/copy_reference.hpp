// The CPU's measured memory ceiling: the fastest way this program knows to copy one array on a
// backend's cores. libc's memcpy is one way; a backend library may add others (the SIMD library
// adds vector copies with plain and with non-temporal stores: the latter write around the cache
// and so save the read-for-ownership that a plain store pays on every line). The best of them is the figure a
// memory-bound kernel on those cores is held against: kernels are no longer able to beat their
// yardstick just because libc chose a slower copy than the hardware allows.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "common/problem.hpp"
#include "common/stopwatch.hpp"

namespace flynn {

// Copies `bytes` from `src` to `dst`: one worker's share.
using CopyMethod = void (*)(char* dst, const char* src, std::size_t bytes);

// GB/s of `method` counting bytes read and written (2 x bytes per copy), median of `reps` after a
// warm-up. `chunks` splits the copy across workers (serial_chunks: one core); `stopwatch` times
// them (common/stopwatch.hpp).
double copy_gbps(std::size_t bytes, const ChunkRunner& chunks, CopyMethod method, int reps = 5,
                 const Stopwatch& stopwatch = steady_seconds);

// Adds a way of copying to the ones fastest_copy_gbps tries (from a static object).
struct CopyMethodRegistration {
  CopyMethodRegistration(std::string name, CopyMethod method);
};

// Every known method, memcpy first, by name.
struct NamedCopyMethod {
  std::string name;
  CopyMethod method;
};
const std::vector<NamedCopyMethod>& copy_methods();

struct CopyFigure {
  std::string method;  // "memcpy" or a registered method's name
  double gbps;
};
// Every known method (memcpy first), each measured over the same workers.
std::vector<CopyFigure> each_copy_method(std::size_t bytes, const ChunkRunner& chunks,
                                         const Stopwatch& stopwatch = steady_seconds);
// The best of them.
double fastest_copy_gbps(std::size_t bytes, const ChunkRunner& chunks, const Stopwatch& stopwatch = steady_seconds);

// The reference of every single-core backend (scalar and each SIMD one). Sharing one name is what
// lets the driver measure it once for all of them: the ceiling is the core's, not the code's.
inline constexpr const char* one_core_copy_name = "fastest copy, 1 core";
inline double one_core_copy_gbps(std::size_t bytes) { return fastest_copy_gbps(bytes, serial_chunks); }

}  // namespace flynn
