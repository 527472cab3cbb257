// MIMD: many instruction streams, each on its own data. One OpenMP parallel region per run;
// OpenMP keeps its thread team alive between regions, so nothing is built inside the timed call.
#include <omp.h>

#include <algorithm>

#include "common/copy_reference.hpp"
#include "common/parallel_parts.hpp"
#include "common/partition.hpp"
#include "common/peak.hpp"
#include "common/range_execution.hpp"
#include "cpu/threads/threads_runner.hpp"
#include "simd/simd_table.hpp"

namespace flynn::threads {
namespace {

unsigned requested_threads = 0;  // 0: OpenMP's default, one per hardware thread

// Inside a parallel region: this thread as a worker, its index its OpenMP thread number.
Worker this_worker(WorkerMemory& partials) {
  return partials.worker(static_cast<std::size_t>(omp_get_thread_num()),
                         static_cast<std::size_t>(omp_get_num_threads()));
}

unsigned team_threads() { return requested_threads ? requested_threads : static_cast<unsigned>(omp_get_max_threads()); }

bool pin_threads = false;  // --pin

// At the start of every parallel region: each worker bound to a CPU of its own under --pin, or left
// to the OS. The binding is kept between regions (OpenMP keeps its team), so only the first region
// after a change pays the system call, and that is a warm-up run.
void place_this_thread() {
  thread_local int bound_to = -1;  // the worker index it is bound for; -1: unbound
  const int want = pin_threads ? omp_get_thread_num() : -1;
  if (want != bound_to && bind_this_thread(want)) bound_to = want;
}

// Both the first touch and the kernel split [0, n) the same way, so each thread streams through
// pages that it placed on its own NUMA node.
void for_each_thread_range(std::size_t n, const std::function<void(std::size_t, std::size_t)>& body) {
#pragma omp parallel num_threads(team_threads()) proc_bind(spread)
  {
    place_this_thread();
    const Range r =
        partition(n, static_cast<std::size_t>(omp_get_num_threads()), static_cast<std::size_t>(omp_get_thread_num()));
    if (r.begin < r.end) body(r.begin, r.end);
  }
}

unsigned on_every_thread(const std::function<void()>& body) {
  unsigned ran = 0;
#pragma omp parallel num_threads(team_threads()) proc_bind(spread) reduction(+ : ran)
  {
    place_this_thread();
    body();
    ran += 1;
  }
  return ran;
}

// Rows of very different cost (Problem::uneven): sixteen shares per thread, each handed to the
// next thread that comes free, so no thread waits long for the one with the costliest rows.
// Each thread is one worker, whichever shares it takes.
double run_in_shares(Problem& p, RangeFn fn, WorkerMemory& partials) {
  const std::size_t n = p.extent();
  const std::size_t share = std::max<std::size_t>(1, n / (16 * std::size_t{team_threads()}));
  const std::size_t shares = (n + share - 1) / share;
  double total = 0;
#pragma omp parallel for num_threads(team_threads()) proc_bind(spread) schedule(dynamic, 1) reduction(+ : total)
  for (std::size_t s = 0; s < shares; ++s) {
    place_this_thread();
    total += fn(p, s * share, std::min(n, (s + 1) * share), this_worker(partials));
  }
  return total;
}

// A kernel that carries (a scan): each thread summarizes its range, one thread turns the summaries
// into carries in range order, and each thread finishes its range from its own. Equal ranges in
// both phases, so a thread finishes the range it summarized (and placed, and still has in cache).
// A team of one runs one pass: the second read is what parallelism costs, not what one thread must do.
void run_carrying(Problem& p, RangeFn fn, WorkerMemory& partials) {
  const std::size_t n = p.extent();
#pragma omp parallel num_threads(team_threads()) proc_bind(spread)
  {
    place_this_thread();
    const std::size_t threads = static_cast<std::size_t>(omp_get_num_threads());
    const Range r = partition(n, threads, static_cast<std::size_t>(omp_get_thread_num()));
    Worker w = this_worker(partials);
    if (threads > 1) {  // a team of one has nothing to carry between: one pass, as simd runs it
      w.phase = Phase::summarize;
      if (r.begin < r.end) fn(p, r.begin, r.end, w);
#pragma omp barrier
#pragma omp single
      partials.carry_forward(p, threads);
      w.phase = Phase::finish;
    }
    if (r.begin < r.end) fn(p, r.begin, r.end, w);
  }
}

}  // namespace

double run_on_all_threads(Problem& p, RangeFn fn, WorkerMemory& partials) {
  if (p.uneven()) return run_in_shares(p, fn, partials);
  if (p.carries()) {
    run_carrying(p, fn, partials);
    return 0;
  }
  const std::size_t n = p.extent();
  double total = 0;
#pragma omp parallel num_threads(team_threads()) proc_bind(spread) reduction(+ : total)
  {
    place_this_thread();
    const Range r =
        partition(n, static_cast<std::size_t>(omp_get_num_threads()), static_cast<std::size_t>(omp_get_thread_num()));
    if (r.begin < r.end) total += fn(p, r.begin, r.end, this_worker(partials));
  }
  return total;
}

std::size_t team_size() { return team_threads(); }

namespace {

const BackendRegistration registration{Backend{
    .name = "threads",
    .flynn_class = FlynnClass::MIMD,
    .description = "OpenMP over every core, each thread running the best SIMD kernel on its share",
    .order = 100000,
    .availability = simd::best_isa_availability,
    .width = [](Precision p) { return std::to_string(team_threads()) + " threads x " + simd::best_lanes(p); },
    .first_touch = for_each_thread_range,
    .configure =
        [](const RunSettings& s) {
          requested_threads = s.threads;
          pin_threads = s.pin_threads;
          simd::configure(s);
        },
    .takes_thread_count = true,
    .copy_reference_name = "fastest copy, every thread",
    .copy_reference_gbps = [](std::size_t bytes) { return fastest_copy_gbps(bytes, for_each_thread_range); },
    .peak_gflops =
        [](Precision p) {
          const auto probes = simd::best_peak_probes();
          return probes ? measure_peak_gflops(*probes, p, on_every_thread) : 0.0;
        },
    .resolve = [](std::string_view kernel) -> std::optional<Factory> {
      auto fns = simd::best_kernel(kernel);
      if (!fns) return std::nullopt;
      return range_factory(*fns, run_on_all_threads, [] { return std::size_t{team_threads()}; });
    },
}};

}  // namespace
}  // namespace flynn::threads
