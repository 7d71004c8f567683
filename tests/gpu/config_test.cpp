// Presets and config files.
#include <fstream>

#include "gpu/device.h"
#include "gtest/gtest.h"

namespace canopy::gpu {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(Presets, EmbeddedPresetsEqualTheConfigFiles) {
  ASSERT_EQ(preset_names().size(), 5u);
  for (const auto& name : preset_names()) {
    auto embedded = preset(name);
    ASSERT_TRUE(embedded.ok()) << name;
    auto file = load_config_file(std::string(CANOPY_SOURCE_DIR) + "/configs/" + name + ".json");
    ASSERT_TRUE(file.ok()) << file.error().message;
    EXPECT_TRUE(*embedded == *file) << name;
    EXPECT_EQ(embedded->name, name);
    EXPECT_TRUE(validate_config(*embedded).ok());
  }
}

TEST(Presets, WarpWidthsAndKnownNumbers) {
  EXPECT_EQ(preset("default")->warp_size, 32u);
  EXPECT_EQ(preset("bi-v100")->warp_size, 64u);
  EXPECT_EQ(preset("v100")->sm_count, 80u);
  EXPECT_EQ(preset("a100")->sm_count, 108u);
  EXPECT_EQ(preset("h100")->sm_count, 132u);
  EXPECT_EQ(preset("h100")->compute_capability_major, 9u);
  auto bad = preset("gtx480");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("bi-v100"), std::string::npos);
}

TEST(ConfigFiles, RoundTripAndErrors) {
  GpuConfig c = *preset("a100");
  c.name = "custom";
  c.sm_count = 3;
  auto back = load_config_file(write_temp("custom.json", config_to_json(c)));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_TRUE(*back == c);

  auto minimal = parse_config_json(R"({"name":"m","sm_count":2,"warp_size":64,"memory_bytes":1024,"clock_mhz":100})", "x");
  ASSERT_TRUE(minimal.ok()) << minimal.error().message;
  EXPECT_EQ(minimal->max_threads_per_block, 1024u);

  for (const char* bad : {"{", "[]", R"({"name":"m","sm_count":2,"warp_size":64,"memory_bytes":1024})",
                          R"({"name":"m","sm_count":2,"warp_size":48,"memory_bytes":1024,"clock_mhz":1})",
                          R"({"name":"m","sm_count":-2,"warp_size":32,"memory_bytes":1024,"clock_mhz":1})",
                          R"({"name":"m","sm_count":2,"warp_size":32,"memory_bytes":1024,"clock_mhz":1,"bogus":1})",
                          R"({"name":"m","sm_count":2,"warp_size":32,"memory_bytes":1024,"clock_mhz":1,"max_block_dim":[1,2]})"}) {
    auto r = parse_config_json(bad, "bad.json");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().message.rfind("bad.json: ", 0), 0u) << r.error().message;
  }
  EXPECT_FALSE(load_config_file("/nonexistent/gpu.json").ok());
}

TEST(ConfigFiles, DeviceRejectsInvalidConfig) {
  GpuConfig c = *preset("default");
  c.warp_size = 16;
  EXPECT_FALSE(Device::create(c).ok());
}

}  // namespace
}  // namespace canopy::gpu
