// Test helpers for the device services: kernels from services/cu (compiled to PTX at build time),
// finalized once per test binary and run through the embedding API.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/finalize.h"
#include "gpu/config/gpu_config.h"
#include "gpu/device.h"

namespace canopy::services_test {

// One kernel argument as raw bytes (packed by the kernel's ParamInfo).
struct Arg {
  template <typename T>
  Arg(const T& value) : bytes(sizeof(T)) {  // NOLINT(google-explicit-constructor)
    std::memcpy(bytes.data(), &value, sizeof(T));
  }
  std::vector<uint8_t> bytes;
};

inline const isa::Module& services_module(const std::string& stem) {
  static std::map<std::string, isa::Module> cache;  // test-only memo
  auto it = cache.find(stem);
  if (it != cache.end()) return it->second;
  const std::string path = std::string(CANOPY_SERVICES_PTX_DIR) + "/" + stem + ".ptx";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto module = compiler::compile_ptx(text.str(), path);
  if (!module.ok()) {
    ADD_FAILURE() << module.error().message;
    return cache[stem];
  }
  return cache.emplace(stem, std::move(module).value()).first->second;
}

// A device with one services module loaded.
class ServiceDevice {
 public:
  ServiceDevice(const std::string& preset, unsigned host_threads, const std::string& stem,
                uint64_t printf_buffer_bytes = 1 << 20) {
    auto config = gpu::preset(preset);
    EXPECT_TRUE(config.ok());
    gpu::DeviceOptions options;
    options.host_threads = host_threads;
    options.printf_buffer_bytes = printf_buffer_bytes;
    auto device = gpu::Device::create(*config, options);
    EXPECT_TRUE(device.ok());
    device_ = std::move(device).value();
    auto id = device_->load_module(services_module(stem));
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    module_ = id.ok() ? *id : gpu::ModuleId{};
  }

  gpu::Device& device() { return *device_; }

  Expected<gpu::KernelStats> launch(const std::string& kernel, gpu::Dim3 grid, gpu::Dim3 block,
                                    const std::vector<Arg>& args = {}) {
    auto id = device_->find_kernel(module_, kernel);
    if (!id.ok()) return id.error();
    const isa::Function& info = device_->kernel_info(*id);
    if (info.params.size() != args.size()) return make_error("argument count mismatch for " + kernel);
    std::vector<uint8_t> params(info.param_bytes, 0);
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i].bytes.size() != info.params[i].size)
        return make_error("argument " + std::to_string(i) + " size mismatch for " + kernel);
      std::memcpy(params.data() + info.params[i].offset, args[i].bytes.data(), args[i].bytes.size());
    }
    gpu::Device::LaunchConfig config;
    config.grid = grid;
    config.block = block;
    return device_->launch(*id, config, params);
  }

  uint64_t upload(const void* data, uint64_t bytes) {
    auto ptr = device_->malloc(bytes);
    EXPECT_TRUE(ptr.ok());
    EXPECT_TRUE(device_->copy_to_device(*ptr, data, bytes).ok());
    return *ptr;
  }
  uint64_t upload_string(const std::string& s) { return upload(s.c_str(), s.size() + 1); }

  std::vector<int32_t> download_ints(uint64_t ptr, size_t count) {
    std::vector<int32_t> host(count);
    EXPECT_TRUE(device_->copy_to_host(host.data(), ptr, count * sizeof(int32_t)).ok());
    return host;
  }

 private:
  std::unique_ptr<gpu::Device> device_;
  gpu::ModuleId module_;
};

struct ServiceSetup {
  const char* preset;
  unsigned host_threads;
};

// The 32-lane default preset and the 64-lane bi-v100 preset, with one and two host threads.
inline const ServiceSetup kSetups[] = {{"default", 1}, {"default", 2}, {"bi-v100", 1}, {"bi-v100", 2}};

}  // namespace canopy::services_test
