// Test harness for kernels: CUDA sources compiled by clang to PTX (at build time), finalized by Canopy,
// run on the simulated GPU through the embedding API, and checked against CPU references.
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
#include "gpu/device.h"

namespace canopy::testing {

// One kernel argument, as raw bytes (the parameter buffer is packed by the kernel's ParamInfo).
struct Arg {
  template <typename T>
  Arg(const T& value) : bytes(sizeof(T)) {  // NOLINT(google-explicit-constructor)
    std::memcpy(bytes.data(), &value, sizeof(T));
  }
  std::vector<uint8_t> bytes;
};

inline std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The finalized module for tests/kernels/cu/<stem>.cu (compiled once per test binary).
inline const isa::Module& kernel_module(const std::string& stem) {
  static std::map<std::string, isa::Module> cache;  // test-only memo
  auto it = cache.find(stem);
  if (it != cache.end()) return it->second;
  std::string path = std::string(CANOPY_KERNEL_PTX_DIR) + "/" + stem + ".ptx";
  auto module = compiler::compile_ptx(read_text(path), path);
  if (!module.ok()) {
    ADD_FAILURE() << module.error().message;
    return cache[stem];
  }
  return cache.emplace(stem, std::move(module).value()).first->second;
}

struct DeviceSetup {
  std::string preset;
  unsigned host_threads;
};

inline std::string setup_name(const ::testing::TestParamInfo<DeviceSetup>& info) {
  std::string name = info.param.preset + "_t" + std::to_string(info.param.host_threads);
  for (char& c : name)
    if (c == '-') c = '_';
  return name;
}

class KernelTest : public ::testing::TestWithParam<DeviceSetup> {
 protected:
  void SetUp() override {
    auto config = gpu::preset(GetParam().preset);
    ASSERT_TRUE(config.ok()) << config.error().message;
    gpu::DeviceOptions options;
    options.host_threads = GetParam().host_threads;
    auto device = gpu::Device::create(*config, options);
    ASSERT_TRUE(device.ok()) << device.error().message;
    device_ = std::move(device).value();
  }

  gpu::ModuleId load(const std::string& stem) {
    auto id = device_->load_module(kernel_module(stem));
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : gpu::ModuleId{};
  }

  template <typename T>
  uint64_t upload(const std::vector<T>& host) {
    auto ptr = device_->malloc(std::max<uint64_t>(1, host.size() * sizeof(T)));
    EXPECT_TRUE(ptr.ok());
    if (!host.empty()) {
      EXPECT_TRUE(device_->copy_to_device(*ptr, host.data(), host.size() * sizeof(T)).ok());
    }
    return *ptr;
  }

  template <typename T>
  std::vector<T> download(uint64_t ptr, size_t count) {
    std::vector<T> host(count);
    auto status = device_->copy_to_host(host.data(), ptr, count * sizeof(T));
    EXPECT_TRUE(status.ok()) << (status.ok() ? "" : status.error().message);
    return host;
  }

  Expected<gpu::KernelStats> launch(const std::string& stem, const std::string& kernel, gpu::Dim3 grid,
                                    gpu::Dim3 block, uint32_t dynamic_shared, const std::vector<Arg>& args) {
    auto module = modules_.find(stem);
    if (module == modules_.end()) module = modules_.emplace(stem, load(stem)).first;
    auto id = device_->find_kernel(module->second, kernel);
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
    config.dynamic_shared = dynamic_shared;
    return device_->launch(*id, config, params);
  }

  std::unique_ptr<gpu::Device> device_;
  std::map<std::string, gpu::ModuleId> modules_;
};

// Every kernel test runs on the 32-lane default preset and the 64-lane bi-v100 preset, with one and
// two host threads: results must be identical in all four.
#define CANOPY_KERNEL_SETUPS                                                                         \
  ::testing::Values(::canopy::testing::DeviceSetup{"default", 1}, ::canopy::testing::DeviceSetup{"default", 2}, \
                    ::canopy::testing::DeviceSetup{"bi-v100", 1}, ::canopy::testing::DeviceSetup{"bi-v100", 2})

}  // namespace canopy::testing
