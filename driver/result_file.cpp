#include "driver/result_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/errors.hpp"

namespace flynn::driver {
namespace {

namespace fs = std::filesystem;

// A link's target, followed link by link (a dangling one included), so writing replaces the file
// it names and not the link.
fs::path resolved(const std::string& path) {
  fs::path p = path;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(p, ec))) return p;
    const fs::path target = fs::read_symlink(p, ec);
    if (ec) return p;
    p = target.is_absolute() ? target : p.parent_path() / target;
  }
  throw UsageError(fmt::format("'{}': too many levels of symbolic links", path));
}

std::string directory_of(const fs::path& p) { return p.has_parent_path() ? p.parent_path().string() : "."; }

void write_all(int fd, const std::string& content, const std::string& name) {
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw RuntimeError(fmt::format("cannot write {}: {}", name, n < 0 ? std::strerror(errno) : "no progress"));
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

void check_writable(const std::string& option, const std::string& path) {
  if (path.empty()) throw UsageError(fmt::format("{} needs a file name, not ''", option));
  const fs::path target = resolved(path);
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw UsageError(fmt::format("cannot write '{}' ({}): it is a folder", path, option));
    if (::access(target.c_str(), W_OK) != 0)
      throw UsageError(fmt::format("cannot write '{}' ({}): {}", path, option, std::strerror(errno)));
    if (!S_ISREG(st.st_mode)) return;  // written in place
  }
  // A regular or new file is replaced through a temporary file beside it: its folder must take one.
  const std::string dir = directory_of(target);
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    throw UsageError(fmt::format("cannot write '{}' ({}): folder '{}': {}", path, option, dir, std::strerror(errno)));
}

void write_result_file(const std::string& path, const std::string& content) {
  const fs::path target = resolved(path);
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // Non-blocking, so a FIFO that nobody reads is an error (ENXIO) and not a hang; then blocking
    // again, so a slow reader is waited for.
    const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
      throw RuntimeError(
          fmt::format("cannot write {}: {}", path, errno == ENXIO ? "nothing reads from it" : std::strerror(errno)));
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    try {
      write_all(fd, content, path);
    } catch (...) {
      ::close(fd);
      throw;
    }
    if (::close(fd) != 0) throw RuntimeError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    return;
  }
  std::string temp = (target.has_parent_path() ? target.parent_path() / "" : fs::path()).string() + "." +
                     target.filename().string() + ".XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0)
    throw RuntimeError(fmt::format("cannot write {}: no temporary file beside it: {}", path, std::strerror(errno)));
  auto fail = [&](const std::string& why) {
    ::unlink(temp.c_str());
    throw RuntimeError(fmt::format("cannot write {}: {}", path, why));
  };
  try {
    write_all(fd, content, path);
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  // mkstemp makes the file 0600; a results file is as readable as any other the user writes.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (::fsync(fd) != 0 && errno != EINVAL) {
    const int err = errno;
    ::close(fd);
    fail(std::strerror(err));
  }
  if (::close(fd) != 0) fail(std::strerror(errno));
  if (::rename(temp.c_str(), target.c_str()) != 0) fail(std::strerror(errno));
}

}  // namespace flynn::driver
