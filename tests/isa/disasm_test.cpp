#include "isa/disasm.h"

#include <gtest/gtest.h>

#include "isa_test_util.h"

namespace canopy::isa {
namespace {

using testing::alu;

Operand R(uint32_t i) { return Operand::reg(i); }
Operand P(uint32_t i) { return Operand::pred(i); }
Operand I(uint64_t v) { return Operand::immediate(v); }

TEST(Disasm, GuardedIntegerAdd) {
  Instr in = alu(Opcode::Add, DataType::S32, {R(3)}, {R(1), I(4)});
  in.guard = 0;
  in.guard_negated = true;
  EXPECT_EQ(disassemble(in), "@!P0 add.s32 R3, R1, 0x4");
  in.guard_negated = false;
  in.guard = 2;
  EXPECT_EQ(disassemble(in), "@P2 add.s32 R3, R1, 0x4");
}

TEST(Disasm, VectorLoadAndStore) {
  Instr ld = alu(Opcode::Ld, DataType::F32, {R(4), R(5), R(6), R(7)}, {});
  ld.mods.space = Space::Global;
  ld.mods.vec = 4;
  ld.addr = R(2);
  ld.offset = 0x10;
  EXPECT_EQ(disassemble(ld), "ld.global.v4.f32 {R4, R5, R6, R7}, [R2+0x10]");
  Instr st = alu(Opcode::St, DataType::U32, {}, {R(2), R(3)});
  st.mods.space = Space::Shared;
  st.mods.vec = 2;
  st.addr = R(1);
  EXPECT_EQ(disassemble(st), "st.shared.v2.u32 [R1], {R2, R3}");
}

TEST(Disasm, AddressForms) {
  Instr ld = alu(Opcode::Ld, DataType::U32, {R(1)}, {});
  ld.mods.space = Space::Local;
  ld.mods.frame_relative = true;
  ld.offset = 8;
  EXPECT_EQ(disassemble(ld), "ld.local.u32 R1, [frame+0x8]");
  ld.mods.frame_relative = false;
  ld.addr = R(2);
  ld.offset = -8;
  EXPECT_EQ(disassemble(ld), "ld.local.u32 R1, [R2-0x8]");
  ld.mods.space = Space::ParamKernel;
  ld.addr = Operand{};
  ld.offset = 0;
  ld.type = DataType::U64;
  EXPECT_EQ(disassemble(ld), "ld.param::entry.u64 R1, [0x0]");
  ld.mods.space = Space::Generic;
  ld.mods.cache = CacheOp::Cg;
  ld.mods.order = MemOrder::Volatile;
  ld.addr = R(9);
  EXPECT_EQ(disassemble(ld), "ld.volatile.cg.u64 R1, [R9]");
}

TEST(Disasm, Branches) {
  Instr bra;
  bra.op = Opcode::Bra;
  bra.target = 0x12;
  bra.reconverge = 0x20;
  EXPECT_EQ(disassemble(bra), "bra 0x12 (reconverge 0x20)");
  bra.reconverge = kNoTarget;
  bra.mods.uniform = true;
  EXPECT_EQ(disassemble(bra), "bra.uni 0x12");
}

TEST(Disasm, Calls) {
  Instr call;
  call.op = Opcode::Call;
  call.target = 3;
  EXPECT_EQ(disassemble(call), "call 0x3");
  call.target = kNoTarget;
  call.nsrc = 1;
  call.src[0] = R(5);
  EXPECT_EQ(disassemble(call), "call R5");
}

TEST(Disasm, ComparisonsAndSelects) {
  Instr setp = alu(Opcode::Setp, DataType::S32, {P(1)}, {R(2), R(3), P(0)});
  setp.mods.cmp = CmpOp::Lt;
  setp.mods.boolop = BoolOp::And;
  EXPECT_EQ(disassemble(setp), "setp.lt.and.s32 P1, R2, R3, P0");
  Instr eq = alu(Opcode::Setp, DataType::F32, {P(0), P(1)}, {R(2), I(0x3f800000)});
  eq.mods.ftz = true;
  EXPECT_EQ(disassemble(eq), "setp.eq.ftz.f32 P0, P1, R2, 0x3f800000");
  EXPECT_EQ(disassemble(alu(Opcode::Selp, DataType::B32, {R(0)}, {R(1), I(0), P(3)})),
            "selp.b32 R0, R1, 0x0, P3");
}

TEST(Disasm, FloatModifiersInPtxOrder) {
  Instr add = alu(Opcode::Add, DataType::F32, {R(1)}, {R(2), I(0x3f800000)});
  add.mods.rnd = Rounding::Rn;
  add.mods.ftz = true;
  add.mods.sat = true;
  EXPECT_EQ(disassemble(add), "add.rn.ftz.sat.f32 R1, R2, 0x3f800000");
  Instr sin = alu(Opcode::Sin, DataType::F32, {R(1)}, {R(1)});
  sin.mods.approx = true;
  sin.mods.ftz = true;
  EXPECT_EQ(disassemble(sin), "sin.approx.ftz.f32 R1, R1");
  Instr cvt = alu(Opcode::Cvt, DataType::S32, {R(1)}, {R(2)});
  cvt.type2 = DataType::F32;
  cvt.mods.rnd = Rounding::Rzi;
  EXPECT_EQ(disassemble(cvt), "cvt.rzi.s32.f32 R1, R2");
  Instr mx = alu(Opcode::Max, DataType::F32, {R(0)}, {R(1), R(2)});
  mx.mods.nan = true;
  EXPECT_EQ(disassemble(mx), "max.NaN.f32 R0, R1, R2");
}

TEST(Disasm, IntegerMultiplyModes) {
  Instr mul = alu(Opcode::Mul, DataType::S64, {R(1)}, {R(2), R(3)});
  mul.type2 = DataType::S32;
  mul.mods.mul = MulMode::Wide;
  EXPECT_EQ(disassemble(mul), "mul.wide.s64.s32 R1, R2, R3");
  EXPECT_EQ(disassemble(alu(Opcode::Mad, DataType::U32, {R(0)}, {R(1), R(2), R(3)})),
            "mad.lo.u32 R0, R1, R2, R3");
  EXPECT_EQ(disassemble(alu(Opcode::Mul, DataType::F64, {R(0)}, {R(1), R(2)})), "mul.f64 R0, R1, R2");
  Instr addc = alu(Opcode::AddC, DataType::U32, {R(0)}, {R(1), R(2)});
  addc.mods.carry_in = true;
  addc.mods.carry_out = true;
  EXPECT_EQ(disassemble(addc), "addc.cc.u32 R0, R1, R2");
  Instr addcc = alu(Opcode::Add, DataType::U32, {R(0)}, {R(1), R(2)});
  addcc.mods.carry_out = true;
  EXPECT_EQ(disassemble(addcc), "add.cc.u32 R0, R1, R2");
}

TEST(Disasm, AtomicsFencesAndSpecialRegisters) {
  Instr cas = alu(Opcode::Atom, DataType::B32, {R(1)}, {R(3), R(4)});
  cas.mods.space = Space::Global;
  cas.mods.atom = AtomOp::Cas;
  cas.addr = R(2);
  EXPECT_EQ(disassemble(cas), "atom.global.cas.b32 R1, [R2], R3, R4");
  Instr red = alu(Opcode::Red, DataType::F32, {}, {R(3)});
  red.mods.scope = Scope::Sys;
  red.addr = R(2);
  EXPECT_EQ(disassemble(red), "red.sys.add.f32 [R2], R3");
  Instr fence;
  fence.op = Opcode::Fence;
  fence.mods.order = MemOrder::AcqRel;
  EXPECT_EQ(disassemble(fence), "fence.acq_rel.gpu");
  Instr s2r = alu(Opcode::S2R, DataType::U32, {R(0)}, {});
  s2r.mods.sreg = SpecialReg::Ctaid;
  s2r.mods.sreg_comp = 1;
  EXPECT_EQ(disassemble(s2r), "s2r.u32 R0, %ctaid.y");
  s2r.mods.sreg = SpecialReg::LaneId;
  s2r.mods.sreg_comp = 0;
  EXPECT_EQ(disassemble(s2r), "s2r.u32 R0, %laneid");
  Instr cvta = alu(Opcode::Cvta, DataType::U64, {R(1)}, {R(2)});
  cvta.mods.space = Space::Shared;
  cvta.mods.cvta_to_space = true;
  EXPECT_EQ(disassemble(cvta), "cvta.to.shared.u64 R1, R2");
}

TEST(Disasm, WarpAndBitInstructions) {
  Instr shfl = alu(Opcode::Shfl, DataType::B32, {R(1), P(0)}, {R(2), I(1), I(0x1f), I(0xffffffff)});
  shfl.mods.shfl = ShflMode::Down;
  EXPECT_EQ(disassemble(shfl), "shfl.down.b32 R1, P0, R2, 0x1, 0x1f, 0xffffffff");
  Instr vote = alu(Opcode::Vote, DataType::B32, {R(0)}, {P(1)});
  vote.mods.vote = VoteMode::Ballot;
  EXPECT_EQ(disassemble(vote), "vote.ballot.b32 R0, P1");
  Instr shf = alu(Opcode::Shf, DataType::B32, {R(1)}, {R(2), R(3), R(4)});
  shf.mods.shf_left = true;
  EXPECT_EQ(disassemble(shf), "shf.l.wrap.b32 R1, R2, R3, R4");
  Instr bar = alu(Opcode::Bar, DataType::None, {}, {I(0)});
  EXPECT_EQ(disassemble(bar), "bar.sync 0x0");
  Instr exit;
  exit.op = Opcode::Exit;
  EXPECT_EQ(disassemble(exit), "exit");
}

TEST(Disasm, FunctionListingHasLabelsLinesAndRelocations) {
  const Module m = testing::sample_module();
  const std::string text = disassemble(m.functions[0], m);
  EXPECT_NE(text.find(".entry kernel"), std::string::npos) << text;
  EXPECT_NE(text.find("regs 8, preds 2, shared 1024 bytes, local 0 bytes, const 64 bytes, params 16 bytes"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("// param out: offset 0, size 8, align 8"), std::string::npos) << text;
  EXPECT_NE(text.find("/*0002*/  @P0 bra L0005 (reconverge L0005)"), std::string::npos) << text;
  EXPECT_NE(text.find("L0005:\n  /*0005*/  exit"), std::string::npos) << text;
  EXPECT_NE(text.find("s2r.u32 R0, %tid.x"), std::string::npos) << text;
  EXPECT_NE(text.find("// line 14; src0 = &table+0x8"), std::string::npos) << text;
  EXPECT_NE(text.find("call helper"), std::string::npos) << text;
}

TEST(Disasm, FunctionHeaderShowsTheKernelsOwnSharedBytesAndSpills) {
  Module m = testing::sample_module();
  m.functions[0].shared_bytes = 48;  // less than the module's 1024-byte static extent
  EXPECT_NE(disassemble(m.functions[0], m).find("preds 2, shared 48 bytes, local"), std::string::npos);
  m.functions[1].spill_stores = 2;
  m.functions[1].spill_loads = 3;
  const std::string helper = disassemble(m.functions[1], m);
  EXPECT_EQ(helper.find("shared"), std::string::npos) << "a .func has no shared memory of its own: " << helper;
  EXPECT_NE(helper.find("returns 4 bytes, spills 2 stores / 3 loads"), std::string::npos) << helper;
}

TEST(Disasm, ModuleListingHasHeaderVariablesAndEveryFunction) {
  const Module m = testing::sample_module();
  const std::string text = disassemble(m);
  EXPECT_EQ(text.rfind("// Canopy native module (format version 2)\n", 0), 0u) << text;
  EXPECT_NE(text.find("// source sample.ptx, target sm_80, PTX ISA 7.8"), std::string::npos) << text;
  EXPECT_NE(text.find("// .file 1 \"helpers.h\""), std::string::npos) << text;
  EXPECT_NE(text.find(".visible .global .align 8 .b8 table[16]  // init 8 bytes; [0x8] = &tile (8 bytes); "
                      "[0x0] = &helper (4 bytes)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(".extern .shared .align 16 .b8 dyn[0]"), std::string::npos) << text;
  EXPECT_NE(text.find(".func helper"), std::string::npos) << text;
  EXPECT_NE(text.find("ld.local.u64 R0, [frame]"), std::string::npos) << text;
  EXPECT_NE(text.find("add.s32 R1, R0, 0xffffffffffffffff"), std::string::npos) << text;
  EXPECT_NE(text.find(".func empty"), std::string::npos) << text;
}

TEST(Disasm, EveryOpcodeDisassemblesToItsMnemonic) {
  testing::Rng rng(5);
  for (size_t op = 0; op < enum_count<Opcode>(); ++op) {
    const Instr in = testing::random_instr(static_cast<Opcode>(op), rng);
    const std::string text = disassemble(in);
    const std::string start = in.guard == kNoGuard ? "" : text.substr(text.find(' ') + 1);
    EXPECT_EQ((in.guard == kNoGuard ? text : start).rfind(std::string(name(in.op)), 0), 0u) << text;
  }
}

}  // namespace
}  // namespace canopy::isa
