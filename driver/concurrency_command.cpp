// `flynn concurrency`: the chapter's first lesson, measured. Tasks that wait and tasks that
// compute, run one after another, concurrently on one core (threads pinned to a single CPU, taking
// turns) and in parallel on every core: concurrency alone overlaps waiting but not computing,
// which needs parallel hardware. Then Amdahl's law fitted to the MIMD backend on a real kernel.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "common/amdahl.hpp"
#include "common/errors.hpp"
#include "common/machine.hpp"
#include "common/measure.hpp"
#include "common/parallel_parts.hpp"
#include "driver/commands.hpp"
#include "driver/result_file.hpp"

namespace flynn::driver {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// A computing task: one dependent chain of multiply-adds, which no compiler can shorten or spread
// over lanes. It starts from a value read at run time (a known start let GCC fold the whole loop)
// and its result is kept, so it cannot be dropped.
std::atomic<double> sink{1};
void compute(std::uint64_t rounds) {
  double x = sink.load(std::memory_order_relaxed);
  for (std::uint64_t i = 0; i < rounds; ++i) x = x * 0.999999999 + 1e-9;
  sink.store(x, std::memory_order_relaxed);
}

// Rounds of compute() that take `seconds` on one core here.
std::uint64_t rounds_for(double seconds) {
  for (std::uint64_t rounds = 1 << 16; rounds < (std::uint64_t{1} << 40); rounds *= 4) {
    const auto t0 = Clock::now();
    compute(rounds);
    const double took = seconds_since(t0);
    if (took > 0.02) return static_cast<std::uint64_t>(static_cast<double>(rounds) * seconds / took);
  }
  throw RuntimeError("the computing task takes no time here: the compiler must have removed its loop");
}

struct Tasks {
  std::size_t count;
  double seconds;        // each task's length on its own core
  std::uint64_t rounds;  // compute() rounds that take that long
};

// Runs the tasks in the given way; returns the wall time, or nothing where a thread could not be
// pinned to the one core (a restricted container).
std::optional<double> run(const Tasks& t, TaskKind kind, Schedule schedule) {
  auto task = [&] {
    if (kind == TaskKind::waiting)
      std::this_thread::sleep_for(std::chrono::duration<double>(t.seconds));  // a blocking wait, standing in for I/O
    else
      compute(t.rounds);
  };
  const auto t0 = Clock::now();
  if (schedule == Schedule::one_after_another) {
    for (std::size_t i = 0; i < t.count; ++i) task();
    return seconds_since(t0);
  }
  std::atomic<bool> pinned{true};
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < t.count; ++i)
    threads.emplace_back([&] {
      if (schedule == Schedule::concurrently_on_one_core && !bind_this_thread(0)) pinned = false;
      task();
    });
  for (auto& th : threads) th.join();
  const double took = seconds_since(t0);
  if (!pinned) return std::nullopt;
  return took;
}

std::string cell(std::optional<double> seconds, double sequential, double ideal) {
  if (!seconds) return "(could not pin)";
  return fmt::format("{:7.1f} ms {:5.1f}x ({:.0f}x)", 1e3 * *seconds, sequential / *seconds, ideal);
}

nlohmann::json seconds_or_null(std::optional<double> s) { return s ? nlohmann::json(*s) : nlohmann::json(nullptr); }

nlohmann::json concurrency_table(const ConcurrencyOptions& o) {
  const Tasks t{.count = o.tasks, .seconds = o.task_ms / 1e3, .rounds = rounds_for(o.task_ms / 1e3)};
  const std::size_t cores = process_cpu_count();
  fmt::print("Concurrency and parallelism: {} tasks of {:.0f} ms each; this process may use {} CPU(s)\n", t.count,
             o.task_ms, cores);
  fmt::print("  {:<10} {:>24} {:>26} {:>26}\n", "task", "one after another", "concurrently on one core",
             fmt::format("in parallel on {} core(s)", cores));
  nlohmann::json rows = nlohmann::json::array();
  for (TaskKind kind : {TaskKind::waiting, TaskKind::computing}) {
    const char* name = kind == TaskKind::waiting ? "waiting" : "computing";
    const double sequential = *run(t, kind, Schedule::one_after_another);
    std::string line = fmt::format("  {:<10} {:>24}", name, cell(sequential, sequential, 1));
    nlohmann::json row = {{"kind", name}, {"one_after_another_s", sequential}, {"one_after_another_ideal_speedup", 1}};
    for (Schedule s : {Schedule::concurrently_on_one_core, Schedule::in_parallel}) {
      const std::optional<double> took = run(t, kind, s);
      const double ideal = ideal_speedup(kind, s, t.count, cores);
      line += fmt::format(" {:>26}", cell(took, sequential, ideal));
      const std::string way = s == Schedule::in_parallel ? "in_parallel" : "concurrently_on_one_core";
      row[way + "_s"] = seconds_or_null(took);
      row[way + "_ideal_speedup"] = ideal;
    }
    fmt::print("{}\n", line);
    rows.push_back(std::move(row));
  }
  fmt::print(
      "  (time, speedup over one after another, and in brackets what an ideal machine would give)\n"
      "Waiting tasks overlap on one core as well as on many: while one waits, nothing needs the core, so\n"
      "concurrency alone hides the waits. Computing tasks on one core only take turns: concurrency without\n"
      "parallel hardware buys nothing; the speedup comes from cores, at most one task per core.\n\n");
  return {{"tasks", t.count}, {"task_ms", o.task_ms}, {"cpus", cores}, {"rows", std::move(rows)}};
}

struct AmdahlRun {
  const KernelSpec* kernel;
  Extents size;
  Precision precision;
  int reps;
};

// Checked before anything runs, so a mistyped option is one line and exit 2 at once.
AmdahlRun amdahl_run(const ConcurrencyOptions& o) {
  const std::vector<const KernelSpec*> kernels = select_kernels({o.kernel});
  const std::vector<Precision> precisions = select_precisions({o.precision});
  if (o.reps < 1) throw UsageError(fmt::format("--reps must be at least 1, not {}", o.reps));
  const Extents size = parse_extents(o.size);
  if (size.dimensions != kernels.front()->dimensions()) throw UsageError(size_form_error(*kernels.front()));
  return {kernels.front(), size, precisions.front(), o.reps};
}

// Prints the scaling table; `out` gets its figures. Returns the exit code (1: a row failed).
int amdahl_table(const AmdahlRun& a, nlohmann::json& out) {
  const Backend* threads = registry().find_backend("threads");
  const auto factory = threads ? registry().implementation(a.kernel->name(), "threads") : std::nullopt;
  if (!threads || !factory || !threads->availability().ok) {
    fmt::print("Amdahl's law: no MIMD backend here to measure\n");
    out = nullptr;
    return 0;
  }
  const std::vector<unsigned> counts = doubling_thread_counts();

  fmt::print("Amdahl's law on the MIMD backend: {}, {}, N = {}, {} to {} threads\n", a.kernel->name(),
             to_string(a.precision), a.size.label(), counts.front(), counts.back());
  fmt::print("  {:>7} {:>11} {:>8}\n", "threads", "median", "speedup");
  std::vector<ScalingPoint> points;
  nlohmann::json rows = nlohmann::json::array();
  double one = 0;
  bool failed = false;
  for (unsigned p : counts) {
    threads->configure(RunSettings{.threads = p});
    const RunResult r = measure({.kernel = a.kernel,
                                 .backend = threads,
                                 .precision = a.precision,
                                 .size = a.size,
                                 .reps = a.reps,
                                 .warmup = 1,
                                 .seed = 0},
                                *factory);
    failed |= !r.verdict.ok;
    if (p == 1) one = r.kernel_time.median;
    points.push_back({static_cast<double>(p), one / r.kernel_time.median});
    rows.push_back({{"threads", p},
                    {"median_s", r.kernel_time.median},
                    {"speedup", one / r.kernel_time.median},
                    {"verified", r.verdict.ok}});
    fmt::print("  {:>7} {:>8.1f} us {:>7.2f}x{}\n", p, 1e6 * r.kernel_time.median, one / r.kernel_time.median,
               r.verdict.ok ? "" : "  FAILED: " + r.verdict.detail);
  }
  threads->configure(RunSettings{});
  const double s = amdahl_serial_fraction(points);
  out = {{"kernel", a.kernel->name()},
         {"precision", to_string(a.precision)},
         {"size", a.size.label()},
         {"points", std::move(rows)},
         {"serial_fraction", s}};
  fmt::print(
      "  serial fraction s = {:.3f} (least squares on speedup(p) = 1 / (s + (1 - s) / p)): {}.\n"
      "  s is whatever did not speed up: code that runs on one thread, the fork and join of every parallel\n"
      "  region and, for a memory-bound kernel out of cache, the memory bus every core shares.\n",
      s,
      s > 0 ? fmt::format("no number of cores takes this past {:.1f}x", 1 / s)
            : std::string("no serial part seen (as fast as linear or faster: split, the parts may fit caches "
                          "the whole did not)"));
  return failed ? 1 : 0;
}

}  // namespace

int concurrency_command(const ConcurrencyOptions& o) {
  if (o.tasks < 1 || o.tasks > 4096) throw UsageError(fmt::format("--tasks must be 1 to 4096, not {}", o.tasks));
  // Below a millisecond a task is shorter than starting its thread, which the table would measure instead.
  if (!(o.task_ms >= 1 && o.task_ms <= 1000))
    throw UsageError(fmt::format("--task-ms must be 1 to 1000, not {}", o.task_ms));
  const AmdahlRun amdahl = amdahl_run(o);
  if (o.json_path) check_writable("--json", *o.json_path);
  nlohmann::json doc = {{"concurrency", concurrency_table(o)}};
  const int code = amdahl_table(amdahl, doc["concurrency"]["amdahl"]);
  if (o.json_path) {
    doc["context"] = make_context(RunOptions{});
    write_result_file(*o.json_path, doc.dump(2) + "\n");
  }
  return code;
}

}  // namespace flynn::driver
