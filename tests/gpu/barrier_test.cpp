// CTA barriers: bar.sync ordering across warps, bar.red, bar.arrive, exited threads, deadlock detection.
#include "tests/gpu/module_builder.h"

namespace canopy::gpu::testing {
namespace {

using isa::BarOp;
using isa::CmpOp;

class Barriers : public ::testing::TestWithParam<const char*> {
 protected:
  TestDevice dev{GetParam(), 1};
};

// shared[tid] = tid * 3; bar.sync 0; out[tid] = shared[n - 1 - tid]. Warps run until they block, so
// without the barrier warp 0 would read slots later warps have not written yet.
TEST_P(Barriers, SyncOrdersSharedMemoryAcrossWarps) {
  const uint32_t n = 256;
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.mul(R(3), R(0), I(3), DataType::U32);
  b.mul(R(4), R(0), I(4), DataType::U64);
  b.st(Space::Shared, DataType::U32, R(4), 0, {R(3)});
  b.bar(BarOp::Sync, I(0));
  b.sub(R(5), I(n - 1), R(0), DataType::U32);
  b.mul(R(5), R(5), I(4), DataType::U64);
  b.ld(Space::Shared, DataType::U32, {R(6)}, R(5), 0);
  element_address(b, 7, 10, 0, 4);
  b.st(Space::Global, DataType::U32, R(7), 0, {R(6)});
  b.op(Opcode::Exit);
  isa::Module m = module_of({b.fn});
  m.shared_static_bytes = m.functions[0].shared_bytes = n * 4;
  uint64_t out = dev.alloc(n * 4);
  auto stats = dev.run(m, "k", {1}, {n}, pack_params({out}, b.fn));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto v = dev.read<uint32_t>(out, n);
  for (uint32_t t = 0; t < n; ++t) EXPECT_EQ(v[t], (n - 1 - t) * 3) << t;
  EXPECT_EQ(stats->barrier_instructions, n / dev->config().warp_size);
}

// bar.red.popc counts threads with tid % 3 == 0; bar.red.and / .or over tid < n and tid == 5.
TEST_P(Barriers, ReductionsCountAndCombinePredicates) {
  const uint32_t n = 200;
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.emit(Opcode::Rem, DataType::U32, {R(3)}, {R(0), I(3)});
  b.setp(CmpOp::Eq, P(0), R(3), I(0));
  b.bar(BarOp::RedPopc, I(0), {Operand{}, P(0)}, {R(4)});
  b.setp(CmpOp::Lt, P(1), R(0), I(n));
  b.bar(BarOp::RedAnd, I(1), {Operand{}, P(1)}, {P(2)});
  b.setp(CmpOp::Eq, P(1), R(0), I(5));
  b.bar(BarOp::RedOr, I(2), {Operand{}, P(1)}, {P(3)});
  b.emit(Opcode::Selp, DataType::U32, {R(5)}, {I(10), I(0), P(2)});
  b.add(R(4), R(4), R(5), DataType::U32);
  b.emit(Opcode::Selp, DataType::U32, {R(5)}, {I(100), I(0), P(3)});
  b.add(R(4), R(4), R(5), DataType::U32);
  element_address(b, 7, 10, 0, 4);
  b.st(Space::Global, DataType::U32, R(7), 0, {R(4)});
  b.op(Opcode::Exit);
  uint64_t out = dev.alloc(n * 4);
  auto stats = dev.run(module_of({b.fn}), "k", {1}, {n}, pack_params({out}, b.fn));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  uint32_t popc = (n + 2) / 3;
  for (uint32_t v : dev.read<uint32_t>(out, n)) EXPECT_EQ(v, popc + 10 + 100);
}

// Warp 1 exits at once; warp 0's bar.sync still completes because exited threads count as arrived.
TEST_P(Barriers, ExitedThreadsCountAsArrived) {
  const uint32_t w = dev->config().warp_size;
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  b.s2r(R(0), isa::SpecialReg::WarpId);
  b.setp(CmpOp::Ne, P(0), R(0), I(0));
  b.op(Opcode::Exit);
  b.guard_last(0);
  b.bar(BarOp::Sync, I(0));
  b.st(Space::Global, DataType::U32, R(10), 0, {I(42)});
  b.op(Opcode::Exit);
  uint64_t out = dev.alloc(4);
  auto stats = dev.run(module_of({b.fn}), "k", {1}, {2 * w}, pack_params({out}, b.fn));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(dev.read<uint32_t>(out, 1)[0], 42u);
}

// Warp 0 waits at barrier 1, warp 1 at barrier 2: neither can complete.
TEST_P(Barriers, WaitingAtDifferentBarriersIsADeadlockFault) {
  const uint32_t w = dev->config().warp_size;
  FnBuilder b("k");
  b.s2r(R(0), isa::SpecialReg::WarpId);
  b.add(R(0), R(0), I(1), DataType::U32);
  b.bar(BarOp::Sync, R(0));
  b.op(Opcode::Exit);
  auto stats = dev.run(module_of({b.fn}), "k", {2}, {2 * w}, {});
  ASSERT_FALSE(stats.ok());
  auto f = dev->last_fault();
  EXPECT_EQ(f->kind, "barrier deadlock");
  EXPECT_EQ(f->pc, 2u);
  EXPECT_EQ(f->block, (Dim3{0, 0, 0}));
  EXPECT_EQ(f->thread, (Dim3{0, 0, 0}));
}

// Producer/consumer with a thread count: warp 1 signals with bar.arrive, warp 0 waits with bar.sync.
TEST_P(Barriers, ArriveWithThreadCountReleasesTheWaitingWarp) {
  const uint32_t w = dev->config().warp_size;
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  b.s2r(R(0), isa::SpecialReg::WarpId);
  b.setp(CmpOp::Eq, P(0), R(0), I(0));
  uint32_t br = b.pc();
  b.bra(0, 0);                                          // warp 0 -> consumer
  b.st(Space::Shared, DataType::U32, Operand{}, 0, {I(1234)});  // producer (warp 1)
  b.bar(BarOp::Arrive, I(3), {I(2 * w)});
  b.op(Opcode::Exit);
  uint32_t consumer = b.pc();
  b.bar(BarOp::Sync, I(3), {I(2 * w)});
  b.ld(Space::Shared, DataType::U32, {R(1)}, Operand{}, 0);
  b.st(Space::Global, DataType::U32, R(10), 0, {R(1)});
  b.op(Opcode::Exit);
  b.at(br).target = consumer;
  isa::Module m = module_of({b.fn});
  m.shared_static_bytes = m.functions[0].shared_bytes = 4;
  uint64_t out = dev.alloc(4);
  auto stats = dev.run(m, "k", {1}, {2 * w}, pack_params({out}, b.fn));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(dev.read<uint32_t>(out, 1)[0], 1234u);
}

INSTANTIATE_TEST_SUITE_P(Widths, Barriers, ::testing::Values("default", "bi-v100"),
                         [](const auto& info) { return std::string(info.param) == "default" ? "W32" : "W64"; });

}  // namespace
}  // namespace canopy::gpu::testing
