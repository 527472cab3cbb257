#include "common/machine.hpp"

#include <hwloc.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace flynn {
namespace {

std::string cpu_model_from_proc() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0 || line.rfind("Model", 0) == 0) {
      auto pos = line.find(':');
      if (pos != std::string::npos) return line.substr(line.find_first_not_of(' ', pos + 1));
    }
  }
  return "unknown";
}

std::string cache_kind(hwloc_obj_cache_type_t t) {
  switch (t) {
    case HWLOC_OBJ_CACHE_DATA: return "data";
    case HWLOC_OBJ_CACHE_INSTRUCTION: return "instruction";
    default: return "unified";
  }
}

MachineInfo read_machine() {
  MachineInfo m;
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) == 0) m.hostname = host;
  m.hwloc_version = HWLOC_VERSION;

  hwloc_topology_t topo;
  if (hwloc_topology_init(&topo) != 0 || hwloc_topology_load(topo) != 0) {
    m.cpu_model = cpu_model_from_proc();
    m.hardware_threads = static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN));
    m.cores = m.hardware_threads;
    return m;
  }
  auto count = [&](hwloc_obj_type_t t) {
    return static_cast<unsigned>(std::max(0, hwloc_get_nbobjs_by_type(topo, t)));
  };
  m.packages = count(HWLOC_OBJ_PACKAGE);
  m.cores = count(HWLOC_OBJ_CORE);
  m.hardware_threads = count(HWLOC_OBJ_PU);

  if (hwloc_obj_t pkg = hwloc_get_obj_by_type(topo, HWLOC_OBJ_PACKAGE, 0)) {
    if (const char* model = hwloc_obj_get_info_by_name(pkg, "CPUModel")) m.cpu_model = model;
  }
  if (m.cpu_model.empty()) m.cpu_model = cpu_model_from_proc();

  for (hwloc_obj_type_t t :
       {HWLOC_OBJ_L1CACHE, HWLOC_OBJ_L2CACHE, HWLOC_OBJ_L3CACHE, HWLOC_OBJ_L4CACHE, HWLOC_OBJ_L1ICACHE}) {
    const unsigned n = count(t);
    if (n == 0) continue;
    hwloc_obj_t c = hwloc_get_obj_by_type(topo, t, 0);
    m.caches.push_back({static_cast<int>(c->attr->cache.depth), cache_kind(c->attr->cache.type),
                        static_cast<std::size_t>(c->attr->cache.size), n, c->attr->cache.linesize});
  }

  const unsigned nodes = count(HWLOC_OBJ_NUMANODE);
  for (unsigned i = 0; i < nodes; ++i) {
    hwloc_obj_t node = hwloc_get_obj_by_type(topo, HWLOC_OBJ_NUMANODE, i);
    const int cores = hwloc_get_nbobjs_inside_cpuset_by_type(topo, node->cpuset, HWLOC_OBJ_CORE);
    m.numa_nodes.push_back({node->os_index, static_cast<std::size_t>(node->attr->numanode.local_memory),
                            static_cast<unsigned>(std::max(0, cores))});
    m.memory_bytes += node->attr->numanode.local_memory;
  }
  hwloc_topology_destroy(topo);
  return m;
}

}  // namespace

std::size_t MachineInfo::last_level_cache_bytes() const {
  const CacheLevel* last = nullptr;
  for (const auto& c : caches)
    if (c.kind != "instruction" && (!last || c.depth > last->depth)) last = &c;
  // Without cache information, assume a generous 64 MiB so default sizes still leave the cache.
  return last ? last->bytes * last->instances : std::size_t{64} << 20;
}

const MachineInfo& machine() {
  static const MachineInfo info = read_machine();
  return info;
}

namespace {
std::size_t meminfo_bytes(const std::string& key) {
  std::ifstream in("/proc/meminfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key + ":", 0) == 0) {
      std::istringstream fields(line.substr(key.size() + 1));
      std::size_t kib = 0;
      fields >> kib;
      return kib * 1024;
    }
  }
  return 0;
}
}  // namespace

std::size_t available_host_memory() { return meminfo_bytes("MemAvailable"); }
std::size_t total_host_memory() { return meminfo_bytes("MemTotal"); }

}  // namespace flynn
