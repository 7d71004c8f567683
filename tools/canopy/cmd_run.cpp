// `canopy run`: sets the runtime's environment variables from options and executes a CUDA program.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "gpu/config/gpu_config.h"
#include "toolchain/process.h"
#include "toolchain/run_options.h"
#include "tools/canopy/commands.h"

namespace canopy::tools {

namespace {

// A preset name stays a name; a config file becomes an absolute path (the program may change directory).
Expected<std::string> resolve_gpu(const std::string& gpu) {
  if (gpu::preset(gpu).ok()) return gpu;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(gpu, ec)) {
    std::string names;
    for (const std::string& n : gpu::preset_names()) names += (names.empty() ? "" : ", ") + n;
    return make_error("canopy run: '" + gpu + "' is neither a GPU preset (" + names + ") nor a config file");
  }
  Expected<gpu::GpuConfig> config = gpu::load_config_file(gpu);
  if (!config) return make_error("canopy run: " + config.error().message);
  if (Status s = gpu::validate_config(*config); !s) return make_error("canopy run: " + s.error().message);
  std::filesystem::path absolute = std::filesystem::absolute(gpu, ec);
  return ec ? gpu : absolute.string();
}

}  // namespace

int cmd_run(int argc, char** argv) {
  Expected<toolchain::RunOptions> options =
      toolchain::parse_run_args(std::vector<std::string>(argv + 1, argv + argc));
  if (!options) {
    std::fprintf(stderr, "%s\n%s", options.error().message.c_str(), toolchain::run_help_text().c_str());
    return 2;
  }
  if (options->help) {
    std::fputs(toolchain::run_help_text().c_str(), stdout);
    return 0;
  }
  if (!options->gpu.empty()) {
    Expected<std::string> gpu = resolve_gpu(options->gpu);
    if (!gpu) {
      std::fprintf(stderr, "%s\n", gpu.error().message.c_str());
      return 2;
    }
    options->gpu = *gpu;
  }
  for (const auto& [name, value] : toolchain::run_environment(*options))
    setenv(name.c_str(), value.c_str(), 1);
  Error failure = toolchain::exec_process(options->command);
  std::fprintf(stderr, "canopy run: %s\n", failure.message.c_str());
  return 127;
}

}  // namespace canopy::tools
