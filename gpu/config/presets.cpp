// The embedded presets. configs/*.json carry the same numbers; a test keeps them equal.
// Numbers follow the vendors' published specifications (cudaDeviceProp of the real cards); the
// BI-V100 numbers are approximate (32 GiB HBM2 at about 1.2 TB/s).
#include <string>

#include "gpu/config/gpu_config.h"

namespace canopy::gpu {

namespace {

constexpr uint64_t kGiB = uint64_t{1} << 30;
constexpr uint32_t kKiB = 1024;
constexpr uint64_t kMiB = uint64_t{1} << 20;

// `default` is the BI-V100-class chip with 32-lane warps; it reports compute capability 8.0, the highest
// whose features Canopy implements (bf16, tensor-core mma, cp.async), so programs that check the
// capability before using them run. `bi-v100` keeps the chip's own 64-lane warps and 7.0.
GpuConfig bi_v100_class(std::string name, uint32_t warp_size, uint32_t cc_major) {
  GpuConfig c;
  c.name = std::move(name);
  c.sm_count = 64;
  c.warp_size = warp_size;
  c.memory_bytes = 32 * kGiB;
  c.max_threads_per_block = 1024;
  c.shared_per_block = 48 * kKiB;  // as every CUDA GPU reports it; more by opt-in
  c.shared_per_block_optin = 64 * kKiB;
  c.shared_per_sm = 128 * kKiB;
  c.regs_per_block = 65536;
  c.regs_per_sm = 65536;
  c.max_threads_per_sm = 2048;
  c.max_ctas_per_sm = 32;
  c.clock_mhz = 1500;
  c.compute_capability_major = cc_major;
  c.compute_capability_minor = 0;
  c.l2_bytes = 8 * kMiB;
  c.memory_bus_width_bits = 4096;
  c.memory_clock_mhz = 1200;
  return c;
}

GpuConfig v100() {
  GpuConfig c;
  c.name = "v100";
  c.sm_count = 80;
  c.memory_bytes = 16 * kGiB;
  c.shared_per_block = 48 * kKiB;
  c.shared_per_block_optin = 96 * kKiB;
  c.shared_per_sm = 96 * kKiB;
  c.clock_mhz = 1530;
  c.compute_capability_major = 7;
  c.compute_capability_minor = 0;
  c.l2_bytes = 6 * kMiB;
  c.memory_bus_width_bits = 4096;
  c.memory_clock_mhz = 877;
  return c;
}

GpuConfig a100() {
  GpuConfig c;
  c.name = "a100";
  c.sm_count = 108;
  c.memory_bytes = 40 * kGiB;
  c.shared_per_block = 48 * kKiB;
  c.shared_per_block_optin = 163 * kKiB;
  c.shared_per_sm = 164 * kKiB;
  c.clock_mhz = 1410;
  c.compute_capability_major = 8;
  c.compute_capability_minor = 0;
  c.l2_bytes = 40 * kMiB;
  c.memory_bus_width_bits = 5120;
  c.memory_clock_mhz = 1215;
  return c;
}

GpuConfig h100() {
  GpuConfig c;
  c.name = "h100";
  c.sm_count = 132;
  c.memory_bytes = 80 * kGiB;
  c.shared_per_block = 48 * kKiB;
  c.shared_per_block_optin = 227 * kKiB;
  c.shared_per_sm = 228 * kKiB;
  c.clock_mhz = 1980;
  c.compute_capability_major = 9;
  c.compute_capability_minor = 0;
  c.l2_bytes = 50 * kMiB;
  c.memory_bus_width_bits = 5120;
  c.memory_clock_mhz = 2619;
  return c;
}

}  // namespace

std::vector<std::string> preset_names() { return {"default", "bi-v100", "v100", "a100", "h100"}; }

Expected<GpuConfig> preset(std::string_view name) {
  if (name == "default") return bi_v100_class("default", 32, 8);
  if (name == "bi-v100") return bi_v100_class("bi-v100", 64, 7);
  if (name == "v100") return v100();
  if (name == "a100") return a100();
  if (name == "h100") return h100();
  std::string known;
  for (const auto& n : preset_names()) known += (known.empty() ? "" : ", ") + n;
  return make_error("unknown GPU preset '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace canopy::gpu
