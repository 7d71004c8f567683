// GpuConfig <-> JSON. Field names are GpuConfig's member names.
#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "gpu/config/gpu_config.h"

namespace canopy::gpu {

namespace {

using Json = nlohmann::json;

// Visits every field with its JSON name; `required` fields must be present in a file.
template <typename Config, typename Visitor>
void visit_fields(Config& c, Visitor&& v) {
  v("name", c.name, true);
  v("sm_count", c.sm_count, true);
  v("warp_size", c.warp_size, true);
  v("memory_bytes", c.memory_bytes, true);
  v("max_threads_per_block", c.max_threads_per_block, false);
  v("max_block_dim", c.max_block_dim, false);
  v("max_grid_dim", c.max_grid_dim, false);
  v("shared_per_block", c.shared_per_block, false);
  v("shared_per_block_optin", c.shared_per_block_optin, false);
  v("shared_per_sm", c.shared_per_sm, false);
  v("regs_per_block", c.regs_per_block, false);
  v("regs_per_sm", c.regs_per_sm, false);
  v("max_regs_per_thread", c.max_regs_per_thread, false);
  v("max_threads_per_sm", c.max_threads_per_sm, false);
  v("max_ctas_per_sm", c.max_ctas_per_sm, false);
  v("const_bytes", c.const_bytes, false);
  v("local_bytes_per_thread", c.local_bytes_per_thread, false);
  v("clock_mhz", c.clock_mhz, true);
  v("compute_capability_major", c.compute_capability_major, false);
  v("compute_capability_minor", c.compute_capability_minor, false);
  v("l2_bytes", c.l2_bytes, false);
  v("memory_bus_width_bits", c.memory_bus_width_bits, false);
  v("memory_clock_mhz", c.memory_clock_mhz, false);
}

template <typename T>
bool read_field(const Json& j, T& out) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (!j.is_string()) return false;
    out = j.get<std::string>();
    return true;
  } else if constexpr (std::is_integral_v<T>) {
    if (!j.is_number_unsigned()) return false;
    uint64_t v = j.get<uint64_t>();
    if (v > std::numeric_limits<T>::max()) return false;
    out = static_cast<T>(v);
    return true;
  } else {  // std::array<uint32_t, 3>
    if (!j.is_array() || j.size() != out.size()) return false;
    for (size_t i = 0; i < out.size(); ++i)
      if (!read_field(j[i], out[i])) return false;
    return true;
  }
}

}  // namespace

Expected<GpuConfig> parse_config_json(std::string_view text, const std::string& origin) {
  Json root = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return make_error(origin + ": not valid JSON");
  if (!root.is_object()) return make_error(origin + ": expected a JSON object");
  GpuConfig config;
  std::string problem;
  std::vector<std::string> known;
  visit_fields(config, [&](const char* key, auto& field, bool required) {
    known.push_back(key);
    if (!problem.empty()) return;
    auto it = root.find(key);
    if (it == root.end()) {
      if (required) problem = std::string("missing field '") + key + "'";
      return;
    }
    if (!read_field(*it, field)) problem = std::string("field '") + key + "' has the wrong type or range";
  });
  if (problem.empty()) {
    for (auto it = root.begin(); it != root.end(); ++it)
      if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
        problem = "unknown field '" + it.key() + "'";
        break;
      }
  }
  if (!problem.empty()) return make_error(origin + ": " + problem);
  if (Status s = validate_config(config); !s) return make_error(origin + ": " + s.error().message);
  return config;
}

Expected<GpuConfig> load_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path + ": cannot open GPU config file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config_json(text.str(), path);
}

std::string config_to_json(const GpuConfig& config) {
  nlohmann::ordered_json root = nlohmann::ordered_json::object();  // keeps GpuConfig's field order
  GpuConfig copy = config;
  visit_fields(copy, [&](const char* key, auto& field, bool) { root[key] = field; });
  return root.dump(2) + "\n";
}

Status validate_config(const GpuConfig& c) {
  if (c.name.empty()) return make_error("config has no name");
  if (c.warp_size != 32 && c.warp_size != 64) return make_error("warp_size must be 32 or 64");
  if (c.sm_count == 0 || c.memory_bytes == 0 || c.clock_mhz == 0)
    return make_error("sm_count, memory_bytes and clock_mhz must be non-zero");
  if (c.max_threads_per_block == 0 || c.max_threads_per_block > 4096)
    return make_error("max_threads_per_block must be in 1..4096");
  for (int i = 0; i < 3; ++i)
    if (c.max_block_dim[i] == 0 || c.max_grid_dim[i] == 0) return make_error("max_block_dim/max_grid_dim must be non-zero");
  if (c.max_threads_per_block % c.warp_size != 0)
    return make_error("max_threads_per_block must be a multiple of warp_size");
  if (c.shared_per_block_optin < c.shared_per_block)
    return make_error("shared_per_block_optin must be at least shared_per_block");
  if (c.local_bytes_per_thread > (1u << 24)) return make_error("local_bytes_per_thread above 16 MiB");
  return Status::success();
}

}  // namespace canopy::gpu
