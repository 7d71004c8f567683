// What a simulated GPU looks like: the numbers a preset or a JSON config file gives, and that
// cudaGetDeviceProperties reports.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/expected.h"

namespace canopy::gpu {

struct GpuConfig {
  std::string name;
  uint32_t sm_count = 0;
  uint32_t warp_size = 32;                  // 32 or 64
  uint64_t memory_bytes = 0;                // global memory capacity
  uint32_t max_threads_per_block = 1024;
  std::array<uint32_t, 3> max_block_dim{1024, 1024, 64};
  std::array<uint32_t, 3> max_grid_dim{2147483647u, 65535, 65535};
  uint32_t shared_per_block = 48 * 1024;    // without opt-in (sharedMemPerBlock)
  uint32_t shared_per_block_optin = 48 * 1024;  // the launch limit (sharedMemPerBlockOptin)
  uint32_t shared_per_sm = 0;
  uint32_t regs_per_block = 65536;
  uint32_t regs_per_sm = 65536;
  uint32_t max_regs_per_thread = 255;
  uint32_t max_threads_per_sm = 2048;
  uint32_t max_ctas_per_sm = 32;
  uint32_t const_bytes = 64 * 1024;
  uint32_t local_bytes_per_thread = 1024;   // call-stack reserve on top of the kernel frame (cudaLimitStackSize)
  uint32_t clock_mhz = 0;
  uint32_t compute_capability_major = 0;
  uint32_t compute_capability_minor = 0;
  uint64_t l2_bytes = 0;
  uint32_t memory_bus_width_bits = 0;
  uint32_t memory_clock_mhz = 0;            // memory clock; bandwidth = 2 * clock * bus width / 8 (DDR)
  // A simulation option, not a chip property (never in presets): every allocation its own mapping with
  // unmapped gaps around it, so that any access outside an allocation faults (canopy run --strict-memory).
  // Otherwise allocations are packed into 2 MiB mappings as the CUDA driver does, and only accesses
  // outside mapped memory fault.
  bool strict_memory = false;

  friend bool operator==(const GpuConfig&, const GpuConfig&) = default;
};

// Embedded presets: "default" (BI-V100-class with 32-lane warps), "bi-v100" (64-lane warps), "v100",
// "a100", "h100". configs/<name>.json holds the same numbers as data.
Expected<GpuConfig> preset(std::string_view name);
std::vector<std::string> preset_names();

// JSON with the fields of GpuConfig (same names). Missing fields keep GpuConfig's defaults, except
// `name`, `sm_count`, `warp_size`, `memory_bytes` and `clock_mhz`, which are required.
Expected<GpuConfig> load_config_file(const std::string& path);
Expected<GpuConfig> parse_config_json(std::string_view text, const std::string& origin);
std::string config_to_json(const GpuConfig& config);

// Checks the numbers make sense (warp size 32/64, non-zero limits, ...).
Status validate_config(const GpuConfig& config);

}  // namespace canopy::gpu
