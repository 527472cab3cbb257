// Evicts the host caches between timed repetitions (`flynn run --cold-cache`), so a problem that
// would fit in cache is measured as if it came from DRAM every time: the difference between a
// warm and a cold run at the same size is the cache hierarchy at work.
#pragma once
#include <cstddef>

#include "common/aligned_buffer.hpp"
#include "common/problem.hpp"

namespace flynn {

class CacheEvictor {
 public:
  // Twice the last-level cache, written by the same workers that run the kernel (each core then
  // also overwrites its own private L1 and L2).
  CacheEvictor(std::size_t last_level_cache_bytes, ChunkRunner workers);
  void evict();

 private:
  AlignedBuffer<unsigned char> scratch_;
  ChunkRunner workers_;
  unsigned char round_ = 0;
};

}  // namespace flynn
