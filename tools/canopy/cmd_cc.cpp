// `canopy cc`: the nvcc-style CUDA compiler driver (toolchain/driver.h does the work). This file only
// gathers what the driver needs from the environment and the build.
#include <cstdlib>
#include <string>
#include <vector>

#include "toolchain/driver.h"
#include "tools/canopy/commands.h"

#ifndef CANOPY_BUILD_CUDA_INCLUDE_DIR
#define CANOPY_BUILD_CUDA_INCLUDE_DIR ""
#endif
#ifndef CANOPY_BUILD_CUDA_SDK_DIR
#define CANOPY_BUILD_CUDA_SDK_DIR ""
#endif
#ifndef CANOPY_BUILD_LIB_DIR
#define CANOPY_BUILD_LIB_DIR ""
#endif
#ifndef CANOPY_INSTALL_LIBDIR
#define CANOPY_INSTALL_LIBDIR "lib"
#endif

namespace canopy::tools {

namespace {

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

int cmd_cc(int argc, char** argv) {
  toolchain::DriverEnvironment env;
  env.exe_path = toolchain::self_executable();
  env.build_tree = {CANOPY_BUILD_CUDA_INCLUDE_DIR, CANOPY_BUILD_CUDA_SDK_DIR, CANOPY_BUILD_LIB_DIR};
  env.lib_dirs = {CANOPY_INSTALL_LIBDIR, "lib", "lib64"};
  env.clang_override = env_or_empty("CANOPY_CLANG");
  env.linker_override = env_or_empty("CANOPY_CC_LINKER");
  env.target_override = env_or_empty("CANOPY_CC_TARGET");
  env.path_env = env_or_empty("PATH");
  return toolchain::run_cc(std::vector<std::string>(argv + 1, argv + argc), env);
}

}  // namespace canopy::tools
