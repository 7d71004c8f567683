// Warp-level operations: shfl (up/down/bfly/idx with clamp and segments), vote, activemask.
#include "tests/gpu/module_builder.h"

namespace canopy::gpu::testing {
namespace {

using isa::CmpOp;

class WarpOps : public ::testing::TestWithParam<const char*> {
 protected:
  TestDevice dev{GetParam(), 1};
};

isa::Instr& shfl(FnBuilder& b, isa::ShflMode mode, Operand d, Operand p, Operand a, Operand lane, Operand c) {
  auto& in = b.emit(Opcode::Shfl, DataType::B32, {d, p}, {a, lane, c, I(~0ull)});
  in.mods.shfl = mode;
  return in;
}

// out[t] = {down1, pred(down1), bfly1, idx(b=3, width 8), up2, pred(up2)} with value a = 100 + t.
TEST_P(WarpOps, ShuffleModesFollowPtxLaneArithmetic) {
  const uint32_t w = dev->config().warp_size, n = 2 * w;
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.add(R(3), R(0), I(100), DataType::U32);
  b.mul(R(9), R(0), I(6 * 4), DataType::U64);
  b.add(R(9), R(9), R(10), DataType::U64);
  shfl(b, isa::ShflMode::Down, R(4), P(0), R(3), I(1), I(w - 1));
  b.emit(Opcode::Selp, DataType::U32, {R(5)}, {I(1), I(0), P(0)});
  b.st(Space::Global, DataType::U32, R(9), 0, {R(4), R(5)});
  shfl(b, isa::ShflMode::Bfly, R(4), P(0), R(3), I(1), I(w - 1));
  b.st(Space::Global, DataType::U32, R(9), 8, {R(4)});
  shfl(b, isa::ShflMode::Idx, R(4), P(0), R(3), I(3), I(((w - 8) << 8) | (w - 1)));
  b.st(Space::Global, DataType::U32, R(9), 12, {R(4)});
  shfl(b, isa::ShflMode::Up, R(3), P(1), R(3), I(2), I(0));  // destination aliases the source
  b.emit(Opcode::Selp, DataType::U32, {R(5)}, {I(1), I(0), P(1)});
  b.st(Space::Global, DataType::U32, R(9), 16, {R(3), R(5)});
  b.op(Opcode::Exit);
  uint64_t out = dev.alloc(n * 24);
  auto s = dev.run(module_of({b.fn}), "k", {1}, {n}, pack_params({out}, b.fn));
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto v = dev.read<uint32_t>(out, n * 6);
  for (uint32_t t = 0; t < n; ++t) {
    uint32_t lane = t % 32, base = t - lane;  // on 64 lanes each half shuffles as a 32-lane warp
    const uint32_t* r = &v[t * 6];
    bool down_ok = lane + 1 < 32;
    EXPECT_EQ(r[0], 100 + (down_ok ? t + 1 : t)) << t;
    EXPECT_EQ(r[1], down_ok ? 1u : 0u) << t;
    EXPECT_EQ(r[2], 100 + base + (lane ^ 1)) << t;
    EXPECT_EQ(r[3], 100 + base + (lane & ~7u) + 3) << t;
    bool up_ok = lane >= 2;
    EXPECT_EQ(r[4], 100 + (up_ok ? t - 2 : t)) << t;
    EXPECT_EQ(r[5], up_ok ? 1u : 0u) << t;
  }
}

// In the taken side of `if (tid % 4 == 1)`: activemask and ballot see only those lanes; vote.any/all/uni.
// On 64 lanes each half is one CUDA warp: 32-bit masks of its own lanes, votes over its own lanes.
TEST_P(WarpOps, VotesAndActivemaskSeeOnlyActiveLanes) {
  const uint32_t w = dev->config().warp_size;
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.mul(R(9), R(0), I(8 * 8), DataType::U64);
  b.add(R(9), R(9), R(10), DataType::U64);
  b.and_(R(3), R(0), I(3));
  b.setp(CmpOp::Ne, P(0), R(3), I(1));
  uint32_t br = b.pc();
  b.bra(0, 0);
  b.emit(Opcode::Activemask, DataType::B32, {R(4)}, {});
  b.setp(CmpOp::Lt, P(1), R(0), I(8));
  b.emit(Opcode::Vote, DataType::B32, {R(5)}, {P(1)}).mods.vote = isa::VoteMode::Ballot;
  b.emit(Opcode::Vote, DataType::Pred, {P(2)}, {P(1)}).mods.vote = isa::VoteMode::Any;
  b.emit(Opcode::Selp, DataType::U32, {R(6)}, {I(1), I(0), P(2)});
  b.emit(Opcode::Vote, DataType::Pred, {P(2)}, {P(1)}).mods.vote = isa::VoteMode::All;
  b.emit(Opcode::Selp, DataType::U32, {R(7)}, {I(1), I(0), P(2)});
  b.emit(Opcode::Vote, DataType::Pred, {P(2)}, {P(1)}).mods.vote = isa::VoteMode::Uni;
  b.emit(Opcode::Selp, DataType::U32, {R(8)}, {I(1), I(0), P(2)});
  b.st(Space::Global, DataType::U64, R(9), 0, {R(4), R(5)});
  b.st(Space::Global, DataType::U64, R(9), 16, {R(6), R(7)});
  b.st(Space::Global, DataType::U64, R(9), 32, {R(8)});
  uint32_t join = b.pc();
  b.op(Opcode::Exit);
  b.at(br).target = join;
  b.at(br).reconverge = join;
  uint64_t out = dev.alloc(w * 64);
  auto s = dev.run(module_of({b.fn}), "k", {1}, {w}, pack_params({out}, b.fn));
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto v = dev.read<uint64_t>(out, w * 8);
  uint64_t active = 0;
  for (uint32_t l = 1; l < 32; l += 4) active |= uint64_t{1} << l;
  for (uint32_t t = 1; t < w; t += 4) {
    const uint64_t* r = &v[t * 8];
    const bool low = t < 32;  // the CUDA warp holding lanes 1 and 5, the only true predicates
    EXPECT_EQ(r[0], active) << t;
    EXPECT_EQ(r[1], low ? active & 0xff : 0u) << t;
    EXPECT_EQ(r[2], low ? 1u : 0u) << t;
    EXPECT_EQ(r[3], 0u) << t;
    EXPECT_EQ(r[4], low ? 0u : 1u) << t;
  }
  EXPECT_EQ(v[0], 0u);  // lane 0 did not take the branch
}

INSTANTIATE_TEST_SUITE_P(Widths, WarpOps, ::testing::Values("default", "bi-v100"),
                         [](const auto& info) { return std::string(info.param) == "default" ? "W32" : "W64"; });

}  // namespace
}  // namespace canopy::gpu::testing
