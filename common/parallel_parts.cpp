#include "common/parallel_parts.hpp"

#include <sched.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace flynn {

namespace {
// Every hardware thread, or as many as OMP_NUM_THREADS allows: the limit a user (or a test under
// qemu, whose user-mode emulation of threads hangs on some hosts) has already set for the MIMD backend.
std::size_t host_threads() {
  static const std::size_t n = [] {
    std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
    if (const char* omp = std::getenv("OMP_NUM_THREADS")) {
      char* end = nullptr;
      const unsigned long v = std::strtoul(omp, &end, 10);
      if (end != omp && v > 0) threads = std::min<std::size_t>(threads, v);
    }
    return threads;
  }();
  return n;
}

// The CPUs the process may use, read before main() runs, before any thread binds itself.
const cpu_set_t process_cpus = [] {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) CPU_ZERO(&set);
  return set;
}();

}  // namespace

std::size_t process_cpu_count() { return static_cast<std::size_t>(std::max(1, CPU_COUNT(&process_cpus))); }

bool bind_this_thread(int index) {
  if (CPU_COUNT(&process_cpus) == 0) return false;
  if (index < 0) return sched_setaffinity(0, sizeof process_cpus, &process_cpus) == 0;
  int wanted = index % CPU_COUNT(&process_cpus);
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (!CPU_ISSET(cpu, &process_cpus) || wanted-- > 0) continue;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    return sched_setaffinity(0, sizeof one, &one) == 0;
  }
  return false;
}

std::size_t parts_for(std::size_t n) {
  constexpr std::size_t smallest_part = std::size_t{1} << 18;  // below this a thread costs more than it saves
  return std::clamp<std::size_t>(n / smallest_part, 1, host_threads());
}

std::size_t for_each_part(std::size_t n, const std::function<void(std::size_t, Range)>& part) {
  const std::size_t parts = parts_for(n);
  std::vector<std::jthread> workers;
  for (std::size_t i = 1; i < parts; ++i)
    workers.emplace_back([&, i] {
      bind_this_thread(-1);  // not on the one CPU a pinned (--pin) caller is bound to
      part(i, partition(n, parts, i));
    });
  part(0, partition(n, parts, 0));
  return parts;  // the jthreads join here
}

void parallel_chunks(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body) {
  for_each_part(n, [&](std::size_t, Range r) { body(r.begin, r.end); });
}

}  // namespace flynn
