// One row per (kernel, backend, precision, size), and the three ways to show them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/measure.hpp"
#include "driver/ceilings.hpp"

namespace flynn::driver {

enum class Status { ok, failed, unavailable, not_implemented, error };

std::string_view to_string(Status s);

struct Row {
  std::string kernel, backend;
  FlynnClass flynn_class;
  Bound bound = Bound::memory;
  std::string width;
  unsigned threads = 0;  // MIMD rows: the --threads count they ran with (0: every hardware thread)
  Precision precision;
  Extents size;
  int reps = 0, warmup = 0;
  Status status = Status::ok;
  std::string reason;  // unavailable/error/failure detail
  std::optional<RunResult> result;
  std::optional<double> speedup_vs_scalar;
  std::string copy_reference_name;            // memory-bound kernels: the platform's measured copy
  std::optional<double> copy_reference_gbps;  // at this array size

  std::optional<BackendCeilings> ceilings;  // the backend's roofline, in this precision
  double max_noise = 0.05;                  // --max-noise: samples that disagree more make the row noisy

  // The backend's name, with the thread count where one was asked for ("threads:4").
  std::string label() const { return threads ? backend + ":" + std::to_string(threads) : backend; }
  std::optional<double> fraction_of_copy_reference() const;
  // Samples that disagree by more than max_noise: a figure not to trust without a rerun.
  bool noisy() const { return result && result->kernel_time.noise > max_noise; }
  // Flops per byte moved (the work model's, so the same on every backend).
  std::optional<double> intensity() const;
  // The roof this kernel meets first on this backend: memory when its intensity is below the
  // backend's balance. Measured, where Row::bound is what the spec declares.
  std::optional<Bound> roofline_bound() const;

  double gbps() const;
  double gflops() const;
  // The work's amounts in its own units, per second ("Mpixel/s", 412.0).
  std::vector<std::pair<std::string, double>> rates() const;
  std::optional<double> e2e_gbps() const;
};

void fill_speedups(std::vector<Row>& rows);
void print_table(const std::vector<Row>& rows);
// Per kernel, precision and size: the best backend of each Flynn class and what it bought.
// Flynn's 2x2 grid with each class's measured speedups (`--view taxonomy`).
void print_taxonomy(const std::vector<Row>& rows);
void print_summary(const std::vector<Row>& rows);
// Per kernel, precision and size: its intensity against each backend's balance.
void print_bounds(const std::vector<Row>& rows);
nlohmann::json to_json(const Row& row);
void write_json(const std::string& path, const nlohmann::json& context, const std::vector<Row>& rows);
void write_csv(const std::string& path, const std::vector<Row>& rows);

}  // namespace flynn::driver
