#include "cpu/mpi/placement.hpp"

#include <hwloc.h>
#include <hwloc/glibc-sched.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace flynn::mpi {
namespace {

// Where exec keeps the launcher's binding of rank 0: its CPUs as a comma list.
constexpr const char* own_cpus_variable = "FLYNN_MPI_RANK_CPUS";

// This process's rank as its launcher announced it; -1 where none did.
int rank_from_environment() {
  for (const char* v : {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"})
    if (const char* value = std::getenv(v)) return std::atoi(value);
  return -1;
}

// Every CPU this process may run on (its cgroup's), whatever it is bound to now.
std::optional<cpu_set_t> allowed_cpus() {
  hwloc_topology_t topology;
  if (hwloc_topology_init(&topology) != 0) return std::nullopt;
  std::optional<cpu_set_t> out;
  if (hwloc_topology_load(topology) == 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (hwloc_cpuset_to_glibc_sched_affinity(topology, hwloc_topology_get_allowed_cpuset(topology), &set, sizeof set) ==
        0)
      out = set;
  }
  hwloc_topology_destroy(topology);
  return out;
}

std::string to_list(const cpu_set_t& set) {
  std::string out;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &set)) out += (out.empty() ? "" : ",") + std::to_string(cpu);
  return out;
}

std::optional<cpu_set_t> from_list(const char* text) {
  if (!text || !*text) return std::nullopt;
  cpu_set_t set;
  CPU_ZERO(&set);
  for (const char* p = text; *p;) {
    char* end = nullptr;
    const long cpu = std::strtol(p, &end, 10);
    if (end == p || cpu < 0 || cpu >= CPU_SETSIZE) return std::nullopt;
    CPU_SET(static_cast<int>(cpu), &set);
    p = *end == ',' ? end + 1 : end;
    if (*end && *end != ',') return std::nullopt;
  }
  return set;
}

// This program's own command line, as the kernel recorded it.
std::vector<std::string> command_line() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> out;
  for (std::size_t at = 0; at < all.size();) {
    const std::size_t end = all.find('\0', at);
    out.push_back(all.substr(at, end - at));
    at = end == std::string::npos ? all.size() : end + 1;
  }
  return out;
}

const std::optional<cpu_set_t> own_cpus = from_list(std::getenv(own_cpus_variable));

}  // namespace

void widen_for_the_driver() {
  if (rank_from_environment() != 0 || std::getenv(own_cpus_variable)) return;
  cpu_set_t bound;
  CPU_ZERO(&bound);
  if (sched_getaffinity(0, sizeof bound, &bound) != 0) return;
  const auto allowed = allowed_cpus();
  if (!allowed || CPU_COUNT(&*allowed) <= CPU_COUNT(&bound)) return;
  const std::vector<std::string> args = command_line();
  if (args.empty() || sched_setaffinity(0, sizeof *allowed, &*allowed) != 0) return;
  setenv(own_cpus_variable, to_list(bound).c_str(), 1);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv("/proc/self/exe", argv.data());
  // Exec failed: go on bound as the launcher left it, and as one rank's core, not all of them.
  sched_setaffinity(0, sizeof bound, &bound);
  unsetenv(own_cpus_variable);
}

OnOwnCpus::OnOwnCpus() {
  if (!own_cpus || sched_getaffinity(0, sizeof before_, &before_) != 0) return;
  moved_ = sched_setaffinity(0, sizeof *own_cpus, &*own_cpus) == 0;
}

OnOwnCpus::~OnOwnCpus() {
  if (moved_) sched_setaffinity(0, sizeof before_, &before_);
}

}  // namespace flynn::mpi
