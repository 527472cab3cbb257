// The two ways a run can go wrong, which the driver maps to exit codes.
#pragma once
#include <stdexcept>

namespace flynn {

// The user asked for something that cannot be done (unknown name, bad size, does not fit):
// one line naming the valid choices or the limit, exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Something failed while running (a CUDA call, an allocation the OS refused).
struct RuntimeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace flynn
