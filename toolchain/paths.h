// Where `canopy cc` finds clang, Canopy's CUDA headers, the stub SDK and libcanopy_cudart: the install
// layout next to the canopy executable when it is there, else the build tree the executable came from.
#pragma once

#include <string>
#include <vector>

#include "support/expected.h"

namespace canopy::toolchain {

struct ToolchainPaths {
  std::string clang;        // the clang driver used for CUDA, C++ and C (and the link by default)
  std::string include_dir;  // holds cuda_runtime.h
  std::string sdk_dir;      // the stub CUDA installation for --cuda-path
  std::string lib_dir;      // holds libcanopy_cudart.so
};

// Compiled-in locations of the build tree (tools/CMakeLists.txt defines them).
struct BuildTreeLayout {
  std::string include_dir, sdk_dir, lib_dir;
};

// `exe_path` is the running canopy (from /proc/self/exe; may be empty). The install layout is
// <prefix>/bin/canopy, <prefix>/include/canopy/cuda, <prefix>/<libdir>/libcanopy_cudart.so and
// <prefix>/share/canopy/cuda-sdk; `lib_dirs` lists the <libdir> names to try ("lib", "lib64", ...).
// `clang_override` is $CANOPY_CLANG (may be empty); `path_env` is $PATH, searched for clang++-14.
ToolchainPaths locate_toolchain(const std::string& exe_path, const BuildTreeLayout& build_tree,
                                const std::vector<std::string>& lib_dirs, const std::string& clang_override,
                                const std::string& path_env);

// The first directory of a PATH-style list holding an executable `name`; empty if none.
std::string find_in_path(const std::string& name, const std::string& path_env);

// The running executable's path (/proc/self/exe), or empty where that is unavailable.
std::string self_executable();

}  // namespace canopy::toolchain
