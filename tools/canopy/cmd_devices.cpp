// `canopy devices`: lists the GPU presets with their key numbers, or prints one preset (or a config
// file) as JSON, ready to edit and pass back with --gpu FILE.
#include <CLI/CLI.hpp>

#include <cinttypes>
#include <cstdio>

#include "gpu/config/gpu_config.h"
#include "tools/canopy/commands.h"

namespace canopy::tools {

int cmd_devices(int argc, char** argv) {
  CLI::App app{"List the GPU presets, or print one as JSON (--json NAME|FILE).", "canopy devices"};
  std::string json_of;
  app.add_option("--json", json_of, "print this preset or config file as JSON");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (!json_of.empty()) {
    auto config = gpu::preset(json_of);
    if (!config.ok()) config = gpu::load_config_file(json_of);
    if (!config.ok()) {
      std::fprintf(stderr, "canopy devices: %s\n", config.error().message.c_str());
      return 1;
    }
    std::fputs(gpu::config_to_json(*config).c_str(), stdout);
    return 0;
  }
  std::printf("%-9s %4s %4s %8s %5s %9s %9s %7s %6s %8s %8s\n", "preset", "SMs", "warp", "memory", "CC", "smem/blk",
              "smem/SM", "thr/SM", "clock", "L2", "GB/s");
  for (const auto& name : gpu::preset_names()) {
    auto c = gpu::preset(name);
    if (!c.ok()) continue;
    double bandwidth = 2.0 * c->memory_clock_mhz * 1e6 * (c->memory_bus_width_bits / 8.0) / 1e9;
    std::printf("%-9s %4u %4u %6" PRIu64 "GB %3u.%u %7uKB %7uKB %7u %4uMHz %6" PRIu64 "MB %8.0f\n", name.c_str(),
                c->sm_count, c->warp_size, c->memory_bytes >> 30, c->compute_capability_major,
                c->compute_capability_minor, c->shared_per_block_optin / 1024, c->shared_per_sm / 1024,
                c->max_threads_per_sm, c->clock_mhz, c->l2_bytes >> 20, bandwidth);
  }
  std::printf("\n'default' is BI-V100-class with 32-lane warps; use --gpu NAME or --gpu FILE.json with 'canopy exec'.\n");
  return 0;
}

}  // namespace canopy::tools
