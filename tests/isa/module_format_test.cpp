#include "isa/module_format.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "isa_test_util.h"

// Allocation accounting for the robustness test: a corrupt count must never turn into a huge
// allocation. Replacing the global operator new is test-only; the library has no such hooks.
namespace {
std::atomic<bool> g_tracking{false};
std::atomic<size_t> g_largest{0};
std::atomic<size_t> g_total{0};

void* tracked_alloc(size_t n) {
  if (g_tracking.load(std::memory_order_relaxed)) {
    g_total.fetch_add(n, std::memory_order_relaxed);
    size_t prev = g_largest.load(std::memory_order_relaxed);
    while (n > prev && !g_largest.compare_exchange_weak(prev, n)) {
    }
  }
  void* p = std::malloc(n ? n : 1);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
}  // namespace

void* operator new(size_t n) { return tracked_alloc(n); }
void* operator new[](size_t n) { return tracked_alloc(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }

namespace canopy::isa {
namespace {

using testing::Rng;
using testing::sample_module;

void expect_same_module(const Module& a, const Module& b) {
  EXPECT_EQ(a.source_name, b.source_name);
  EXPECT_EQ(a.ptx_target, b.ptx_target);
  EXPECT_EQ(a.ptx_version, b.ptx_version);
  EXPECT_EQ(a.const_bank_bytes, b.const_bank_bytes);
  EXPECT_EQ(a.shared_static_bytes, b.shared_static_bytes);
  EXPECT_EQ(a.source_files, b.source_files);
  ASSERT_EQ(a.variables.size(), b.variables.size());
  for (size_t i = 0; i < a.variables.size(); ++i) {
    const Variable &x = a.variables[i], &y = b.variables[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.space, y.space);
    EXPECT_EQ(x.size, y.size);
    EXPECT_EQ(x.align, y.align);
    EXPECT_EQ(x.offset, y.offset);
    EXPECT_EQ(x.init, y.init);
    EXPECT_EQ(x.is_extern, y.is_extern);
    EXPECT_EQ(x.is_visible, y.is_visible);
  }
  ASSERT_EQ(a.functions.size(), b.functions.size());
  for (size_t i = 0; i < a.functions.size(); ++i) {
    const Function &x = a.functions[i], &y = b.functions[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.is_kernel, y.is_kernel);
    EXPECT_EQ(x.code, y.code);
    EXPECT_EQ(x.num_regs, y.num_regs);
    EXPECT_EQ(x.num_preds, y.num_preds);
    EXPECT_EQ(x.local_bytes, y.local_bytes);
    EXPECT_EQ(x.param_bytes, y.param_bytes);
    EXPECT_EQ(x.return_bytes, y.return_bytes);
    ASSERT_EQ(x.params.size(), y.params.size());
    for (size_t p = 0; p < x.params.size(); ++p) {
      EXPECT_EQ(x.params[p].name, y.params[p].name);
      EXPECT_EQ(x.params[p].offset, y.params[p].offset);
      EXPECT_EQ(x.params[p].size, y.params[p].size);
      EXPECT_EQ(x.params[p].align, y.params[p].align);
    }
    ASSERT_EQ(x.returns.size(), y.returns.size());
    for (size_t p = 0; p < x.returns.size(); ++p) EXPECT_EQ(x.returns[p].name, y.returns[p].name);
    EXPECT_EQ(x.reqntid, y.reqntid);
    EXPECT_EQ(x.maxntid, y.maxntid);
    EXPECT_EQ(x.min_ctas_per_sm, y.min_ctas_per_sm);
    EXPECT_EQ(x.max_regs, y.max_regs);
    EXPECT_EQ(x.source_line, y.source_line);
    EXPECT_EQ(x.shared_bytes, y.shared_bytes);
    EXPECT_EQ(x.spill_stores, y.spill_stores);
    EXPECT_EQ(x.spill_loads, y.spill_loads);
  }
  ASSERT_EQ(a.code_relocations.size(), b.code_relocations.size());
  for (size_t i = 0; i < a.code_relocations.size(); ++i) {
    const CodeRelocation &x = a.code_relocations[i], &y = b.code_relocations[i];
    EXPECT_EQ(x.function, y.function);
    EXPECT_EQ(x.instr, y.instr);
    EXPECT_EQ(x.operand, y.operand);
    EXPECT_EQ(x.symbol, y.symbol);
    EXPECT_EQ(x.is_function, y.is_function);
    EXPECT_EQ(x.addend, y.addend);
  }
  ASSERT_EQ(a.data_relocations.size(), b.data_relocations.size());
  for (size_t i = 0; i < a.data_relocations.size(); ++i) {
    const DataRelocation &x = a.data_relocations[i], &y = b.data_relocations[i];
    EXPECT_EQ(x.variable, y.variable);
    EXPECT_EQ(x.offset, y.offset);
    EXPECT_EQ(x.size, y.size);
    EXPECT_EQ(x.symbol, y.symbol);
    EXPECT_EQ(x.is_function, y.is_function);
    EXPECT_EQ(x.addend, y.addend);
  }
}

std::string read_error(const std::vector<uint8_t>& bytes);

Module richer_module() {
  Module m = sample_module();
  m.functions[1].maxntid = {128, 2, 1};
  m.functions[1].min_ctas_per_sm = 2;
  m.functions[1].max_regs = 64;
  m.functions[0].code[2].guard_negated = true;
  m.functions[1].spill_stores = 3;
  m.functions[1].spill_loads = 0x01020304;
  m.code_relocations.push_back({0, 3, 0, 2, true, -16});
  return m;
}

TEST(ModuleFormat, RoundTripsEveryField) {
  const Module m = richer_module();
  ASSERT_TRUE(verify_module(m).ok()) << verify_module(m).error().message;
  const std::vector<uint8_t> bytes = write_module(m);
  auto back = read_module(bytes.data(), bytes.size());
  ASSERT_TRUE(back.ok()) << back.error().message;
  expect_same_module(m, *back);
  EXPECT_EQ(write_module(*back), bytes);
}

TEST(ModuleFormat, StartsWithMagicAndVersion) {
  const std::vector<uint8_t> bytes = write_module(sample_module());
  ASSERT_GE(bytes.size(), 16u);
  EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 4), "CNPY");
  EXPECT_EQ(bytes[4] | bytes[5] << 8 | bytes[6] << 16 | bytes[7] << 24, int(Module::kFormatVersion));
  EXPECT_EQ(bytes[8] | bytes[9] << 8, int(bytes.size()));
}

TEST(ModuleFormat, KernelSharedBytesAndSpillCountsRoundTrip) {
  Module m = sample_module();
  m.shared_static_bytes = 0x12345678;
  m.functions[0].shared_bytes = 0x12345670;
  m.functions[0].spill_stores = 7;
  m.functions[0].spill_loads = 9;
  const std::vector<uint8_t> bytes = write_module(m);
  auto back = read_module(bytes.data(), bytes.size());
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->functions[0].shared_bytes, 0x12345670u);
  EXPECT_EQ(back->functions[0].spill_stores, 7u);
  EXPECT_EQ(back->functions[0].spill_loads, 9u);
  EXPECT_EQ(back->functions[1].shared_bytes, 0u);
}

TEST(ModuleFormat, RejectsKernelSharedBytesBeyondTheStaticWindow) {
  Module m = sample_module();
  m.functions[0].shared_bytes = static_cast<uint32_t>(m.shared_static_bytes) + 1;
  EXPECT_NE(read_error(write_module(m)).find("static shared"), std::string::npos);
}

TEST(ModuleFormat, EmptyModuleRoundTrips) {
  const std::vector<uint8_t> bytes = write_module(Module{});
  auto back = read_module(bytes.data(), bytes.size());
  ASSERT_TRUE(back.ok()) << back.error().message;
  expect_same_module(Module{}, *back);
}

std::string read_error(const std::vector<uint8_t>& bytes) {
  auto m = read_module(bytes.data(), bytes.size());
  return m.ok() ? std::string("(accepted)") : m.error().message;
}

TEST(ModuleFormat, RejectsBadMagicVersionAndTruncation) {
  const std::vector<uint8_t> good = write_module(sample_module());
  std::vector<uint8_t> bad = good;
  bad[0] = 'X';
  EXPECT_NE(read_error(bad).find("magic"), std::string::npos);
  bad = good;
  bad[4] = static_cast<uint8_t>(Module::kFormatVersion + 1);
  EXPECT_NE(read_error(bad).find("version"), std::string::npos);
  bad.assign(good.begin(), good.end() - 1);
  EXPECT_NE(read_error(bad).find("truncated"), std::string::npos);
  bad.assign(good.begin(), good.begin() + 6);
  EXPECT_NE(read_error(bad).find("truncated"), std::string::npos);
  bad = good;
  bad.push_back(0);
  EXPECT_NE(read_error(bad), "(accepted)");
  EXPECT_EQ(read_error({}).find("truncated") != std::string::npos, true);
}

TEST(ModuleFormat, RejectsRelocationOutsideCode) {
  Module m = sample_module();
  m.code_relocations[0].instr = 100;
  EXPECT_NE(read_error(write_module(m)).find("outside the code"), std::string::npos);
  m = sample_module();
  m.code_relocations[0].operand = 1;  // mov has one source
  EXPECT_NE(read_error(write_module(m)).find("not an immediate"), std::string::npos);
  m = sample_module();
  m.code_relocations[0].function = 3;
  EXPECT_NE(read_error(write_module(m)), "(accepted)");
  m = sample_module();
  m.data_relocations[0].offset = 12;  // 8 bytes at 12 overrun the 16-byte table
  EXPECT_NE(read_error(write_module(m)).find("outside its variable"), std::string::npos);
  m = sample_module();
  m.data_relocations[1].symbol = 7;
  EXPECT_NE(read_error(write_module(m)).find("unknown symbol"), std::string::npos);
}

TEST(ModuleFormat, RejectsBadCrossReferences) {
  Module m = sample_module();
  m.functions[0].code[2].target = 6;  // past the end of the kernel
  EXPECT_NE(read_error(write_module(m)).find("branch target"), std::string::npos);
  m = sample_module();
  m.functions[0].code[4].target = 3;  // no function 3
  EXPECT_NE(read_error(write_module(m)).find("call target"), std::string::npos);
  m = sample_module();
  m.functions[1].num_regs = 1;  // the helper uses R1
  EXPECT_NE(read_error(write_module(m)).find("num_regs"), std::string::npos);
  m = sample_module();
  m.functions[0].num_preds = 0;
  EXPECT_NE(read_error(write_module(m)).find("num_preds"), std::string::npos);
  m = sample_module();
  m.variables[0].init.resize(17);
  EXPECT_NE(read_error(write_module(m)).find("initializer"), std::string::npos);
  m = sample_module();
  m.variables[1].offset = 40;  // 32 bytes at 40 overrun the 64-byte bank
  EXPECT_NE(read_error(write_module(m)).find("constant bank"), std::string::npos);
  m = sample_module();
  m.variables[2].align = 3;
  EXPECT_NE(read_error(write_module(m)).find("power of 2"), std::string::npos);
}

TEST(ModuleFormat, RejectsHugeCountsWithoutAllocating) {
  std::vector<uint8_t> bytes = write_module(Module{});
  // Empty module: header(16), two empty strings (8), ptx_version(4), two u64 (16), then the source-file
  // count.
  const size_t count_at = 16 + 8 + 4 + 16;
  for (size_t i = 0; i < 4; ++i) bytes[count_at + i] = 0xff;
  g_largest = 0;
  g_tracking = true;
  const std::string err = read_error(bytes);
  g_tracking = false;
  EXPECT_NE(err.find("cannot fit"), std::string::npos) << err;
  EXPECT_LT(g_largest.load(), size_t{1} << 16);
}

TEST(ModuleFormat, RandomCorruptionNeverCrashesOrAllocatesMuch) {
  const std::vector<uint8_t> good = write_module(richer_module());
  Rng rng(2024);
  int accepted = 0;
  for (int trial = 0; trial < 4000; ++trial) {
    std::vector<uint8_t> bytes = good;
    const unsigned kind = static_cast<unsigned>(rng.below(5));
    const size_t at = rng.below(bytes.size());
    if (kind == 0) {
      bytes.resize(rng.below(bytes.size()));
    } else if (kind == 1) {
      for (int flips = 1 + int(rng.below(4)); flips > 0; --flips)
        bytes[rng.below(bytes.size())] ^= uint8_t(1u << rng.below(8));
    } else if (kind == 2) {
      bytes[at] = static_cast<uint8_t>(rng.next());
    } else if (kind == 3) {
      const uint8_t big[] = {0xff, 0xff, 0xff, 0x7f};
      for (size_t i = 0; i < 4 && at + i < bytes.size(); ++i) bytes[at + i] = big[i];
    } else {
      bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(at));
    }
    // Keep the size field consistent most of the time, so the parser itself is exercised.
    if (bytes.size() >= 16 && rng.below(4) != 0)
      for (unsigned i = 0; i < 8; ++i) bytes[8 + i] = static_cast<uint8_t>(uint64_t{bytes.size()} >> (8 * i));
    g_largest = 0;
    g_total = 0;
    g_tracking = true;
    auto m = read_module(bytes.data(), bytes.size());
    g_tracking = false;
    EXPECT_LT(g_largest.load(), size_t{1} << 20) << "trial " << trial;
    EXPECT_LT(g_total.load(), size_t{4} << 20) << "trial " << trial;
    if (m.ok()) {
      ++accepted;
      EXPECT_TRUE(verify_module(*m).ok());
      const std::vector<uint8_t> again = write_module(*m);
      EXPECT_TRUE(read_module(again.data(), again.size()).ok());
    } else {
      EXPECT_FALSE(m.error().message.empty());
    }
  }
  EXPECT_LT(accepted, 4000);
}

TEST(ModuleFormat, FileRoundTripAndMissingFile) {
  const std::string path = ::testing::TempDir() + "canopy_isa_module_test.cnb";
  const Module m = sample_module();
  ASSERT_TRUE(write_module_file(m, path).ok());
  auto back = read_module_file(path);
  ASSERT_TRUE(back.ok()) << back.error().message;
  expect_same_module(m, *back);
  std::remove(path.c_str());
  auto missing = read_module_file(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find(path), std::string::npos);
}

}  // namespace
}  // namespace canopy::isa
