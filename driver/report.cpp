#include "driver/report.hpp"

#include "driver/result_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "common/errors.hpp"

namespace flynn::driver {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::ok: return "ok";
    case Status::failed: return "FAILED";
    case Status::unavailable: return "unavailable";
    case Status::not_implemented: return "not implemented";
    case Status::error: return "error";
  }
  return "?";
}

double Row::gbps() const { return result ? result->work.bytes / result->kernel_time.median / 1e9 : 0; }
double Row::gflops() const { return result ? result->work.flops / result->kernel_time.median / 1e9 : 0; }
std::vector<std::pair<std::string, double>> Row::rates() const {
  std::vector<std::pair<std::string, double>> out;
  if (!result) return out;
  for (const Amount& a : result->work.amounts) out.emplace_back(a.unit + "/s", a.count / result->kernel_time.median);
  return out;
}
std::optional<double> Row::e2e_gbps() const {
  if (!result || !result->e2e_time) return std::nullopt;
  return result->work.bytes / result->e2e_time->median / 1e9;
}

std::optional<double> Row::fraction_of_copy_reference() const {
  if (!result || !copy_reference_gbps || *copy_reference_gbps <= 0) return std::nullopt;
  return gbps() / *copy_reference_gbps;
}

std::optional<double> Row::intensity() const {
  if (!result || result->work.bytes <= 0) return std::nullopt;
  return result->work.flops / result->work.bytes;
}

std::optional<Bound> Row::roofline_bound() const {
  const auto i = intensity();
  if (!i || !ceilings) return std::nullopt;
  return ceilings->bound_at(*i);
}

void fill_speedups(std::vector<Row>& rows) {
  for (auto& r : rows) {
    if (!r.result) continue;
    for (const auto& base : rows)
      if (base.backend == "scalar" && base.result && base.kernel == r.kernel && base.precision == r.precision &&
          base.size == r.size)
        r.speedup_vs_scalar = base.result->kernel_time.median / r.result->kernel_time.median;
  }
}

namespace {

std::string human_time(double s) {
  if (s < 1e-3) return fmt::format("{:.2f} us", s * 1e6);
  if (s < 1) return fmt::format("{:.3f} ms", s * 1e3);
  return fmt::format("{:.3f} s", s);
}

std::string size_label(const Extents& e) { return e.label(); }

// The first amount's rate, in its unit ("412.3 Mpixel/s"): each kernel's own measure of speed.
std::string rate_label(const Row& r) {
  const auto rates = r.rates();
  if (rates.empty()) return "-";
  const double v = rates.front().second;
  return fmt::format("{:.{}f} {}", v, v >= 100 ? 0 : v >= 10 ? 1 : 2, rates.front().first);
}

// The widest kernel name and size among rows, for the per-group lines below the table.
std::pair<std::size_t, std::size_t> group_widths(const std::vector<const Row*>& groups) {
  std::size_t kw = 6, nw = 5;
  for (const Row* g : groups) {
    kw = std::max(kw, g->kernel.size());
    nw = std::max(nw, size_label(g->size).size());
  }
  return {kw, nw};
}

}  // namespace

void print_table(const std::vector<Row>& rows) {
  // Columns of names, sizes and rates as wide as their widest entry, so kernels like
  // "blackscholes", grids like 2048x2048 and rates like "1234 Mpixel/s" keep the table aligned.
  std::size_t kw = 6, bw = 7, nw = 9, rw = 4;
  for (const auto& r : rows) {
    kw = std::max(kw, r.kernel.size());
    bw = std::max(bw, r.label().size());
    nw = std::max(nw, size_label(r.size).size());
    rw = std::max(rw, rate_label(r).size());
  }
  fmt::print("{:<{}} {:<{}} {:<5} {:<7} {:>{}} {:>11} {:>9} {:>9} {:>{}} {:>8} {:>7} {:>9}  {}\n", "kernel", kw,
             "backend", bw, "class", "prec", "N", nw, "median", "GB/s", "GFLOP/s", "rate", rw, "speedup", "%copy",
             "e2e GB/s", "verified");
  for (const auto& r : rows) {
    const std::string head = fmt::format("{:<{}} {:<{}} {:<5} {:<7} {:>{}}", r.kernel, kw, r.label(), bw,
                                         to_string(r.flynn_class), to_string(r.precision), size_label(r.size), nw);
    if (!r.result) {
      fmt::print("{} {:>11} {:>9} {:>9} {:>{}} {:>8} {:>7} {:>9}  {}: {}\n", head, "-", "-", "-", "-", rw, "-", "-",
                 "-", to_string(r.status), r.reason);
      continue;
    }
    const auto e2e = r.e2e_gbps();
    std::string verdict = r.status == Status::ok ? "ok" : fmt::format("FAILED: {}", r.reason);
    std::string note = r.result->note;
    if (r.noisy())
      note = fmt::format("NOISY: samples {}±{:.1f}%{}", r.result->settled ? "" : "still ",
                         100 * r.result->kernel_time.noise, note.empty() ? "" : "; " + note);
    if (!note.empty()) verdict += " (" + note + ")";
    const auto of_copy = r.fraction_of_copy_reference();
    fmt::print("{} {:>11} {:>9.1f} {:>9.2f} {:>{}} {:>8} {:>7} {:>9}  {}\n", head,
               human_time(r.result->kernel_time.median), r.gbps(), r.gflops(), rate_label(r), rw,
               r.speedup_vs_scalar ? fmt::format("{:.1f}x", *r.speedup_vs_scalar) : "-",
               of_copy ? fmt::format("{:.0f}%", 100 * *of_copy) : "-", e2e ? fmt::format("{:.1f}", *e2e) : "-",
               verdict);
  }
  if (std::any_of(rows.begin(), rows.end(), [](const Row& r) { return r.fraction_of_copy_reference().has_value(); }))
    fmt::print(
        "%copy: against the fastest copy of one array of the same size on the same cores, measured in this run (CPU:\n"
        "the best of libc's memcpy and vector copies with plain or non-temporal stores; GPU: cudaMemcpy device to\n"
        "device). Out of cache it is the memory ceiling; in a cache, a kernel that loads more than it stores can pass "
        "it.\n");
  const auto noisy = std::count_if(rows.begin(), rows.end(), [](const Row& r) { return r.noisy(); });
  if (noisy)
    fmt::print(
        "NOISY: {} row(s) whose samples disagree by more than {:.0f}% (half of them lie further than that from the "
        "median):\nnot figures to trust as they are. Rerun them alone, with --max-noise to take samples until they "
        "agree, or on a quieter machine.\n",
        noisy, 100 * rows.front().max_noise);
}

namespace {

bool same_group(const Row& x, const Row& y) {
  return x.kernel == y.kernel && x.precision == y.precision && x.size == y.size;
}

// The first row of each (kernel, precision, size) among those `keep` accepts, in table order.
template <class Keep>
std::vector<const Row*> group_heads(const std::vector<Row>& rows, Keep keep) {
  std::vector<const Row*> heads;
  for (const auto& r : rows)
    if (keep(r) && std::none_of(heads.begin(), heads.end(), [&](const Row* h) { return same_group(*h, r); }))
      heads.push_back(&r);
  return heads;
}

}  // namespace

void print_summary(const std::vector<Row>& rows) {
  const auto groups = group_heads(rows, [](const Row&) { return true; });

  const auto [kw, nw] = group_widths(groups);
  fmt::print("\nWhat each class bought (best backend of each class; speedup over the best SISD row):\n");
  for (const Row* g : groups) {
    // A memory-bound kernel in GB/s; a compute-bound one in its own unit where it has one
    // (Mpixel/s, G interactions/s), else in GFLOP/s.
    const bool memory = g->bound == Bound::memory;
    const bool own_unit = !memory && g->result && !g->result->work.amounts.empty();
    auto figure = [&](const Row& r) {
      if (own_unit && !r.rates().empty()) return r.rates().front().second;
      return memory ? r.gbps() : r.gflops();
    };
    const std::string unit = memory ? "GB/s" : own_unit ? g->rates().front().first : "GFLOP/s";
    std::string line =
        fmt::format("  {:<{}} {:<6} {:>{}}:", g->kernel, kw, to_string(g->precision), size_label(g->size), nw);
    std::optional<double> sisd;
    for (FlynnClass c : {FlynnClass::SISD, FlynnClass::SIMD, FlynnClass::MIMD, FlynnClass::SIMT}) {
      const Row* best = nullptr;
      const Row* any = nullptr;
      for (const auto& r : rows) {
        if (!same_group(r, *g) || r.flynn_class != c) continue;
        if (!any) any = &r;
        if (r.status == Status::ok && (!best || figure(r) > figure(*best))) best = &r;
      }
      if (!any) continue;
      if (!best) {
        line += fmt::format("  {} {}", to_string(c), to_string(any->status));
        continue;
      }
      if (c == FlynnClass::SISD) sisd = figure(*best);
      line += fmt::format("  {} {:.1f} {} ({})", to_string(c), figure(*best), unit, best->label());
      if (c != FlynnClass::SISD && sisd && *sisd > 0) line += fmt::format(" {:.1f}x", figure(*best) / *sisd);
    }
    fmt::print("{}\n", line);
  }
}

void print_bounds(const std::vector<Row>& rows) {
  const auto groups = group_heads(rows, [](const Row& r) { return r.roofline_bound().has_value(); });
  if (groups.empty()) return;

  fmt::print(
      "\nWhat bounds each kernel out of cache (its flops per byte against each backend's balance: peak GFLOP/s over\n"
      "the GB/s of the fastest copy of 4x the last-level cache, both measured after the runs; below the balance\n"
      "memory is the lower roof; data that fits a cache meets a higher one):\n");
  const auto [kw, nw] = group_widths(groups);
  for (const Row* g : groups) {
    std::string memory, compute;
    double lowest = 0, highest = 0;
    bool first = true;
    for (const auto& r : rows) {
      if (!same_group(r, *g) || !r.roofline_bound()) continue;
      const double balance = *r.ceilings->balance();
      lowest = first ? balance : std::min(lowest, balance);
      highest = first ? balance : std::max(highest, balance);
      first = false;
      std::string& side = *r.roofline_bound() == Bound::memory ? memory : compute;
      side += fmt::format("{}{} ({:.2f})", side.empty() ? "" : ", ", r.label(), balance);
    }
    const std::string range = lowest == highest ? fmt::format("balance {:.2f}", lowest)
                                                : fmt::format("balance {:.2f} to {:.2f}", lowest, highest);
    std::string verdict;
    if (compute.empty())
      verdict = fmt::format("memory-bound on every backend ({})", range);
    else if (memory.empty())
      verdict = fmt::format("compute-bound on every backend ({})", range);
    else
      verdict = fmt::format("memory-bound on {}; compute-bound on {}", memory, compute);
    fmt::print("  {:<{}} {:<6} {:>{}}: {:.3g} flop/B, {}\n", g->kernel, kw, to_string(g->precision),
               size_label(g->size), nw, *g->intensity(), verdict);
  }
}

nlohmann::json to_json(const Row& r) {
  using nlohmann::json;
  json j = {
      {"kernel", r.kernel},
      {"backend", r.backend},
      {"label", r.label()},
      {"threads_requested", r.threads},
      {"flynn_class", to_string(r.flynn_class)},
      {"bound", to_string(r.bound)},
      {"width", r.width},
      {"precision", to_string(r.precision)},
      {"size", r.size.count()},
      {"extents", r.size.dimensions == 2 ? json::array({r.size.width, r.size.height}) : json::array({r.size.width})},
      {"reps", r.reps},
      {"warmup", r.warmup},
      {"status", to_string(r.status)},
      {"verified", r.status == Status::ok},
      {"reason", r.reason},
      {"note", r.result ? r.result->note : std::string()}};
  const bool timed = r.result.has_value();
  auto value = [&](bool have, double v) { return have ? json(v) : json(nullptr); };
  j["bytes"] = value(timed, timed ? r.result->work.bytes : 0);
  j["flops"] = value(timed, timed ? r.result->work.flops : 0);
  j["batch"] = timed ? json(r.result->batch) : json(nullptr);
  j["time_min_s"] = value(timed, timed ? r.result->kernel_time.min : 0);
  j["time_median_s"] = value(timed, timed ? r.result->kernel_time.median : 0);
  j["time_max_s"] = value(timed, timed ? r.result->kernel_time.max : 0);
  j["samples"] = timed ? json(r.result->kernel_time.count) : json(nullptr);
  j["noise"] = value(timed, timed ? r.result->kernel_time.noise : 0);
  j["noisy"] = timed ? json(r.noisy()) : json(nullptr);
  j["settled"] = timed ? json(r.result->settled) : json(nullptr);
  j["gbps"] = value(timed, r.gbps());
  j["gflops"] = value(timed, r.gflops());
  json rates = json::object();
  for (const auto& [unit, rate] : r.rates()) rates[unit] = rate;
  j["rates"] = timed ? rates : json(nullptr);
  j["speedup_vs_scalar"] = value(r.speedup_vs_scalar.has_value(), r.speedup_vs_scalar.value_or(0));
  j["max_error"] = value(timed, timed ? r.result->verdict.max_error : 0);
  j["tolerance"] = value(timed, timed ? r.result->verdict.tolerance : 0);
  const bool e2e = timed && r.result->e2e_time.has_value();
  j["e2e_time_median_s"] = value(e2e, e2e ? r.result->e2e_time->median : 0);
  j["e2e_gbps"] = value(e2e, r.e2e_gbps().value_or(0));
  j["copy_reference"] = r.copy_reference_name;
  j["copy_reference_gbps"] = value(r.copy_reference_gbps.has_value(), r.copy_reference_gbps.value_or(0));
  j["fraction_of_copy_reference"] =
      value(r.fraction_of_copy_reference().has_value(), r.fraction_of_copy_reference().value_or(0));
  // The roofline: the backend's measured ceilings and where this kernel sits between them.
  const bool roof = r.ceilings.has_value();
  j["arithmetic_intensity"] = value(r.intensity().has_value(), r.intensity().value_or(0));
  j["peak_gflops"] = value(roof && r.ceilings->peak_gflops > 0, roof ? r.ceilings->peak_gflops : 0);
  j["ceiling_copy_gbps"] = value(roof && r.ceilings->copy_gbps > 0, roof ? r.ceilings->copy_gbps : 0);
  j["balance"] = value(roof && r.ceilings->balance().has_value(), roof ? r.ceilings->balance().value_or(0) : 0);
  j["roofline_bound"] =
      r.roofline_bound() ? nlohmann::json(std::string(to_string(*r.roofline_bound()))) : nlohmann::json(nullptr);
  return j;
}

void write_json(const std::string& path, const nlohmann::json& context, const std::vector<Row>& rows) {
  nlohmann::json doc = {{"context", context}, {"results", nlohmann::json::array()}};
  for (const auto& r : rows) doc["results"].push_back(to_json(r));
  write_result_file(path, doc.dump(2) + '\n');
}

void write_csv(const std::string& path, const std::vector<Row>& rows) {
  std::string out;
  if (rows.empty()) return write_result_file(path, out);
  const auto header = to_json(rows.front());
  std::string line;
  for (const auto& [key, _] : header.items()) line += (line.empty() ? "" : ",") + key;
  out += line + '\n';
  for (const auto& r : rows) {
    line.clear();
    bool first = true;
    const nlohmann::json fields = to_json(r);  // named: items() refers into it
    for (const auto& [key, value] : fields.items()) {
      std::string cell = value.is_null() ? "" : value.is_string() ? value.get<std::string>() : value.dump();
      if (cell.find_first_of(",\"\n") != std::string::npos) {
        std::string quoted = "\"";
        for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        cell = quoted + "\"";
      }
      line += (first ? "" : ",") + cell;
      first = false;
    }
    out += line + '\n';
  }
  write_result_file(path, out);
}

}  // namespace flynn::driver
