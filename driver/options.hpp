// The driver's command line, checked before anything is allocated.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/errors.hpp"
#include "common/registry.hpp"

namespace flynn::driver {

struct RunOptions {
  std::vector<std::string> kernels;   // empty: all
  std::vector<std::string> backends;  // empty: all
  std::vector<std::string> sizes;     // empty: each kernel's default
  std::vector<std::string> precisions{"double"};
  int reps = 10;
  int warmup = 2;
  std::vector<int> threads{0};  // MIMD thread counts, one set of rows each; 0: every hardware thread
  std::string streaming = "auto";
  std::uint64_t seed = 0;
  bool cold_cache = false;
  std::string first_touch = "parallel";
  std::string host_memory = "pinned";
  std::optional<std::string> json_path, csv_path;  // given (perhaps empty, which is refused) or not
  bool progress = true;
  // A row whose samples disagree by more than this (Stats::noise) is marked noisy. Given on the
  // command line (`--max-noise`), rows also take more samples until they agree this well.
  double max_noise = 0.05;
  bool wait_for_quiet = false;
  double min_time_s = 0;       // `--min-time`: take samples until they add up to this much timed work
  bool pin = false;            // `--pin`: the MIMD backend's workers bound to a CPU each
  std::string view = "table";  // `--view`: table, or taxonomy (the table, then Flynn's grid)
};

// `flynn concurrency`: the tasks of the concurrency table, and the kernel Amdahl's law is fitted on.
struct ConcurrencyOptions {
  std::size_t tasks = 4;
  double task_ms = 40;
  std::string kernel = "triad";
  std::string size = "2^20";
  std::string precision = "double";
  int reps = 10;
  std::optional<std::string> json_path;  // --json: the tables as a document (docs/results-format.md)
};

// Twice the hardware threads, at least 4: enough tasks that every core has more than one.
std::size_t default_concurrency_tasks();

// 1, 2, 4, ... below the hardware threads, then all of them: the counts a scaling run takes.
std::vector<unsigned> doubling_thread_counts();

// `flynn report`: where the page goes, and the runs it is drawn from (none: run the suite).
struct ReportOptions {
  std::string out = "flynn-report";
  std::vector<std::string> from;
  int reps = 5;
  bool progress = true;
};

// An item given twice would run the same rows twice and report them as two results, which reads
// like two measurements of different things: refuse it, naming the option and the item.
template <class T, class Show>
void refuse_repeats(const std::vector<T>& items, std::string_view option, Show show) {
  for (std::size_t i = 0; i < items.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (items[j] == items[i])
        throw UsageError(fmt::format("{} lists {} twice; give each once", option, show(items[i])));
}

// "33554432", "2^25", "32Mi"/"32M" (binary), "1e6": a positive whole number of elements.
// Throws UsageError naming the accepted forms.
std::size_t parse_size(const std::string& text);

// One size as a kernel takes it: a number (parse_size) or a grid "WxH" of two. Throws UsageError.
Extents parse_extents(const std::string& text);

// Each item a size or a sweep "A..B": A, 2A, 4A, ... up to B (at most 64 points), so one run can
// walk a kernel through L1, L2, L3 and DRAM; a grid sweep doubles both sides. Throws UsageError.
std::vector<Extents> parse_sizes(const std::vector<std::string>& items);

// Why a size in the other form does not fit `kernel`: how its sizes are written, with an example.
std::string size_form_error(const KernelSpec& kernel);

// Resolves a comma list of names against the registry; throws UsageError listing valid names.
std::vector<const KernelSpec*> select_kernels(const std::vector<std::string>& names);
std::vector<const Backend*> select_backends(const std::vector<std::string>& names);
std::vector<Precision> select_precisions(const std::vector<std::string>& names);

}  // namespace flynn::driver
