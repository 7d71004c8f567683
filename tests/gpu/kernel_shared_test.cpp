// Per-kernel static shared memory: a CTA gets its own kernel's Function::shared_bytes (not the module's
// whole static extent), the dynamic array starts right after it at a 16-byte boundary, and launch and
// load checks count only that kernel's bytes.
#include "tests/gpu/module_builder.h"

namespace canopy::gpu::testing {
namespace {

constexpr uint32_t kBigStatic = 4096;
constexpr uint32_t kSmallStatic = 20;  // rounds up to 32: the dynamic array starts there

isa::Function big_kernel() {
  FnBuilder b("big");
  b.st(Space::Shared, DataType::U32, Operand{}, kBigStatic - 4, {I(1)});
  b.op(Opcode::Exit);
  b.fn.shared_bytes = kBigStatic;
  return b.fn;
}

// out[tid] = {%total_smem_size, %dynamic_smem_size}; then shared[32 + 4 * tid + extra] = tid, a slot of
// the dynamic array (past its end when `extra` pushes it there).
isa::Function small_kernel(int64_t extra = 0) {
  FnBuilder b("small");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  b.s2r(R(0), isa::SpecialReg::Tid, 0);
  b.s2r(R(1), isa::SpecialReg::TotalSmemSize);
  b.s2r(R(2), isa::SpecialReg::DynamicSmemSize);
  element_address(b, 3, 10, 0, 8);
  b.st(Space::Global, DataType::U32, R(3), 0, {R(1)});
  b.st(Space::Global, DataType::U32, R(3), 4, {R(2)});
  b.mul(R(4), R(0), I(4), DataType::U64);
  b.st(Space::Shared, DataType::U32, R(4), 32 + extra, {R(0)});
  b.op(Opcode::Exit);
  b.fn.shared_bytes = kSmallStatic;
  return b.fn;
}

isa::Module two_kernels(int64_t extra = 0) {
  isa::Module m = module_of({big_kernel(), small_kernel(extra)});
  m.shared_static_bytes = kBigStatic;  // the module's extent; each kernel gets only its own part
  return m;
}

TEST(KernelShared, DynamicSharedStartsAfterTheKernelsOwnStaticShared) {
  TestDevice dev;
  const isa::Module m = two_kernels();
  const uint32_t threads = 64, dynamic = threads * 4;
  uint64_t out = dev.alloc(threads * 8);
  auto s = dev.run(m, "small", {1}, {threads}, pack_params({out}, m.functions[1]), dynamic);
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto v = dev.read<uint32_t>(out, threads * 2);
  for (uint32_t t = 0; t < threads; ++t) {
    EXPECT_EQ(v[2 * t], 32u + dynamic) << "total = own static (20 -> 32) + dynamic, thread " << t;
    EXPECT_EQ(v[2 * t + 1], dynamic) << t;
  }
}

TEST(KernelShared, AccessPastTheKernelsOwnDynamicArrayFaults) {
  TestDevice dev;
  const uint32_t threads = 32, dynamic = threads * 4;
  // The last thread writes the 4 bytes just past 32 + dynamic: inside the module's 4 KiB extent but
  // outside this kernel's shared memory.
  const isa::Module m = two_kernels(4);
  uint64_t out = dev.alloc(threads * 8);
  auto s = dev.run(m, "small", {1}, {threads}, pack_params({out}, m.functions[1]), dynamic);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(dev->last_fault()->kind, "illegal address") << s.error().message;
  EXPECT_TRUE(
      dev.run(two_kernels(), "small", {1}, {threads}, pack_params({out}, m.functions[1]), dynamic).ok());
}

TEST(KernelShared, LaunchLimitCountsOnlyTheKernelsOwnStaticShared) {
  TestDevice dev;
  const isa::Module m = two_kernels();
  const uint32_t limit = dev->config().shared_per_block_optin;
  ASSERT_GT(limit, kBigStatic + 32);
  uint64_t out = dev.alloc(8);
  const auto params = pack_params({out}, m.functions[1]);
  EXPECT_TRUE(dev.run(m, "small", {1}, {1}, params, limit - 32).ok());
  EXPECT_FALSE(dev.run(m, "small", {1}, {1}, params, limit - 31).ok());
  EXPECT_TRUE(dev.run(m, "big", {1}, {1}, {}, limit - kBigStatic).ok());
  auto s = dev.run(m, "big", {1}, {1}, {}, limit - kBigStatic + 1);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("shared memory"), std::string::npos) << s.error().message;
}

TEST(KernelShared, LoadRejectsAKernelWhoseStaticSharedExceedsTheLimit) {
  TestDevice dev;
  isa::Module m = two_kernels();
  m.functions[0].shared_bytes = dev->config().shared_per_block_optin + 1;
  m.shared_static_bytes = m.functions[0].shared_bytes;
  auto id = dev->load_module(m);
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().message.find("'big'"), std::string::npos) << id.error().message;
}

}  // namespace
}  // namespace canopy::gpu::testing
