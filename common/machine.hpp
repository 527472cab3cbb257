// The host as the four classes see it: cores (MIMD), caches and NUMA nodes (the memory
// architecture), read through hwloc; and how much memory is free for a problem right now.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace flynn {

struct CacheLevel {
  int depth;           // 1, 2, 3...
  std::string kind;    // "data", "instruction", "unified"
  std::size_t bytes;   // one instance
  unsigned instances;  // how many of them in the machine
  unsigned line_bytes;
};

struct NumaNode {
  unsigned index;
  std::size_t memory_bytes;
  unsigned cores;
};

struct MachineInfo {
  std::string hostname;
  std::string cpu_model;
  unsigned packages = 0, cores = 0, hardware_threads = 0;
  std::vector<CacheLevel> caches;
  std::vector<NumaNode> numa_nodes;
  std::size_t memory_bytes = 0;
  std::string hwloc_version;
  // Total bytes of the last cache level across the machine: the size "out of cache" must beat.
  std::size_t last_level_cache_bytes() const;
};

const MachineInfo& machine();

// MemAvailable from /proc/meminfo (what can be allocated without swapping); 0 when unknown.
std::size_t available_host_memory();
// MemTotal from /proc/meminfo; 0 when unknown.
std::size_t total_host_memory();

}  // namespace flynn
