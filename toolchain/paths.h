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
  std::string target;       // --target for every clang job (the host triple); empty: clang's default
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

// The host triple clang compiles and links for: `target_override` ($CANOPY_CC_TARGET) when set, else the
// triple canopy itself was built for (CANOPY_CC_HOST_TARGET, from toolchain/CMakeLists.txt). A canopy
// cross-built for AArch64 thus makes the build host's clang produce AArch64 programs; on a native host it
// is the native triple. Empty where the build did not know it (clang's default then applies).
std::string host_target(const std::string& target_override);

// The first directory of a PATH-style list holding an executable `name`; empty if none.
std::string find_in_path(const std::string& name, const std::string& path_env);

// The running executable's path (/proc/self/exe), or empty where that is unavailable.
std::string self_executable();

}  // namespace canopy::toolchain
