// The driver's subcommands. Each returns the process exit code.
#pragma once
#include <nlohmann/json.hpp>

#include "driver/options.hpp"

namespace flynn::driver {

int list_command();
int info_command();
int run_command(const RunOptions& options);
int concurrency_command(const ConcurrencyOptions& options);

// The JSON `context` object: what ran where, with what build.
nlohmann::json make_context(const RunOptions& options);

}  // namespace flynn::driver
