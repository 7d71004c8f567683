// Registers hand-made fat binaries exactly as clang's generated constructors do, so the tests can drive
// the runtime's C API like a compiled CUDA program: compile PTX, wrap module + PTX in a fat binary, call
// __cudaRegisterFatBinary / __cudaRegisterFunction / __cudaRegisterVar with fake host stubs and shadows.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/finalize.h"
#include "isa/fatbin.h"
#include "isa/module_format.h"
#include "tests/runtime/test_kernels.h"
// After the standard headers: crt/host_defines.h defines __noinline__, which libstdc++ uses as an attribute.
#include "cuda_runtime_api.h"

namespace canopy::cudart::test {

// clang's wrapper around the embedded image.
struct FatbinWrapper {
  int magic;
  int version;
  const void* data;
  void* unused;
};

// One registered "translation unit". Stubs are addresses inside `stubs` (never called, only compared).
struct RegisteredUnit {
  std::vector<uint8_t> image;
  FatbinWrapper wrapper{};
  void** handle = nullptr;
  std::vector<std::string> kernel_names;
  char stubs[32] = {};
  std::string error;

  const void* stub(const std::string& name) const {
    for (size_t i = 0; i < kernel_names.size(); ++i)
      if (kernel_names[i] == name) return &stubs[i];
    return nullptr;
  }
};

inline std::unique_ptr<RegisteredUnit> register_ptx(const char* ptx, const std::string& source_name) {
  auto unit = std::make_unique<RegisteredUnit>();
  auto module = compiler::compile_ptx(ptx, source_name);
  if (!module.ok()) {
    unit->error = module.error().message;
    return unit;
  }
  std::vector<isa::FatbinEntry> entries;
  entries.push_back({isa::FatbinKind::NativeModule, isa::write_module(*module)});
  entries.push_back(
      {isa::FatbinKind::PtxText, std::vector<uint8_t>(ptx, ptx + std::char_traits<char>::length(ptx))});
  entries.push_back(
      {isa::FatbinKind::SourceName, std::vector<uint8_t>(source_name.begin(), source_name.end())});
  unit->image = isa::write_fatbin(entries);
  unit->wrapper = {0x466243b1, 1, unit->image.data(), nullptr};
  unit->handle = __cudaRegisterFatBinary(&unit->wrapper);
  for (const isa::Function& f : module->functions)
    if (f.is_kernel && unit->kernel_names.size() < sizeof unit->stubs) {
      unit->kernel_names.push_back(f.name);
      const char* stub = &unit->stubs[unit->kernel_names.size() - 1];
      __cudaRegisterFunction(unit->handle, stub, const_cast<char*>(f.name.c_str()), f.name.c_str(), -1,
                             nullptr, nullptr, nullptr, nullptr, nullptr);
    }
  return unit;
}

// Host shadows of core.cu's variables (what cudaMemcpyToSymbol receives).
struct CoreShadows {
  int dev_table[4];
  int const_table[4];
};
inline CoreShadows core_shadows;

// core.cu, registered once per process like a program's constructor would.
inline const RegisteredUnit& core() {
  static std::unique_ptr<RegisteredUnit> unit = [] {
    auto u = register_ptx(kCorePtx, "core.cu");
    if (u->handle) {
      __cudaRegisterVar(u->handle, reinterpret_cast<char*>(core_shadows.dev_table),
                        const_cast<char*>("dev_table"), "dev_table", 0, sizeof core_shadows.dev_table, 0, 0);
      __cudaRegisterVar(u->handle, reinterpret_cast<char*>(core_shadows.const_table),
                        const_cast<char*>("const_table"), "const_table", 0, sizeof core_shadows.const_table,
                        1, 0);
      __cudaRegisterFatBinaryEnd(u->handle);
    }
    return u;
  }();
  return *unit;
}

inline const RegisteredUnit& services() {
  static std::unique_ptr<RegisteredUnit> unit = [] {
    auto u = register_ptx(kServicesPtx, "services.cu");
    if (u->handle) __cudaRegisterFatBinaryEnd(u->handle);
    return u;
  }();
  return *unit;
}

inline const void* kernel(const char* name) {
  const void* stub = core().stub(name);
  EXPECT_NE(stub, nullptr) << name << ": " << core().error;
  return stub;
}

// Every test starts from a fresh device (no sticky error, no allocations).
class RuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(core().handle) << core().error;
    ASSERT_EQ(cudaDeviceReset(), cudaSuccess);
  }
  void TearDown() override { (void)cudaDeviceReset(); }
};

}  // namespace canopy::cudart::test
