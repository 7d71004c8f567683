#include "toolchain/paths.h"

#include <unistd.h>

#include <filesystem>
#include <system_error>

#ifndef CANOPY_CC_HOST_TARGET
#define CANOPY_CC_HOST_TARGET ""
#endif

namespace canopy::toolchain {

namespace fs = std::filesystem;

namespace {

bool path_exists(const fs::path& p) {
  std::error_code ec;
  return fs::exists(p, ec);
}

std::string default_clang(const std::string& path_env) {
  if (!find_in_path("clang++-14", path_env).empty()) return "clang++-14";
  return "clang++";
}

}  // namespace

std::string host_target(const std::string& target_override) {
  return target_override.empty() ? std::string(CANOPY_CC_HOST_TARGET) : target_override;
}

std::string find_in_path(const std::string& name, const std::string& path_env) {
  size_t start = 0;
  while (start <= path_env.size()) {
    size_t colon = path_env.find(':', start);
    if (colon == std::string::npos) colon = path_env.size();
    std::string dir = colon > start ? path_env.substr(start, colon - start) : ".";
    std::string candidate = dir + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return dir;
    start = colon + 1;
  }
  return {};
}

std::string self_executable() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

ToolchainPaths locate_toolchain(const std::string& exe_path, const BuildTreeLayout& build_tree,
                                const std::vector<std::string>& lib_dirs, const std::string& clang_override,
                                const std::string& path_env) {
  ToolchainPaths paths{clang_override.empty() ? default_clang(path_env) : clang_override,
                       build_tree.include_dir, build_tree.sdk_dir, build_tree.lib_dir, {}};
  if (exe_path.empty()) return paths;
  fs::path prefix = fs::path(exe_path).parent_path().parent_path();
  fs::path include = prefix / "include/canopy/cuda";
  fs::path sdk = prefix / "share/canopy/cuda-sdk";
  if (!path_exists(include / "cuda_runtime.h") || !path_exists(sdk / "version.txt")) return paths;
  for (const std::string& dir : lib_dirs) {
    fs::path lib = prefix / dir;
    if (path_exists(lib / "libcanopy_cudart.so")) {
      paths.include_dir = include.string();
      paths.sdk_dir = sdk.string();
      paths.lib_dir = lib.string();
      break;
    }
  }
  return paths;
}

}  // namespace canopy::toolchain
