// flynn: runs the same kernels as SISD, SIMD, MIMD and SIMT code and compares them.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <thread>

#include "common/errors.hpp"
#include "common/registry.hpp"
#include "driver/commands.hpp"
#include "flynn_build_info.hpp"

namespace {

// What a user typed, fit to be echoed on a terminal: control characters escaped (no escape
// sequence of theirs reaches the terminal), and no more than a few hundred characters.
std::string printable(std::string_view text) {
  constexpr std::size_t most = 400;
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= most) return out + "... (" + std::to_string(text.size()) + " characters in all)";
    if (c < 0x20 || c == 0x7f)
      out += fmt::format("\\x{:02x}", c);
    else
      out += static_cast<char>(c);
  }
  return out;
}

// Options that take counts and seeds are written in decimal: CLI11 would read 010 as octal 8,
// '' as 0 and -1 as 2^64-1 for an unsigned seed.
// A negative count is let through where the option's own check explains the limit better.
CLI::Validator decimal(std::uint64_t most, bool negative_allowed = false) {
  return CLI::Validator(
      [most, negative_allowed](std::string& s) -> std::string {
        if (s.empty()) return "empty: give a number";
        if (negative_allowed && s.size() > 1 && s.front() == '-' &&
            s.find_first_not_of("0123456789", 1) == std::string::npos)
          return "";
        if (s.find_first_not_of("0123456789") != std::string::npos)
          return "'" + s + "' is not a whole number in decimal";
        if (s.size() > 1 && s.front() == '0') return "'" + s + "' has a leading zero (write counts in decimal)";
        std::uint64_t v = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || v > most) return "'" + s + "' is too large (at most " + std::to_string(most) + ")";
        return "";
      },
      "DECIMAL");
}

const CLI::Validator non_empty(
    [](std::string& s) -> std::string { return s.empty() ? std::string("empty: give a value") : std::string(); },
    "TEXT");

}  // namespace

int main(int argc, char** argv) {
  using namespace flynn::driver;
  // Under mpirun every rank runs this program: the ranks other than 0 serve the mpi backend from
  // here until rank 0 is done, and never reach the driver.
  try {
    if (const auto served = flynn::join_backend_processes()) return *served;
  } catch (const std::exception& e) {
    fmt::print(stderr, "flynn: error: {}\n", printable(e.what()));
    return 1;
  }
  // A size limit (ulimit -f) would kill the process mid-write; as an error, the write fails, is
  // reported, and leaves no partial file.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{
      "flynn: one set of kernels as SISD (scalar), SIMD (xsimd), MIMD (threads) and SIMT (CUDA) code, measured side by "
      "side"};
  app.set_version_flag("--version", flynn::build::version);
  app.require_subcommand(1);

  app.add_subcommand("list", "list kernels and backends (with Flynn class and availability)");
  app.add_subcommand("info", "describe this machine as the four classes see it (cores, SIMD, caches, NUMA, GPUs)");
  CLI::App* concurrency = app.add_subcommand(
      "concurrency", "concurrency against parallelism, measured: waiting and computing tasks, and Amdahl's law");
  ConcurrencyOptions c;
  c.tasks = default_concurrency_tasks();
  concurrency->add_option("--tasks", c.tasks, "tasks of each kind (default: twice the hardware threads, at least 4)")
      ->check(decimal(4096));
  concurrency->add_option("--task-ms", c.task_ms, "each task's length on a core of its own, in ms (default 40)");
  concurrency->add_option("-k,--kernel", c.kernel, "the kernel Amdahl's law is fitted on (default triad)")
      ->check(non_empty);
  concurrency->add_option("-n,--size", c.size, "its size (default 2^20)")->check(non_empty);
  concurrency->add_option("-p,--precision", c.precision, "float or double (default double)")->check(non_empty);
  concurrency->add_option("-r,--reps", c.reps, "timed repetitions per thread count (default 10)")
      ->check(decimal(std::numeric_limits<int>::max(), true));
  concurrency->add_option("--json", c.json_path, "write both tables and the context as JSON to this file");
  CLI::App* compare = app.add_subcommand(
      "compare", "two --json runs side by side: each row's ratio, judged against the runs' own noise");
  std::string compare_a, compare_b;
  compare->add_option("A", compare_a, "the first run's --json file")->required()->check(non_empty);
  compare->add_option("B", compare_b, "the second run's --json file")->required()->check(non_empty);
  CLI::App* report = app.add_subcommand(
      "report",
      "the chapter's lessons on one page: runs a short suite (or reads --json runs) and writes an HTML report");
  ReportOptions ro;
  report->add_option("--out", ro.out, "the folder to write index.html and its plots into (default flynn-report)")
      ->check(non_empty);
  report
      ->add_option("--from", ro.from,
                   "draw the page from these `flynn run --json` and `flynn concurrency --json` files instead of "
                   "running the suite")
      ->check(non_empty);
  report->add_option("-r,--reps", ro.reps, "timed repetitions of each row of the suite (default 5)")
      ->check(decimal(std::numeric_limits<int>::max(), true));
  bool report_no_progress = false;
  report->add_flag("--no-progress", report_no_progress, "no progress line on stderr");
  CLI::App* run = app.add_subcommand("run", "run kernels on backends, verify every result, and compare");
  RunOptions o;
  run->add_option("-k,--kernels", o.kernels, "kernels to run (comma-separated; default: all)")
      ->delimiter(',')
      ->check(non_empty);
  run->add_option("-b,--backends", o.backends, "backends to run (comma-separated; default: all)")
      ->delimiter(',')
      ->check(non_empty);
  run->add_option("-n,--size", o.sizes,
                  "elements per array: comma-separated, 2^25, 32M, 1e6, or a sweep 1K..64M doubling each step "
                  "(default: 4x the largest last-level cache, CPU or GPU)")
      ->delimiter(',')
      ->check(non_empty);
  run->add_option("-p,--precision", o.precisions, "float, double, or both comma-separated (default: double)")
      ->delimiter(',')
      ->check(non_empty);
  run->add_option("-r,--reps", o.reps, "timed repetitions (default: 10)")
      ->check(decimal(std::numeric_limits<int>::max(), true));
  run->add_option("-w,--warmup", o.warmup, "untimed repetitions before timing (default: 2)")
      ->check(decimal(std::numeric_limits<int>::max(), true));
  run->add_option("-t,--threads", o.threads,
                  "threads for the MIMD backend, or a comma list to see it scale (1,2,4; more than the cores "
                  "shows concurrency without parallelism); 0: every hardware thread (default)")
      ->delimiter(',')
      ->check(decimal(std::numeric_limits<int>::max(), true));
  run->add_option(
      "--streaming-stores", o.streaming,
      "auto: non-temporal stores for outputs past a quarter of the last-level cache (default); always; never");
  run->add_flag("--cold-cache", o.cold_cache,
                "evict the caches before every timed repetition (default: warm, as repeated)");
  run->add_option("--first-touch", o.first_touch,
                  "parallel: each backend's workers place the pages they will use (default); serial: one thread places "
                  "them all, on its own NUMA node");
  run->add_option("--host-memory", o.host_memory,
                  "GPU backends: pinned (page-locked host arrays, full-speed copies; default) or pageable (what an "
                  "ordinary allocation gets), to see what pinning is worth in the end-to-end column");
  run->add_option("--seed", o.seed,
                  "0: the default data, values k/16 (k = 1..16) that vary along each array, so every term and every "
                  "element of every kernel matters and dot has an exact answer (default); otherwise seeded random "
                  "values in [-1, 1)")
      ->check(decimal(std::numeric_limits<std::uint64_t>::max()));
  run->add_option("--json", o.json_path, "write results and context as JSON to this file");
  run->add_option("--csv", o.csv_path, "write results as CSV to this file");
  double max_noise_percent = 100 * o.max_noise;
  CLI::Option* max_noise =
      run->add_option("--max-noise", max_noise_percent,
                      "mark rows whose samples disagree by more than this percentage (median absolute deviation "
                      "over the median; default 5); given, rows also take more samples, up to 15 s each, until "
                      "they agree this well");
  run->add_option("--min-time", o.min_time_s,
                  "take samples until they add up to this many seconds of timed work (default: --reps samples)");
  run->add_flag("--pin", o.pin,
                "bind each MIMD worker to a CPU of its own, so the OS cannot move it mid-run (default: the OS "
                "places them)");
  run->add_option("--view", o.view, "table (default), or taxonomy: the table, then the results on Flynn's 2x2 grid");
  bool no_progress = false;
  run->add_flag("--no-progress", no_progress, "no progress line on stderr (it is shown only on a terminal anyway)");

  // The command first, so that a mistyped one is named as such (CLI11 would say only that one is required).
  const std::string_view commands[] = {"list", "info", "concurrency", "compare", "report", "run"};
  if (argc < 2 || argv[1][0] != '-') {
    const std::string_view given = argc < 2 ? "" : argv[1];
    if (std::find(std::begin(commands), std::end(commands), given) == std::end(commands)) {
      fmt::print(stderr, "flynn: {}; valid commands: list, info, concurrency, compare, report, run (flynn --help)\n",
                 given.empty() ? "no command given" : "unknown command '" + printable(given) + "'");
      return 2;
    }
  }

  // CLI11 drops the empty items of a comma list (`-k copy,,dot`, `-n 1K,`): say so instead.
  const std::string_view lists[] = {"-k",     "--kernels", "-b",          "--backends", "-n",
                                    "--size", "-p",        "--precision", "-t",         "--threads"};
  for (int i = 2; i < argc; ++i) {
    std::string_view arg = argv[i], value;
    if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[i + 1];
    }
    if (std::find(std::begin(lists), std::end(lists), arg) == std::end(lists) ||
        value.find(',') == std::string_view::npos)
      continue;
    if (value.front() == ',' || value.back() == ',' || value.find(",,") != std::string_view::npos) {
      fmt::print(stderr, "flynn: {} '{}' has an empty item; give names or sizes between the commas\n", arg,
                 printable(value));
      return 2;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ArgumentMismatch& e) {
    // CLI11 says "At Most 1 required but received 2" for an option given twice.
    const std::string what = e.what();
    if (what.find("At Most 1") != std::string::npos)
      fmt::print(stderr, "flynn: {}: given more than once; give it once\n", printable(what.substr(0, what.find(':'))));
    else
      fmt::print(stderr, "flynn: {}\n", printable(what));
    return 2;
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "flynn: {}\n", printable(e.what()));
    return 2;
  }

  try {
    if (app.got_subcommand("list")) return list_command();
    if (app.got_subcommand("info")) return info_command();
    if (app.got_subcommand("concurrency")) return concurrency_command(c);
    if (app.got_subcommand("compare")) return compare_command(compare_a, compare_b);
    if (app.got_subcommand("report")) {
      ro.progress = !report_no_progress;
      return report_command(ro);
    }
    o.progress = !no_progress;
    o.max_noise = max_noise_percent / 100;
    o.wait_for_quiet = max_noise->count() > 0;
    return run_command(o);
  } catch (const flynn::UsageError& e) {
    fmt::print(stderr, "flynn: {}\n", printable(e.what()));
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "flynn: error: {}\n", printable(e.what()));
    return 1;
  }
}
