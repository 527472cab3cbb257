// The driver's run in-process, its table captured: for the test binaries that register backends of
// their own beside the real ones.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "driver/commands.hpp"

namespace flynn {

struct Captured {
  int code;
  std::string out;
};

// Ends the capture when run_command throws too (gtest allows one capturer at a time); no progress
// line (repetitions and warm-up are the test's to set).
inline Captured run_captured(driver::RunOptions o) {
  o.progress = false;
  testing::internal::CaptureStdout();
  try {
    const int code = driver::run_command(o);
    return {code, testing::internal::GetCapturedStdout()};
  } catch (...) {
    testing::internal::GetCapturedStdout();
    throw;
  }
}

}  // namespace flynn
