// `canopy cc` end to end: parse, locate the toolchain, plan, run the jobs (or print them), clean up.
#pragma once

#include <string>
#include <vector>

#include "toolchain/paths.h"

namespace canopy::toolchain {

// What the driver takes from outside the command line (the environment and the build).
struct DriverEnvironment {
  std::string exe_path;               // the running canopy (locates an installed layout)
  BuildTreeLayout build_tree;         // used when no installed layout is found
  std::vector<std::string> lib_dirs;  // names of <prefix>/<libdir> to try
  std::string clang_override;         // $CANOPY_CLANG
  std::string linker_override;        // $CANOPY_CC_LINKER
  std::string target_override;        // $CANOPY_CC_TARGET
  std::string path_env;               // $PATH
};

// Returns the process exit status; diagnostics go to stderr, --version/--help to stdout.
int run_cc(const std::vector<std::string>& args, const DriverEnvironment& env);

}  // namespace canopy::toolchain
