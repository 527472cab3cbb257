// The driver's subcommands. Each returns the process exit code.
#pragma once
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "driver/options.hpp"

namespace flynn::driver {

int list_command();
int info_command();
int run_command(const RunOptions& options);
int concurrency_command(const ConcurrencyOptions& options);
int compare_command(const std::string& path_a, const std::string& path_b);
int report_command(const ReportOptions& options);

// One row of `flynn compare`: a (kernel, backend, precision, size) in both runs.
struct CompareRow {
  std::tuple<std::string, std::string, std::string, std::uint64_t> key;  // kernel, backend label, precision, size
  double a_gbps = 0, b_gbps = 0;
  std::optional<double> ratio;  // B over A, where both were timed
  double spread = 0;            // the two rows' noise added, as a fraction
  std::string verdict;
};
struct CompareResult {
  std::vector<CompareRow> rows;
  std::vector<std::tuple<std::string, std::string, std::string, std::uint64_t>> only_in_a, only_in_b;
};
// Matches the rows of two `--json` documents and judges each difference against their spread.
CompareResult compare_rows(const nlohmann::json& a, const nlohmann::json& b);

// The JSON `context` object: what ran where, with what build.
nlohmann::json make_context(const RunOptions& options);

}  // namespace flynn::driver
