#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <new>

#include "common/errors.hpp"
#include "common/machine.hpp"
#include "driver/ceilings.hpp"
#include "driver/commands.hpp"
#include "driver/report.hpp"
#include "driver/result_file.hpp"

namespace flynn::driver {
namespace {

struct Planned {
  Row row;
  const KernelSpec* kernel;
  const Backend* backend;
  std::optional<Factory> factory;
};

std::string gib(std::size_t b) { return fmt::format("{:.2f} GiB", static_cast<double>(b) / (1ULL << 30)); }

StreamingStores streaming_mode(const RunOptions& o) {
  if (o.streaming == "auto") return StreamingStores::automatic;
  if (o.streaming == "always") return StreamingStores::always;
  if (o.streaming == "never") return StreamingStores::never;
  throw UsageError(fmt::format("unknown --streaming-stores '{}'; valid: auto, always, never", o.streaming));
}

void check_options(const RunOptions& o) {
  if (o.reps < 1) throw UsageError(fmt::format("--reps must be at least 1, not {}", o.reps));
  if (o.warmup < 0) throw UsageError(fmt::format("--warmup must be 0 or more, not {}", o.warmup));
  if (!(o.max_noise > 0 && o.max_noise < 1))
    throw UsageError(fmt::format("--max-noise must be a percentage above 0 and below 100, not {}", 100 * o.max_noise));
  if (!(o.min_time_s >= 0 && o.min_time_s <= 3600))
    throw UsageError(fmt::format("--min-time must be 0 to 3600 seconds, not {}", o.min_time_s));
  if (o.threads.empty()) throw UsageError("--threads needs a count");
  // Oversubscription is allowed (it is an experiment worth running), a runaway count is not.
  const int most = 64 * static_cast<int>(std::max(1u, machine().hardware_threads));
  for (int t : o.threads) {
    if (t < 0) throw UsageError(fmt::format("--threads must be 0 (every core) or more, not {}", t));
    if (t > most)
      throw UsageError(fmt::format("--threads {} is more than 64 per hardware thread; at most {} here", t, most));
  }
  // 0 is every hardware thread: on a 2-thread machine `-t 0,2` names one configuration twice.
  const int every = static_cast<int>(std::max(1u, machine().hardware_threads));
  std::vector<int> counts;
  for (int t : o.threads) counts.push_back(t == 0 ? every : t);
  const bool zero = std::find(o.threads.begin(), o.threads.end(), 0) != o.threads.end();
  refuse_repeats(counts, "--threads", [&](int t) {
    return zero ? fmt::format("count {} (0 means every hardware thread: {} here)", t, every)
                : fmt::format("count {}", t);
  });
  streaming_mode(o);
  if (o.host_memory != "pinned" && o.host_memory != "pageable")
    throw UsageError(fmt::format("unknown --host-memory '{}'; valid: pinned, pageable", o.host_memory));
  if (o.view != "table" && o.view != "taxonomy")
    throw UsageError(fmt::format("unknown --view '{}'; valid: table, taxonomy", o.view));
  if (o.first_touch != "parallel" && o.first_touch != "serial")
    throw UsageError(fmt::format("unknown --first-touch '{}'; valid: parallel, serial", o.first_touch));
  // Find out now, not after minutes of benchmarking, that a result file cannot be written.
  if (o.json_path) check_writable("--json", *o.json_path);
  if (o.csv_path) check_writable("--csv", *o.csv_path);
  if (o.json_path && o.csv_path) {
    std::error_code ec;
    const auto json = std::filesystem::weakly_canonical(*o.json_path, ec),
               csv = std::filesystem::weakly_canonical(*o.csv_path, ec);
    if (json == csv)
      throw UsageError(
          fmt::format("--json and --csv name the same file '{}'; each would overwrite the other", *o.csv_path));
  }
}

// Every size must fit where its backend keeps data before anything is allocated.
void check_memory(std::vector<Planned>& plan, bool cold_cache) {
  const std::size_t host_free = available_host_memory();
  for (auto& p : plan) {
    if (p.row.status != Status::ok) continue;
    const std::size_t problem = p.kernel->footprint_bytes(p.row.size, p.row.precision);
    const std::size_t host_need = p.backend->host_bytes_for ? p.backend->host_bytes_for(problem) : problem;
    if (host_free && host_need > host_free)
      throw UsageError(
          fmt::format("size {} of {} in {} needs {} of host memory{}; {} is available", p.row.size.label(),
                      p.row.kernel, to_string(p.row.precision), gib(host_need),
                      host_need > problem ? " on " + p.row.backend + " (" + p.backend->why_more_host_bytes + ")" : "",
                      gib(host_free)));
    if (!p.backend->device_free_bytes) continue;
    std::optional<std::size_t> device_free;
    try {
      device_free = p.backend->device_free_bytes();
    } catch (const std::exception& e) {  // a device that cannot say: its rows cannot run, the others can
      p.row.status = Status::unavailable;
      p.row.reason = e.what();
      continue;
    }
    const std::size_t arrays = p.kernel->device_footprint_bytes(p.row.size, p.row.precision);
    const std::size_t reserve = p.backend->device_reserve_bytes ? p.backend->device_reserve_bytes(cold_cache) : 0;
    const std::size_t need = arrays > std::numeric_limits<std::size_t>::max() - reserve ? arrays : arrays + reserve;
    if (device_free && need > *device_free)
      throw UsageError(
          fmt::format("size {} of {} in {} needs {} of GPU memory for {} ({} of arrays, {} for scratch and "
                      "libraries{}); {} is free",
                      p.row.size.label(), p.row.kernel, to_string(p.row.precision), gib(need), p.row.backend,
                      gib(arrays), gib(reserve), cold_cache ? " and --cold-cache" : "", gib(*device_free)));
  }
}

// The largest cache any requested backend could run from, so one default size leaves every cache
// and all backends run the same problem.
SizingHints sizing_hints(const std::vector<const Backend*>& backends) {
  std::size_t largest = machine().last_level_cache_bytes();
  for (const Backend* b : backends) largest = std::max(largest, largest_cache_in_the_way(*b));
  return SizingHints{largest};
}

// One row of the plan, and whether it can run here.
// The precisions a kernel computes in, as a user reads them ("float, double").
std::string precisions_of(const KernelSpec& k) {
  std::string out;
  for (Precision p : k.precisions()) out += (out.empty() ? "" : ", ") + std::string(to_string(p));
  return out;
}

Planned plan_row(const KernelSpec* k, const Backend* b, Precision prec, const Extents& n, unsigned threads,
                 const RunOptions& o) {
  Planned p{Row{.kernel = std::string(k->name()),
                .backend = b->name,
                .flynn_class = b->flynn_class,
                .bound = k->bound(),
                .threads = threads,
                .precision = prec,
                .size = n,
                .reps = o.reps,
                .warmup = o.warmup},
            k, b, std::nullopt};
  const Availability a = b->availability();
  const auto precisions = k->precisions();
  if (std::find(precisions.begin(), precisions.end(), prec) == precisions.end()) {
    p.row.status = Status::not_implemented;
    p.row.reason = fmt::format("{} computes in {} only", k->name(), precisions_of(*k));
  } else if (!a.ok) {
    p.row.status = Status::unavailable;
    p.row.reason = a.reason;
  } else if (!(p.factory = registry().implementation(k->name(), b->name))) {
    p.row.status = b->implements_only.empty() ? Status::unavailable : Status::not_implemented;
    p.row.reason =
        b->implements_only.empty() ? fmt::format("{} has no {} kernel", b->name, k->name()) : b->implements_only;
  }
  return p;
}

// Kernels left out of a run by default because no size given fits them, said after the table.
std::vector<Planned> make_plan(const RunOptions& o, std::vector<std::string>& left_out) {
  const auto kernels = select_kernels(o.kernels);
  const auto backends = select_backends(o.backends);
  const auto precisions = select_precisions(o.precisions);
  const std::vector<Extents> sizes = parse_sizes(o.sizes);
  const SizingHints hints = sizing_hints(backends);

  // Each kernel takes the sizes written its way (numbers for 1-D kernels, WxH grids for 2-D ones)
  // up to its largest. Kernels named with --kernels must take every size given (else it is a
  // mistake to say at once); of all kernels, run by default, those that take none of them are left
  // out, and the run says so. So are sizes past what a run of every kernel gives one
  // (largest_unnamed_count: `-n 2^20` is meant for the stream kernels, not an O(N^2) nbody), in one
  // line a kernel, a sweep's sizes together.
  const bool named = !o.kernels.empty();
  auto sizes_for = [&](const KernelSpec& k) {
    std::vector<Extents> out;
    // Sizes past the kernel's largest, and (in a run that does not name it) sizes it takes only when named.
    std::vector<std::string> too_large, only_named;
    for (const Extents& e : sizes) {
      if (e.dimensions != k.dimensions()) continue;
      if (e.count() > k.largest_count()) {
        if (named)
          throw UsageError(fmt::format("size {} is too large for {}: at most {} ({})", e.label(), k.name(),
                                       k.largest_count(), k.why_no_larger()));
        too_large.push_back(e.label());
      } else if (!named && e.count() > k.largest_unnamed_count()) {
        only_named.push_back(e.label());
      } else {
        out.push_back(e);
      }
    }
    if (!only_named.empty())
      left_out.push_back(
          fmt::format("{} at {} (a run of every kernel gives it at most {}; name it with --kernels "
                      "for sizes up to {})",
                      k.name(), fmt::join(only_named, ", "), k.largest_unnamed_count(), k.largest_count()));
    if (!too_large.empty())
      left_out.push_back(fmt::format("{} at {} (at most {}: {})", k.name(), fmt::join(too_large, ", "),
                                     k.largest_count(), k.why_no_larger()));
    if (!sizes.empty() &&
        std::none_of(sizes.begin(), sizes.end(), [&](const Extents& e) { return e.dimensions == k.dimensions(); })) {
      if (named) throw UsageError(size_form_error(k));
      left_out.push_back(fmt::format("{} ({})", k.name(), size_form_error(k)));
    }
    return out;
  };
  for (const Extents& e : sizes)
    if (std::none_of(kernels.begin(), kernels.end(),
                     [&](const KernelSpec* k) { return k->dimensions() == e.dimensions; }))
      throw UsageError(fmt::format("size {} is {}, but no kernel selected takes such a size", e.label(),
                                   e.dimensions == 2 ? "a 2-D grid" : "a count of elements"));

  std::vector<Planned> plan;
  for (const KernelSpec* k : kernels) {
    const std::vector<Extents> given = sizes_for(*k);
    for (Precision prec : precisions) {
      std::vector<Extents> ns = given;
      if (sizes.empty()) ns.push_back(k->default_size(prec, hints));
      for (const Extents& n : ns)
        for (const Backend* b : backends)
          // A thread count is a shared-memory MIMD setting: such a backend gets a row per count, the others one.
          for (int threads : b->takes_thread_count ? o.threads : std::vector<int>{0})
            plan.push_back(plan_row(k, b, prec, n, static_cast<unsigned>(threads), o));
    }
  }
  return plan;
}

// Each row runs with its own thread count (a MIMD setting; the other backends ignore it).
void configure_for(const Planned& p, RunSettings settings) {
  settings.threads = p.row.threads;
  if (p.backend->configure) p.backend->configure(settings);
}

// Adds a condition to what the row's note says beside its figures.
void add_note(Row& row, const std::string& what) {
  std::string& note = row.result->note;
  note += (note.empty() ? "" : "; ") + what;
}

// A memory-bound row's copy ceiling at its own array size, measured after the row's problem is
// freed. A reference that cannot be measured leaves the row's %copy empty and says why in its note,
// not the run stopped.
std::optional<double> copy_reference_for(Planned& p, Ceilings& ceilings) {
  if (p.kernel->bound() != Bound::memory || !p.backend->copy_reference_gbps) return std::nullopt;
  try {
    return ceilings.copy_gbps(*p.backend, times(size_of(p.row.precision), p.row.size.count()), p.row.threads);
  } catch (const std::exception& e) {
    add_note(p.row, fmt::format("no %copy: the copy ceiling could not be measured ({})", e.what()));
    return std::nullopt;
  }
}

// Measures every runnable row in plan order; returns whether any failed.
bool measure_rows(std::vector<Planned>& plan, const RunOptions& o, const RunSettings& settings, Ceilings& ceilings) {
  const std::size_t runnable =
      std::count_if(plan.begin(), plan.end(), [](auto& p) { return p.row.status == Status::ok; });
  const bool progress = o.progress && isatty(fileno(stderr));
  std::size_t done = 0;
  bool any_failed = false;
  for (auto& p : plan) {
    if (p.row.status != Status::ok) continue;
    if (progress)
      fmt::print(stderr, "\r\033[K[{}/{}] {} on {} ({}, N={})", ++done, runnable, p.row.kernel, p.row.label(),
                 to_string(p.row.precision), p.row.size.label());
    try {
      configure_for(p, settings);
      p.row.width = p.backend->width(p.row.precision);
      p.row.result = measure({.kernel = p.kernel,
                              .backend = p.backend,
                              .precision = p.row.precision,
                              .size = p.row.size,
                              .reps = o.reps,
                              .warmup = o.warmup,
                              .seed = o.seed,
                              .cold_cache = o.cold_cache,
                              .last_level_cache_bytes = machine().last_level_cache_bytes(),
                              .serial_first_touch = o.first_touch == "serial",
                              .min_time_s = o.min_time_s,
                              .max_noise = o.wait_for_quiet ? o.max_noise : 0},
                             *p.factory);
      p.row.max_noise = o.max_noise;
      p.row.copy_reference_name = p.backend->copy_reference_name;
      p.row.copy_reference_gbps = copy_reference_for(p, ceilings);
      if (p.row.threads > machine().hardware_threads)
        add_note(p.row, fmt::format("{} threads on {} hardware threads take turns: concurrency, not parallelism",
                                    p.row.threads, machine().hardware_threads));
      if (!p.row.result->verdict.ok) {
        p.row.status = Status::failed;
        p.row.reason = p.row.result->verdict.detail;
        any_failed = true;
      }
    } catch (const std::bad_alloc&) {
      p.row.status = Status::error;
      p.row.reason = "out of memory";
      any_failed = true;
    } catch (const std::exception& e) {
      p.row.status = Status::error;
      p.row.reason = e.what();
      any_failed = true;
    }
  }
  if (progress) fmt::print(stderr, "\r\033[K");
  return any_failed;
}

// The backends' ceilings, measured once each after every problem is freed, so no kernel shares the
// machine with a probe.
void add_ceilings(std::vector<Planned>& plan, const RunSettings& settings, Ceilings& ceilings) {
  for (auto& p : plan) {
    if (!p.row.result) continue;
    try {
      configure_for(p, settings);
      p.row.ceilings = ceilings.of(*p.backend, p.row.precision, p.row.threads);
    } catch (const std::exception& e) {
      // A probe that cannot run leaves the row without a roofline, not the run without results.
      p.row.ceilings = std::nullopt;
      add_note(p.row, fmt::format("no roofline: the ceilings could not be measured ({})", e.what()));
    }
  }
}

}  // namespace

int run_command(const RunOptions& o) {
  check_options(o);
  std::vector<std::string> left_out;
  std::vector<Planned> plan = make_plan(o, left_out);
  if (std::none_of(plan.begin(), plan.end(), [](auto& p) { return p.row.status == Status::ok; })) {
    std::string why = plan.empty() ? "nothing was selected" : plan.front().row.backend + ": " + plan.front().row.reason;
    throw UsageError("nothing to run: every requested pair is unavailable or not implemented (" + why + ")");
  }
  check_memory(plan, o.cold_cache);
  const RunSettings settings{
      .threads = 0, .streaming = streaming_mode(o), .pin_host_memory = o.host_memory == "pinned", .pin_threads = o.pin};
  for (const Backend* b : registry().backends())
    if (b->configure) b->configure(settings);
  Ceilings ceilings;  // one set of measurements for the rows' %copy and the roofline
  const bool any_failed = measure_rows(plan, o, settings, ceilings);
  add_ceilings(plan, settings, ceilings);

  std::vector<Row> rows;
  for (auto& p : plan) rows.push_back(std::move(p.row));
  fill_speedups(rows);
  // The files first: a reader that stops early (`| head`) ends the process at the table, and the
  // files must be whole by then.
  if (o.json_path) write_json(*o.json_path, make_context(o), rows);
  if (o.csv_path) write_csv(*o.csv_path, rows);
  print_table(rows);
  print_summary(rows);
  print_bounds(rows);
  if (o.view == "taxonomy") print_taxonomy(rows);
  for (const std::string& k : left_out) fmt::print("Not run: {}\n", k);
  return any_failed ? 1 : 0;
}

}  // namespace flynn::driver
