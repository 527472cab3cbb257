#include "common/cache_eviction.hpp"

#include <cstring>

namespace flynn {

CacheEvictor::CacheEvictor(std::size_t last_level_cache_bytes, ChunkRunner workers)
    : scratch_(2 * last_level_cache_bytes), workers_(workers ? std::move(workers) : ChunkRunner(serial_chunks)) {
  evict();  // first touch, so the timed loop never pays for page faults here
}

void CacheEvictor::evict() {
  // A new value each round, so no part of the write can be skipped as unchanged.
  const unsigned char value = ++round_;
  workers_(scratch_.size(), [&](std::size_t b, std::size_t e) { std::memset(scratch_.data() + b, value, e - b); });
}

}  // namespace flynn
