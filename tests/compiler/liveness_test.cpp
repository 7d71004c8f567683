// Liveness on small hand-made control-flow graphs (loops, guards, joins, calls), with the expected live
// sets worked out by hand from the code below, not from any run of the analysis.
#include "compiler/liveness.h"

#include <gtest/gtest.h>

#include <set>

#include "compiler/cfg.h"
#include "vcode_builder.h"

namespace canopy::compiler {
namespace {

using isa::Opcode;
using test::Code;
using test::imm;
using test::p;
using test::r;

std::set<uint32_t> members(const Bitset& b) {
  std::set<uint32_t> out;
  b.for_each([&](uint32_t i) { out.insert(i); });
  return out;
}

// The block that starts at label l.
uint32_t block_of(const Cfg& cfg, uint32_t l) { return cfg.label_block[l]; }

TEST(Liveness, LoopCarriedValuesStayLiveAroundTheBackEdge) {
  // v2 is only read inside the loop: it is live at the loop's end only because of the back edge.
  Code c(4, 1, 1);
  c.op(Opcode::Mov, {r(0)}, {imm(0)}).op(Opcode::Mov, {r(2)}, {imm(5)}).op(Opcode::Mov, {r(3)}, {imm(64)});
  c.label(0).op(Opcode::Add, {r(0)}, {r(0), r(2)}).op(Opcode::Setp, {p(0)}, {r(0), imm(100)}).bra(0, 0);
  c.store(3, 0).exit();
  Cfg cfg = build_cfg(c.fn());
  Liveness lv = compute_liveness(c.fn(), cfg, RegClass::Gpr);
  const uint32_t loop = block_of(cfg, 0);
  ASSERT_EQ(loop, 1u);
  EXPECT_EQ(members(lv.live_in[0]), std::set<uint32_t>{});
  EXPECT_EQ(members(lv.live_in[loop]), (std::set<uint32_t>{0, 2, 3}));
  EXPECT_EQ(members(lv.live_out[loop]), (std::set<uint32_t>{0, 2, 3}));
  EXPECT_EQ(members(lv.live_in[loop + 1]), (std::set<uint32_t>{0, 3}));
  EXPECT_EQ(members(lv.live_out[loop + 1]), std::set<uint32_t>{});
  // The predicate is written before the branch reads it, in the same block: never live at a boundary.
  Liveness pl = compute_liveness(c.fn(), cfg, RegClass::Pred);
  for (size_t b = 0; b < cfg.blocks.size(); ++b) EXPECT_EQ(members(pl.live_in[b]), std::set<uint32_t>{}) << b;
}

TEST(Liveness, GuardedDefinitionDoesNotKillButAnUnguardedOneDoes) {
  for (bool guarded : {true, false}) {
    Code c(2, 1, 1);
    c.op(Opcode::Mov, {r(0)}, {imm(7)}).op(Opcode::Mov, {r(1)}, {imm(64)});
    c.op(Opcode::Setp, {p(0)}, {r(0), imm(3)}).bra(0);
    c.label(0).op(Opcode::Mov, {r(0)}, {imm(9)}, guarded ? 0 : isa::kNoGuard).store(1, 0).exit();
    Cfg cfg = build_cfg(c.fn());
    const uint32_t b = block_of(cfg, 0);
    Liveness lv = compute_liveness(c.fn(), cfg, RegClass::Gpr);
    Liveness pl = compute_liveness(c.fn(), cfg, RegClass::Pred);
    // When the guard is false the store reads the 7, so v0 is live into the block.
    EXPECT_EQ(members(lv.live_in[b]), (guarded ? std::set<uint32_t>{0, 1} : std::set<uint32_t>{1})) << guarded;
    EXPECT_EQ(members(pl.live_in[b]), (guarded ? std::set<uint32_t>{0} : std::set<uint32_t>{})) << guarded;
    EXPECT_EQ(members(lv.live_out[0]), members(lv.live_in[b]));
  }
}

TEST(Liveness, JoinIsTheUnionOfBothArms) {
  // if (p0) v2 = v1 + 1; else v2 = v0 + 1; store v2 at v4.
  Code c(5, 1, 2);
  c.op(Opcode::Mov, {r(0)}, {imm(1)}).op(Opcode::Mov, {r(1)}, {imm(2)}).op(Opcode::Mov, {r(4)}, {imm(64)});
  c.op(Opcode::Setp, {p(0)}, {r(0), imm(1)}).bra(0, 0);
  c.op(Opcode::Add, {r(2)}, {r(0), imm(1)}).bra(1);
  c.label(0).op(Opcode::Add, {r(2)}, {r(1), imm(1)});
  c.label(1).store(4, 2).exit();
  Cfg cfg = build_cfg(c.fn());
  Liveness lv = compute_liveness(c.fn(), cfg, RegClass::Gpr);
  ASSERT_EQ(cfg.blocks.size(), 4u);
  EXPECT_EQ(members(lv.live_out[0]), (std::set<uint32_t>{0, 1, 4}));
  EXPECT_EQ(members(lv.live_in[1]), (std::set<uint32_t>{0, 4}));
  EXPECT_EQ(members(lv.live_in[block_of(cfg, 0)]), (std::set<uint32_t>{1, 4}));
  EXPECT_EQ(members(lv.live_in[block_of(cfg, 1)]), (std::set<uint32_t>{2, 4}));
}

TEST(Liveness, CallsReadTheirAddressRegisterAndKeepOtherValuesLive) {
  // Callees get their own register window (docs/architecture.md): a call kills nothing.
  for (bool indirect : {true, false}) {
    Code c(4, 0, 1);
    c.op(Opcode::Mov, {r(0)}, {imm(7)}).op(Opcode::Mov, {r(1)}, {imm(64)}).op(Opcode::Mov, {r(3)}, {imm(0)});
    c.bra(0).label(0);
    if (indirect)
      c.op(Opcode::Call, {}, {r(3)});
    else
      c.op(Opcode::Call, {}, {});
    c.store(1, 0).exit();
    Cfg cfg = build_cfg(c.fn());
    Liveness lv = compute_liveness(c.fn(), cfg, RegClass::Gpr);
    EXPECT_EQ(members(lv.live_in[block_of(cfg, 0)]),
              (indirect ? std::set<uint32_t>{0, 1, 3} : std::set<uint32_t>{0, 1}))
        << indirect;
  }
}

TEST(Liveness, NothingIsLiveAfterAnUnguardedExit) {
  // The code after the exit is unreachable from it: the exit's block has no successor.
  Code c(2, 0, 1);
  c.op(Opcode::Mov, {r(0)}, {imm(1)}).exit().label(0).store(1, 0).exit();
  Cfg cfg = build_cfg(c.fn());
  Liveness lv = compute_liveness(c.fn(), cfg, RegClass::Gpr);
  EXPECT_EQ(members(lv.live_out[0]), std::set<uint32_t>{});
  EXPECT_EQ(members(lv.live_in[block_of(cfg, 0)]), (std::set<uint32_t>{0, 1}));
}

}  // namespace
}  // namespace canopy::compiler
