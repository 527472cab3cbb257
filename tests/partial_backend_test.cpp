// A backend that implements only some kernels (as a vendor library will) says so: its other rows
// are "not implemented" with its reason, in `flynn list` and `flynn run`, and the run goes on.
#include <gtest/gtest.h>

#include "driver/commands.hpp"
#include "tests/run_captured.hpp"

namespace flynn {
namespace {

// The scalar backend's copy, looked up when a run needs it (registrations run in no set order).
std::unique_ptr<Execution> scalar_copy(Problem& p) { return (*registry().implementation("copy", "scalar"))(p); }

const BackendRegistration partial{Backend{
    .name = "test.partial",
    .flynn_class = FlynnClass::SISD,
    .description = "test only: a library with a copy and nothing else",
    .order = 999997,
    .availability =
        [] {
          return Availability{true, ""};
        },
    .width = [](Precision) { return std::string("1 lane"); },
    .implements_only = "test only: this library has a copy and nothing else",
}};
const ImplementationRegistration partial_copy{"copy", "test.partial", scalar_copy};

TEST(PartialBackend, ItsOtherRowsAreNotImplementedAndTheRunGoesOn) {
  driver::RunOptions o;
  o.kernels = {"copy", "triad"};
  o.backends = {"test.partial", "scalar"};
  o.sizes = {"1000"};
  o.reps = 1;
  o.warmup = 0;
  const auto [code, out] = run_captured(o);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("not implemented: test only: this library has a copy and nothing else"), std::string::npos) << out;
  EXPECT_EQ(out.find("FAILED"), std::string::npos) << out;
}

TEST(PartialBackend, ListNamesWhatItLacks) {
  testing::internal::CaptureStdout();
  driver::list_command();
  const std::string out = testing::internal::GetCapturedStdout();
  std::string lacking;  // every kernel but copy, in the registry's order
  for (const KernelSpec* k : registry().kernels())
    if (k->name() != "copy") lacking += (lacking.empty() ? "" : ", ") + std::string(k->name());
  EXPECT_NE(out.find("not implemented: " + lacking + " (test only: this library has a copy and nothing else)"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace flynn
