// Sizes are checked against a device's free memory before anything is allocated, counting what a
// run needs there besides its arrays, and a device that cannot even say how much it has free
// makes its own rows unavailable, not the whole run fail. A pretend device backend, in this test
// binary only, stands in for a GPU.
#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "driver/commands.hpp"
#include "tests/run_captured.hpp"

namespace flynn {
namespace {

constexpr std::size_t MiB = std::size_t{1} << 20;

// The scalar backend's copy, looked up when a run needs it (registrations run in no set order).
std::unique_ptr<Execution> scalar_copy(Problem& p) { return (*registry().implementation("copy", "scalar"))(p); }

Backend pretend_device(std::string name, std::function<std::optional<std::size_t>()> free_bytes) {
  return Backend{
      .name = std::move(name),
      .flynn_class = FlynnClass::SIMT,
      .description = "test only: a device with 64 MiB free that needs 8 MiB besides the arrays, 32 more when cold",
      .order = 999998,
      .availability =
          [] {
            return Availability{true, ""};
          },
      .width = [](Precision) { return std::string("pretend"); },
      .device_free_bytes = std::move(free_bytes),
      .device_reserve_bytes = [](bool cold) { return 8 * MiB + (cold ? 32 * MiB : 0); },
  };
}

const BackendRegistration small_device{
    pretend_device("test.device", [] { return std::optional<std::size_t>(64 * MiB); })};
const BackendRegistration failing_device{pretend_device(
    "test.device_fails", []() -> std::optional<std::size_t> { throw RuntimeError("cudaMemGetInfo failed: busy"); })};
const ImplementationRegistration copy_on_device{"copy", "test.device", scalar_copy};
const ImplementationRegistration copy_on_failing{"copy", "test.device_fails", scalar_copy};

driver::RunOptions copy_of(std::size_t floats, std::vector<std::string> backends) {
  driver::RunOptions o;
  o.kernels = {"copy"};
  o.backends = std::move(backends);
  o.precisions = {"float"};
  o.sizes = {std::to_string(floats)};
  o.reps = 1;
  o.warmup = 0;
  return o;
}

std::string refusal(const driver::RunOptions& o) {
  try {
    run_captured(o).code;
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(DeviceMemoryCheck, ArraysThatFitAloneAreRefusedWhenTheReserveDoesNot) {
  // copy moves two float arrays: 7.5 Mi floats are 60 MiB, under 64 MiB free but not with 8 more.
  const std::string why = refusal(copy_of(60 * MiB / 8, {"test.device"}));
  EXPECT_NE(why.find("needs 0.07 GiB of GPU memory for test.device"), std::string::npos) << why;
  EXPECT_NE(why.find("0.06 GiB of arrays"), std::string::npos) << why;
  EXPECT_NE(why.find("0.06 GiB is free"), std::string::npos) << why;
}

TEST(DeviceMemoryCheck, ColdCacheCountsTheEvictionBuffer) {
  driver::RunOptions o = copy_of(48 * MiB / 8, {"test.device"});  // 48 MiB of arrays: fits with 8, not with 40
  EXPECT_EQ(run_captured(o).code, 0);
  o.cold_cache = true;
  const std::string why = refusal(o);
  EXPECT_NE(why.find("and --cold-cache"), std::string::npos) << why;
}

TEST(DeviceMemoryCheck, ADeviceThatCannotSayMakesOnlyItsRowsUnavailable) {
  driver::RunOptions o = copy_of(1000, {"test.device_fails", "scalar"});
  const auto [code, out] = run_captured(o);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("unavailable: cudaMemGetInfo failed: busy"), std::string::npos) << out;
  EXPECT_NE(out.find("  ok"), std::string::npos) << out;
}

}  // namespace
}  // namespace flynn
