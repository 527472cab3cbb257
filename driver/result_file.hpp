// Where --json and --csv results go, written so that a failed or interrupted write never leaves a
// file that reads as complete: into a temporary file beside the target, every write and the close
// checked, then renamed over it. Non-regular targets (a pipe, a terminal, /dev/full) are written in
// place, with the same checks; a symbolic link is followed, so the link stays a link.
#pragma once
#include <string>

namespace flynn::driver {

// Before a run: refuses (UsageError) a target that cannot be written, without creating, emptying
// or blocking on it (a FIFO with no reader is not opened).
void check_writable(const std::string& option, const std::string& path);

// After the run: `content` as the whole file; throws RuntimeError naming the failure, leaving
// the target as it was and no temporary file behind.
void write_result_file(const std::string& path, const std::string& content);

}  // namespace flynn::driver
