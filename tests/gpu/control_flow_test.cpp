// SIMT control flow: divergence and reconvergence, loops, calls, recursion, exits.
#include "tests/gpu/module_builder.h"

namespace canopy::gpu::testing {
namespace {

using isa::CmpOp;

class ControlFlow : public ::testing::TestWithParam<const char*> {
 protected:
  TestDevice dev{GetParam(), 1};
};

// out[gid] = (tid odd ? 1 : 2) * 10 + tid, after an if/else that reconverges before the multiply.
TEST_P(ControlFlow, IfElseReconvergesBeforeTheJoin) {
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.and_(R(3), R(0), I(1));
  b.setp(CmpOp::Eq, P(0), R(3), I(1));
  uint32_t br = b.pc();
  b.bra(0, 0);                    // @P0 bra then
  b.mov(R(4), I(2));              // else
  uint32_t skip = b.pc();
  b.bra(0);                       // bra join
  uint32_t then_pc = b.pc();
  b.mov(R(4), I(1));              // then
  uint32_t join = b.pc();
  b.mul(R(4), R(4), I(10));
  b.add(R(4), R(4), R(0));
  element_address(b, 5, 10, 1, 4);
  b.st(Space::Global, DataType::U32, R(5), 0, {R(4)});
  b.op(Opcode::Exit);
  b.at(br).target = then_pc;
  b.at(br).reconverge = join;
  b.at(skip).target = join;

  const uint32_t n = 200;
  uint64_t out = dev.alloc(n * 4);
  auto stats = dev.run(module_of({b.fn}), "k", {2}, {100}, pack_params({out}, b.fn));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto v = dev.read<uint32_t>(out, n);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t tid = i % 100;
    EXPECT_EQ(v[i], ((tid & 1) ? 10u : 20u) + tid) << i;
  }
}

// Nested if inside a loop whose trip count is tid % 7: sum over i < trip of (i even ? i : 2*i).
TEST_P(ControlFlow, NestedDivergenceInLoopWithDivergentTripCounts) {
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.emit(Opcode::Rem, DataType::U32, {R(3)}, {R(0), I(7)});  // trip
  b.mov(R(4), I(0));                                           // i
  b.mov(R(5), I(0));                                           // sum
  uint32_t head = b.pc();
  b.setp(CmpOp::Ge, P(0), R(4), R(3));
  uint32_t exit_br = b.pc();
  b.bra(0, 0);                                                 // @P0 bra done
  b.and_(R(6), R(4), I(1));
  b.setp(CmpOp::Eq, P(1), R(6), I(0));
  uint32_t inner = b.pc();
  b.bra(0, 1);                                                 // @P1 bra even
  b.add(R(5), R(5), R(4), DataType::U32);                      // odd: sum += 2i
  b.add(R(5), R(5), R(4), DataType::U32);
  uint32_t to_latch = b.pc();
  b.bra(0);
  uint32_t even = b.pc();
  b.add(R(5), R(5), R(4), DataType::U32);
  uint32_t latch = b.pc();
  b.add(R(4), R(4), I(1), DataType::U32);
  b.bra(head);
  uint32_t done = b.pc();
  element_address(b, 7, 10, 1, 4);
  b.st(Space::Global, DataType::U32, R(7), 0, {R(5)});
  b.op(Opcode::Exit);
  b.at(exit_br).target = done;
  b.at(exit_br).reconverge = done;
  b.at(inner).target = even;
  b.at(inner).reconverge = latch;
  b.at(to_latch).target = latch;

  const uint32_t n = 96;
  uint64_t out = dev.alloc(n * 4);
  auto stats = dev.run(module_of({b.fn}), "k", {1}, {n}, pack_params({out}, b.fn));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto v = dev.read<uint32_t>(out, n);
  for (uint32_t t = 0; t < n; ++t) {
    uint32_t sum = 0;
    for (uint32_t i = 0; i < t % 7; ++i) sum += (i % 2 == 0) ? i : 2 * i;
    EXPECT_EQ(v[t], sum) << t;
  }
}

// Lanes with tid % 3 == 0 exit early; the rest still store (and the exited ones store nothing).
TEST_P(ControlFlow, GuardedExitRemovesLanes) {
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.emit(Opcode::Rem, DataType::U32, {R(3)}, {R(0), I(3)});
  b.setp(CmpOp::Eq, P(0), R(3), I(0));
  b.op(Opcode::Exit);
  b.guard_last(0);
  element_address(b, 5, 10, 1, 4);
  b.st(Space::Global, DataType::U32, R(5), 0, {I(7)});
  b.op(Opcode::Exit);
  const uint32_t n = 70;
  uint64_t out = dev.alloc(n * 4);
  auto stats = dev.run(module_of({b.fn}), "k", {1}, {n}, pack_params({out}, b.fn));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto v = dev.read<uint32_t>(out, n);
  for (uint32_t t = 0; t < n; ++t) EXPECT_EQ(v[t], t % 3 == 0 ? 0u : 7u) << t;
}

// A device function `twice_plus(x) = 2x + 1` called with its argument in the callee's frame.
isa::Function twice_plus_one() {
  FnBuilder f("twice_plus_one", false);
  f.fn.param_bytes = 4;
  f.fn.return_bytes = 4;
  f.fn.params = {{"x", 0, 4, 4}};
  f.fn.returns = {{"r", 4, 4, 4}};
  f.fn.local_bytes = 8;
  f.ld(Space::Local, DataType::U32, {R(0)}, Operand{}, 0).mods.frame_relative = true;
  f.add(R(0), R(0), R(0), DataType::U32);
  f.add(R(0), R(0), I(1), DataType::U32);
  f.st(Space::Local, DataType::U32, Operand{}, 4, {R(0)}).mods.frame_relative = true;
  f.op(Opcode::Ret);
  return f.fn;
}

TEST_P(ControlFlow, CallPassesArgumentsThroughTheCalleeFrame) {
  isa::Function callee = twice_plus_one();
  FnBuilder b("k");
  b.fn.local_bytes = 16;  // the caller's own frame; the callee's frame starts right after it
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.mov(R(9), I(0xdead), DataType::U32);  // registers do not cross calls: R9 must survive untouched
  b.st(Space::Local, DataType::U32, Operand{}, 16 + 0, {R(1)}).mods.frame_relative = true;
  b.call(1);
  b.ld(Space::Local, DataType::U32, {R(4)}, Operand{}, 16 + 4).mods.frame_relative = true;
  b.add(R(4), R(4), R(9), DataType::U32);
  element_address(b, 5, 10, 1, 4);
  b.st(Space::Global, DataType::U32, R(5), 0, {R(4)});
  b.op(Opcode::Exit);
  const uint32_t n = 100;
  uint64_t out = dev.alloc(n * 4);
  auto stats = dev.run(module_of({b.fn, callee}), "k", {1}, {n}, pack_params({out}, b.fn));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto v = dev.read<uint32_t>(out, n);
  for (uint32_t t = 0; t < n; ++t) EXPECT_EQ(v[t], 2 * t + 1 + 0xdead) << t;
}

// sum(n) = n == 0 ? 0 : n + sum(n - 1), recursive with a divergent depth per lane (tid % 9).
isa::Function recursive_sum() {
  FnBuilder f("sum", false);
  f.fn.param_bytes = 4;
  f.fn.return_bytes = 4;
  f.fn.params = {{"n", 0, 4, 4}};
  f.fn.returns = {{"r", 4, 4, 4}};
  f.fn.local_bytes = 8;
  f.ld(Space::Local, DataType::U32, {R(0)}, Operand{}, 0).mods.frame_relative = true;
  f.mov(R(1), I(0), DataType::U32);
  f.setp(CmpOp::Eq, P(0), R(0), I(0));
  uint32_t br = f.pc();
  f.bra(0, 0);  // @P0 bra out
  f.sub(R(2), R(0), I(1), DataType::U32);
  f.st(Space::Local, DataType::U32, Operand{}, 8 + 0, {R(2)}).mods.frame_relative = true;
  f.call(1);
  f.ld(Space::Local, DataType::U32, {R(1)}, Operand{}, 8 + 4).mods.frame_relative = true;
  f.add(R(1), R(1), R(0), DataType::U32);
  uint32_t out = f.pc();
  f.st(Space::Local, DataType::U32, Operand{}, 4, {R(1)}).mods.frame_relative = true;
  f.op(Opcode::Ret);
  f.at(br).target = out;
  f.at(br).reconverge = out;
  return f.fn;
}

isa::Function sum_kernel(uint32_t modulus) {
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.emit(Opcode::Rem, DataType::U32, {R(3)}, {R(0), I(modulus)});
  b.st(Space::Local, DataType::U32, Operand{}, 0, {R(3)}).mods.frame_relative = true;
  b.call(1);
  b.ld(Space::Local, DataType::U32, {R(4)}, Operand{}, 4).mods.frame_relative = true;
  element_address(b, 5, 10, 1, 4);
  b.st(Space::Global, DataType::U32, R(5), 0, {R(4)});
  b.op(Opcode::Exit);
  return b.fn;
}

TEST_P(ControlFlow, RecursionWithDivergentDepth) {
  const uint32_t n = 80;
  uint64_t out = dev.alloc(n * 4);
  isa::Function k = sum_kernel(9);
  auto stats = dev.run(module_of({k, recursive_sum()}), "k", {1}, {n}, pack_params({out}, k));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto v = dev.read<uint32_t>(out, n);
  for (uint32_t t = 0; t < n; ++t) EXPECT_EQ(v[t], (t % 9) * (t % 9 + 1) / 2) << t;
}

TEST_P(ControlFlow, DeepRecursionOverflowsTheStack) {
  // 1 KiB of stack, 8-byte frames plus 16 bytes charged per call: depth tid fits for small tids only.
  isa::Function k = sum_kernel(1000000);
  auto id = dev->load_module(module_of({k, recursive_sum()}));
  ASSERT_TRUE(id.ok());
  auto kid = dev->find_kernel(*id, "k");
  ASSERT_TRUE(kid.ok());
  auto shallow = dev->launch(*kid, {{1}, {4}, 0}, pack_params({dev.alloc(16)}, k));
  ASSERT_TRUE(shallow.ok()) << shallow.error().message;
  auto deep = dev->launch(*kid, {{1}, {200}, 0}, pack_params({dev.alloc(800)}, k));
  ASSERT_FALSE(deep.ok());
  auto fault = dev->last_fault();
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->kind, "stack overflow");
  EXPECT_EQ(fault->function, "sum");
  EXPECT_NE(deep.error().message.find("stack overflow"), std::string::npos);
}

// Indirect call through a function address produced by a code relocation.
TEST_P(ControlFlow, IndirectCallThroughFunctionAddress) {
  isa::Function callee = twice_plus_one();
  FnBuilder b("k");
  b.fn.local_bytes = 0;
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  uint32_t mov_pc = b.pc();
  b.mov(R(6), I(0));
  b.st(Space::Local, DataType::U32, Operand{}, 0, {R(1)}).mods.frame_relative = true;
  auto& c = b.call(isa::kNoTarget);
  c.src[0] = R(6);
  c.nsrc = 1;
  b.ld(Space::Local, DataType::U32, {R(4)}, Operand{}, 4).mods.frame_relative = true;
  element_address(b, 5, 10, 1, 4);
  b.st(Space::Global, DataType::U32, R(5), 0, {R(4)});
  b.op(Opcode::Exit);
  isa::Module m = module_of({b.fn, callee});
  m.code_relocations.push_back({0, mov_pc, 0, 1, true, 0});
  const uint32_t n = 40;
  uint64_t out = dev.alloc(n * 4);
  auto stats = dev.run(m, "k", {1}, {n}, pack_params({out}, b.fn));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto v = dev.read<uint32_t>(out, n);
  for (uint32_t t = 0; t < n; ++t) EXPECT_EQ(v[t], 2 * t + 1) << t;
}

INSTANTIATE_TEST_SUITE_P(Widths, ControlFlow, ::testing::Values("default", "bi-v100"),
                         [](const auto& info) { return std::string(info.param) == "default" ? "W32" : "W64"; });

}  // namespace
}  // namespace canopy::gpu::testing
