// `flynn report`: the chapter's lessons on one page, from this machine. Runs a short suite (or
// takes the JSON of earlier runs), then has scripts/report-page draw the plots and write the page.
// The suite is four runs, each written as JSON into the report's folder, so that a reader can
// rerun the page from them or compare them with another machine's:
//   concurrency.json  `flynn concurrency`: waiting and computing tasks, and Amdahl's law on triad
//   run.json          every kernel on every available backend (each SIMD instruction set too, for
//                     the lane-width figure), float and double, at the default sizes
//   sweep.json        triad from 4K elements to past the last-level cache, for the memory hierarchy
//   scaling.json      triad, scan and nbody on the MIMD backend at 1, 2, 4, ... threads and every
//                     hardware thread: strong scaling of a memory-bound kernel, of one whose
//                     parallel form does more work (a scan reads its input twice), and of a
//                     compute-bound one
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/errors.hpp"
#include "common/machine.hpp"
#include "driver/commands.hpp"

extern char** environ;

namespace flynn::driver {
namespace {

namespace fs = std::filesystem;

// Debian's interpreter, where python3-matplotlib is installed (a virtual environment's python3
// earlier on PATH would not have it).
constexpr const char* python = "/usr/bin/python3";

// Runs argv[0] with these arguments and waits for it; returns its exit code.
int spawn_and_wait(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (const int err = posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ); err != 0)
    throw RuntimeError(fmt::format("cannot start {}: {}", args[0], std::strerror(err)));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw RuntimeError(fmt::format("waiting for {}: {}", args[0], std::strerror(errno)));
  if (WIFSIGNALED(status)) throw RuntimeError(fmt::format("{} was killed by signal {}", args[0], WTERMSIG(status)));
  return WEXITSTATUS(status);
}

// The sweep's last size: the power of two of float elements whose array is at least 4x the
// last-level cache, so its last steps run from main memory.
std::string sweep_sizes() {
  const std::size_t elements = std::max<std::size_t>(1 << 16, 4 * machine().last_level_cache_bytes() / sizeof(float));
  return fmt::format("4K..2^{}", std::bit_width(std::bit_ceil(elements)) - 1);
}

// The backends a sweep compares: one per class, those that can run here.
std::vector<std::string> sweep_backends() {
  std::vector<std::string> out;
  for (const char* name : {"scalar", "simd", "threads", "cuda"}) {
    const Backend* b = registry().find_backend(name);
    if (b && b->availability().ok) out.push_back(name);
  }
  return out;
}

// Runs the suite into `dir`; returns the files written and the worst exit code.
std::pair<std::vector<std::string>, int> run_suite(const ReportOptions& o, const fs::path& dir) {
  std::vector<std::string> files;
  int worst = 0;
  auto step = [&](int n, const char* what, const char* file) {
    fmt::print("{}flynn report: {} of 4, {}\n", n == 1 ? "" : "\n", n, what);
    files.push_back((dir / file).string());
    return files.back();
  };
  // Each run of the suite: the report's repetitions and progress, its JSON in the folder.
  auto run = [&](RunOptions r, const std::string& json) {
    r.reps = o.reps;
    r.progress = o.progress;
    r.json_path = json;
    worst = std::max(worst, run_command(r));
  };

  ConcurrencyOptions c;
  c.tasks = default_concurrency_tasks();  // and its own 10 repetitions: its scaling rows take under a millisecond
  c.json_path = step(1, "concurrency and parallelism", "concurrency.json");
  worst = std::max(worst, concurrency_command(c));

  RunOptions every;
  every.precisions = {"float", "double"};
  run(every, step(2, "every kernel on every backend, float and double", "run.json"));

  RunOptions sweep;
  sweep.kernels = {"triad"};
  sweep.backends = sweep_backends();
  sweep.sizes = {sweep_sizes()};
  sweep.precisions = {"float"};
  run(sweep, step(3, "triad through the memory hierarchy", "sweep.json"));

  RunOptions scaling;
  scaling.kernels = {"triad", "scan", "nbody"};
  scaling.backends = {"threads"};
  scaling.threads.clear();
  for (unsigned p : doubling_thread_counts()) scaling.threads.push_back(static_cast<int>(p));
  run(scaling, step(4, "one problem on more and more threads", "scaling.json"));
  return {files, worst};
}

}  // namespace

int report_command(const ReportOptions& o) {
  if (o.reps < 1) throw UsageError(fmt::format("--reps must be at least 1, not {}", o.reps));
  if (o.out.empty()) throw UsageError("--out: give a folder");
  for (const std::string& f : o.from)
    if (!fs::is_regular_file(f)) throw UsageError(fmt::format("--from: '{}' is not a file", f));
  refuse_repeats(o.from, "--from", [](const std::string& f) { return f; });
  const fs::path script = fs::path(FLYNN_SOURCE_DIR) / "scripts" / "report-page";
  if (!fs::exists(script))
    throw RuntimeError(
        fmt::format("{} is missing: flynn report draws its page with the scripts of the source tree it "
                    "was built from",
                    script.string()));
  if (!fs::exists(python))
    throw RuntimeError(
        fmt::format("{} is missing: install python3 and python3-matplotlib (scripts/install-deps)", python));
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec || !fs::is_directory(o.out))
    throw UsageError(fmt::format("--out: cannot make the folder '{}': {}", o.out, ec ? ec.message() : "not a folder"));

  auto [files, worst] = o.from.empty() ? run_suite(o, o.out) : std::pair{o.from, 0};
  // --out=DIR and -- before the files, so that a name starting with '-' is never read as an option.
  std::vector<std::string> args{python, script.string(), "--out=" + o.out, "--"};
  args.insert(args.end(), files.begin(), files.end());
  fmt::print("\n");
  std::fflush(stdout);
  const int drew = spawn_and_wait(args);
  if (drew != 0) {
    fmt::print(stderr, "flynn: the report page was not written (scripts/report-page exited {})\n", drew);
    return 1;
  }
  fmt::print("Open {} in a browser.{}\n", (fs::absolute(o.out) / "index.html").string(),
             worst ? " Some rows failed: the page lists them under \"Figures not to trust\"." : "");
  return worst;
}

}  // namespace flynn::driver
