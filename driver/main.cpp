// flynn: runs the same kernels as SISD, SIMD, MIMD and SIMT code and compares them.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "common/errors.hpp"
#include "driver/commands.hpp"
#include "flynn_build_info.hpp"

int main(int argc, char** argv) {
  using namespace flynn::driver;
  CLI::App app{"flynn: one set of kernels as SISD (scalar), SIMD (xsimd), MIMD (threads) and SIMT (CUDA) code, measured side by side"};
  app.set_version_flag("--version", flynn::build::version);
  app.require_subcommand(1);

  app.add_subcommand("list", "list kernels and backends (with Flynn class and availability)");
  app.add_subcommand("info", "describe this machine as the four classes see it (cores, SIMD, caches, NUMA, GPUs)");
  CLI::App* run = app.add_subcommand("run", "run kernels on backends, verify every result, and compare");
  RunOptions o;
  run->add_option("-k,--kernels", o.kernels, "kernels to run (comma-separated; default: all)")->delimiter(',');
  run->add_option("-b,--backends", o.backends, "backends to run (comma-separated; default: all)")->delimiter(',');
  run->add_option("-n,--size", o.sizes, "elements per array: comma-separated, 2^25, 32M, 1e6, or a sweep 1K..64M doubling each step (default: 4x the largest last-level cache, CPU or GPU)")
      ->delimiter(',');
  run->add_option("-p,--precision", o.precisions, "float, double, or both comma-separated (default: double)")->delimiter(',');
  run->add_option("-r,--reps", o.reps, "timed repetitions (default: 10)");
  run->add_option("-w,--warmup", o.warmup, "untimed repetitions before timing (default: 2)");
  run->add_option("-t,--threads", o.threads,
                  "threads for the MIMD backend, or a comma list to see it scale (1,2,4; more than the cores "
                  "shows concurrency without parallelism); 0: every hardware thread (default)")
      ->delimiter(',');
  run->add_option("--streaming-stores", o.streaming,
                  "auto: non-temporal stores for outputs past a quarter of the last-level cache (default); always; never");
  run->add_flag("--cold-cache", o.cold_cache, "evict the caches before every timed repetition (default: warm, as repeated)");
  run->add_option("--first-touch", o.first_touch,
                  "parallel: each backend's workers place the pages they will use (default); serial: one thread places "
                  "them all, on its own NUMA node");
  run->add_option("--host-memory", o.host_memory,
                  "GPU backends: pinned (page-locked host arrays, full-speed copies; default) or pageable (what an "
                  "ordinary allocation gets), to see what pinning is worth in the end-to-end column");
  run->add_option("--seed", o.seed, "0: BabelStream's start values (default); otherwise seeded random values");
  run->add_option("--json", o.json_path, "write results and context as JSON to this file");
  run->add_option("--csv", o.csv_path, "write results as CSV to this file");
  bool no_progress = false;
  run->add_flag("--no-progress", no_progress, "no progress line on stderr (it is shown only on a terminal anyway)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "flynn: {}\n", e.what());
    return 2;
  }

  try {
    if (app.got_subcommand("list")) return list_command();
    if (app.got_subcommand("info")) return info_command();
    o.progress = !no_progress;
    return run_command(o);
  } catch (const flynn::UsageError& e) {
    fmt::print(stderr, "flynn: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "flynn: error: {}\n", e.what());
    return 1;
  }
}
