// `flynn compare A.json B.json`: two runs side by side (two machines, two builds, before and after a
// change), row by row, with each difference judged against the runs' own spread.
#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <map>
#include <tuple>

#include "common/errors.hpp"
#include "driver/commands.hpp"

namespace flynn::driver {
namespace {

using nlohmann::json;

json read_results(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError(fmt::format("cannot read '{}'", path));
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::exception& e) {
    throw UsageError(fmt::format("'{}' is not JSON: {}", path, e.what()));
  }
  if (!doc.is_object() || !doc.contains("results") || !doc["results"].is_array())
    throw UsageError(fmt::format("'{}' is not a flynn run --json file (no results array)", path));
  return doc;
}

using Key = decltype(CompareRow::key);

Key key_of(const json& r) {
  return {r.value("kernel", ""), r.value("label", r.value("backend", "")), r.value("precision", ""),
          r.value("size", std::uint64_t{0})};
}

// A row's spread as a fraction of its median: its noise where the file has it, else half the range
// between its quickest and slowest sample (files written before `noise` existed).
double spread_of(const json& r) {
  if (r.contains("noise") && r["noise"].is_number()) return r["noise"].get<double>();
  const auto num = [&](const char* k) { return r.contains(k) && r[k].is_number() ? r[k].get<double>() : 0.0; };
  const double median = num("time_median_s");
  return median > 0 ? (num("time_max_s") - num("time_min_s")) / (2 * median) : 0;
}

std::string machine_of(const json& doc) {
  const json& c = doc.value("context", json::object());
  std::string m = fmt::format("{} ({} cores)", c.value("cpu", std::string("?")), c.value("cores", 0));
  if (c.contains("gpus") && c["gpus"].is_array() && !c["gpus"].empty())
    m += " + " + c["gpus"][0].value("name", std::string("GPU"));
  return m + ", " + c.value("date", std::string("?"));
}

}  // namespace

CompareResult compare_rows(const json& a, const json& b) {
  CompareResult out;
  std::map<Key, const json*> in_b;
  for (const json& r : b["results"]) in_b[key_of(r)] = &r;
  std::map<Key, bool> matched;
  for (const json& ra : a["results"]) {
    const Key k = key_of(ra);
    const auto it = in_b.find(k);
    if (it == in_b.end()) {
      out.only_in_a.push_back(k);
      continue;
    }
    matched[k] = true;
    const json& rb = *it->second;
    CompareRow row{.key = k};
    const bool timed = ra.contains("gbps") && ra["gbps"].is_number() && rb.contains("gbps") && rb["gbps"].is_number() &&
                       ra["gbps"].get<double>() > 0 && rb["gbps"].get<double>() > 0;
    if (!timed) {
      row.verdict = "not timed in both";
      out.rows.push_back(row);
      continue;
    }
    row.a_gbps = ra["gbps"].get<double>();
    row.b_gbps = rb["gbps"].get<double>();
    row.ratio = row.b_gbps / row.a_gbps;
    row.spread = spread_of(ra) + spread_of(rb);
    // Beyond the runs' own spread: the medians differ by more than the two rows' noise together.
    if (std::fabs(*row.ratio - 1) <= row.spread)
      row.verdict = "same, within the noise";
    else
      row.verdict = *row.ratio > 1 ? "B faster" : "B slower";
    // The same label on other hardware (2 mpi ranks against 5, another instruction set) is no like
    // for like: said beside the verdict.
    const std::string wa = ra.value("width", ""), wb = rb.value("width", "");
    if (wa != wb) row.verdict += fmt::format(" (widths differ: {} against {})", wa, wb);
    out.rows.push_back(row);
  }
  for (const auto& [k, _] : in_b)
    if (!matched.count(k)) out.only_in_b.push_back(k);
  return out;
}

int compare_command(const std::string& path_a, const std::string& path_b) {
  const json a = read_results(path_a), b = read_results(path_b);
  const CompareResult c = compare_rows(a, b);
  fmt::print("A: {}  ({})\nB: {}  ({})\n", path_a, machine_of(a), path_b, machine_of(b));
  fmt::print("{:<8} {:<14} {:<7} {:>12} {:>10} {:>10} {:>7} {:>7}  {}\n", "kernel", "backend", "prec", "N", "A GB/s",
             "B GB/s", "B/A", "noise", "verdict");
  for (const CompareRow& r : c.rows) {
    const auto& [kernel, backend, precision, size] = r.key;
    if (r.ratio)
      fmt::print("{:<8} {:<14} {:<7} {:>12} {:>10.1f} {:>10.1f} {:>6.2f}x {:>6.1f}%  {}\n", kernel, backend, precision,
                 size, r.a_gbps, r.b_gbps, *r.ratio, 100 * r.spread, r.verdict);
    else
      fmt::print("{:<8} {:<14} {:<7} {:>12} {:>10} {:>10} {:>7} {:>7}  {}\n", kernel, backend, precision, size, "-",
                 "-", "-", "-", r.verdict);
  }
  for (const auto& [which, keys] : {std::pair{"A", &c.only_in_a}, std::pair{"B", &c.only_in_b}})
    for (const Key& k : *keys)
      fmt::print("{:<8} {:<14} {:<7} {:>12}  only in {}\n", std::get<0>(k), std::get<1>(k), std::get<2>(k),
                 std::get<3>(k), which);
  fmt::print(
      "noise: the two rows' noise added (each the median absolute deviation of its samples over its median); a\n"
      "difference within it is no difference these runs can show. Run both with more --reps, or --max-noise, to "
      "narrow it.\n");
  return 0;
}

}  // namespace flynn::driver
