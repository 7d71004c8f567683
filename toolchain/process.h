// Running other programs without a shell (posix_spawnp: arguments are never re-parsed), a private
// temporary directory, and quoting commands for display (-v).
#pragma once

#include <string>
#include <vector>

#include "support/expected.h"

namespace canopy::toolchain {

// Runs argv[0] (searched in PATH) with the caller's environment and standard streams; returns its exit
// status (128 + signal when killed). An error only if it could not be started.
Expected<int> run_process(const std::vector<std::string>& argv);

// Replaces the current process image (execvp). Returns only on failure, with the reason.
Error exec_process(const std::vector<std::string>& argv);

// A command as a POSIX shell would need it typed (for display only; nothing is ever run by a shell).
std::string quote_command(const std::vector<std::string>& argv);

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  static Expected<TempDir> create(const std::string& tag);
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&&) = delete;
  TempDir(const TempDir&) = delete;
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace canopy::toolchain
