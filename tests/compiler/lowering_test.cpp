// Lowering of representative PTX instructions: the native Instr fields the engine and ALU read.
#include <gtest/gtest.h>

#include "compiler_test_util.h"

namespace canopy::compiler::test {
namespace {

using isa::DataType;
using isa::Opcode;
using isa::OperandKind;

isa::Function one_kernel(const std::string& body, const std::string& params = "") {
  isa::Module m = compile_or_die(kernel(body, params));
  EXPECT_EQ(m.functions.size(), 1u);
  return m.functions.empty() ? isa::Function{} : m.functions[0];
}

TEST(Lowering, MulWideHasResultTypeAndSourceType) {
  auto f = one_kernel(R"(
    .reg .b32 %r<3>; .reg .b64 %rd<2>;
    mov.u32 %r1, %tid.x;
    mul.wide.s32 %rd1, %r1, 4;
    st.global.u64 [%rd1], %rd1;)");
  isa::Instr mul = first_op(f, Opcode::Mul);
  EXPECT_EQ(mul.type, DataType::S64);
  EXPECT_EQ(mul.type2, DataType::S32);
  EXPECT_EQ(mul.mods.mul, isa::MulMode::Wide);
  EXPECT_EQ(mul.src[1].kind, OperandKind::Imm);
  EXPECT_EQ(mul.src[1].imm, 4u);
}

TEST(Lowering, SpecialRegisterMovBecomesS2R) {
  auto f = one_kernel(R"(
    .reg .b32 %r<3>;
    mov.u32 %r1, %ctaid.y;
    st.global.u32 [0], %r1;)");
  isa::Instr s2r = first_op(f, Opcode::S2R);
  EXPECT_EQ(s2r.mods.sreg, isa::SpecialReg::Ctaid);
  EXPECT_EQ(s2r.mods.sreg_comp, 1);
  EXPECT_EQ(s2r.type, DataType::U32);
  EXPECT_EQ(s2r.dst[0].kind, OperandKind::Reg);
}

TEST(Lowering, SetpWithDualDestinationAndCombiningPredicate) {
  auto f = one_kernel(R"(
    .reg .b32 %r<3>; .reg .pred %p<4>;
    mov.u32 %r1, %tid.x;
    setp.eq.s32 %p3, %r1, 0;
    setp.lt.and.f32 %p1|%p2, %r1, 0f3F800000, !%p3;
    @%p1 st.global.u32 [0], %r1;
    @%p2 st.global.u32 [4], %r1;)");
  auto setps = find_ops(f, Opcode::Setp);
  ASSERT_EQ(setps.size(), 2u);
  const isa::Instr& s = setps[1];
  EXPECT_EQ(s.type, DataType::F32);
  EXPECT_EQ(s.mods.cmp, isa::CmpOp::Lt);
  EXPECT_EQ(s.mods.boolop, isa::BoolOp::And);
  EXPECT_EQ(s.ndst, 2);
  EXPECT_EQ(s.dst[0].kind, OperandKind::Pred);
  EXPECT_EQ(s.dst[1].kind, OperandKind::Pred);
  EXPECT_NE(s.dst[0].index, s.dst[1].index);
  EXPECT_EQ(s.nsrc, 3);
  EXPECT_EQ(s.src[1].imm, 0x3F800000u);
  EXPECT_EQ(s.src[2].kind, OperandKind::Pred);
  // `!%p3` is negated into a temporary first.
  isa::Instr n = first_op(f, Opcode::Not);
  EXPECT_EQ(n.type, DataType::Pred);
  EXPECT_EQ(n.dst[0].index, s.src[2].index);
  // Guards use the predicates setp wrote.
  auto stores = find_ops(f, Opcode::St);
  ASSERT_EQ(stores.size(), 2u);
  EXPECT_EQ(stores[0].guard, s.dst[0].index);
  EXPECT_EQ(stores[1].guard, s.dst[1].index);
}

TEST(Lowering, SetHasResultTypeAndCompareType) {
  auto f = one_kernel(R"(
    .reg .b32 %r<3>; .reg .f64 %fd1;
    mov.f64 %fd1, 0d3FF0000000000000;
    set.gt.u32.f64 %r1, %fd1, 0d0000000000000000;
    st.global.u32 [0], %r1;)");
  isa::Instr s = first_op(f, Opcode::Set);
  EXPECT_EQ(s.type, DataType::U32);
  EXPECT_EQ(s.type2, DataType::F64);
  EXPECT_EQ(s.mods.cmp, isa::CmpOp::Gt);
}

TEST(Lowering, CvtCarriesBothTypesRoundingSatAndFtz) {
  auto f = one_kernel(R"(
    .reg .b32 %r<3>; .reg .f32 %f1;
    mov.f32 %f1, 0f40490FDB;
    cvt.rzi.sat.s32.f32 %r1, %f1;
    cvt.rn.ftz.f32.s32 %f1, %r1;
    st.global.f32 [0], %f1;)");
  auto cvts = find_ops(f, Opcode::Cvt);
  ASSERT_EQ(cvts.size(), 2u);
  EXPECT_EQ(cvts[0].type, DataType::S32);
  EXPECT_EQ(cvts[0].type2, DataType::F32);
  EXPECT_EQ(cvts[0].mods.rnd, isa::Rounding::Rzi);
  EXPECT_TRUE(cvts[0].mods.sat);
  EXPECT_EQ(cvts[1].type, DataType::F32);
  EXPECT_EQ(cvts[1].type2, DataType::S32);
  EXPECT_EQ(cvts[1].mods.rnd, isa::Rounding::Rn);
  EXPECT_TRUE(cvts[1].mods.ftz);
}

TEST(Lowering, FloatModifiersAndImmediates) {
  auto f = one_kernel(R"(
    .reg .f32 %f<4>; .reg .f64 %fd<2>;
    ld.global.f32 %f1, [0];
    add.rz.ftz.sat.f32 %f2, %f1, 0.5;
    div.approx.f32 %f3, %f2, %f1;
    min.NaN.f32 %f3, %f3, %f1;
    fma.rn.f64 %fd1, %fd1, 0f3F800000, 1.0;
    st.global.f32 [0], %f3;
    st.global.f64 [8], %fd1;)");
  isa::Instr add = first_op(f, Opcode::Add);
  EXPECT_EQ(add.mods.rnd, isa::Rounding::Rz);
  EXPECT_TRUE(add.mods.ftz);
  EXPECT_TRUE(add.mods.sat);
  EXPECT_EQ(add.src[1].imm, 0x3F000000u);  // decimal 0.5 as f32 bits
  EXPECT_TRUE(first_op(f, Opcode::Div).mods.approx);
  EXPECT_TRUE(first_op(f, Opcode::Min).mods.nan);
  isa::Instr fma = first_op(f, Opcode::Fma);
  EXPECT_EQ(fma.src[1].imm, 0x3FF0000000000000u);  // 0f literal widened to f64
  EXPECT_EQ(fma.src[2].imm, 0x3FF0000000000000u);
}

TEST(Lowering, IntegerImmediatesAreTruncatedToTheOperandWidth) {
  auto f = one_kernel(R"(
    .reg .b32 %r<3>; .reg .b16 %rs1;
    ld.global.u32 %r1, [0];
    add.s32 %r2, %r1, -1;
    shl.b32 %r2, %r2, 3;
    mov.u16 %rs1, -2;
    st.global.u32 [0], %r2;
    st.global.u16 [4], %rs1;)");
  EXPECT_EQ(first_op(f, Opcode::Add).src[1].imm, 0xffffffffu);
  EXPECT_EQ(first_op(f, Opcode::Mov).src[0].imm, 0xfffeu);
}

TEST(Lowering, CarryChainUsesCarryFlags) {
  auto f = one_kernel(R"(
    .reg .b32 %r<7>;
    ld.global.v4.u32 {%r1, %r2, %r3, %r4}, [0];
    add.cc.u32 %r5, %r1, %r3;
    addc.cc.u32 %r6, %r2, %r4;
    addc.u32 %r1, 0, 0;
    st.global.v2.u32 [0], {%r5, %r6};
    st.global.u32 [8], %r1;)");
  auto adds = find_ops(f, Opcode::AddC);
  ASSERT_EQ(adds.size(), 3u);
  EXPECT_TRUE(adds[0].mods.carry_out);
  EXPECT_FALSE(adds[0].mods.carry_in);
  EXPECT_TRUE(adds[1].mods.carry_in && adds[1].mods.carry_out);
  EXPECT_TRUE(adds[2].mods.carry_in);
  EXPECT_FALSE(adds[2].mods.carry_out);
}

TEST(Lowering, VectorLoadAndStore) {
  auto f = one_kernel(R"(
    .reg .f32 %f<5>; .reg .b64 %rd1;
    ld.param.u64 %rd1, [p];
    ld.global.nc.v4.f32 {%f1, %f2, %f3, %f4}, [%rd1+16];
    st.global.v2.f32 [%rd1], {%f4, %f1};)",
                      ".param .u64 p");
  isa::Instr ld = find_ops(f, Opcode::Ld)[1];
  EXPECT_EQ(ld.ndst, 4);
  EXPECT_EQ(ld.mods.vec, 4);
  EXPECT_EQ(ld.mods.space, isa::Space::Global);
  EXPECT_EQ(ld.mods.cache, isa::CacheOp::Nc);
  EXPECT_EQ(ld.offset, 16);
  EXPECT_EQ(ld.addr.kind, OperandKind::Reg);
  isa::Instr st = first_op(f, Opcode::St);
  EXPECT_EQ(st.nsrc, 2);
  EXPECT_EQ(st.mods.vec, 2);
  EXPECT_EQ(st.src[0].index, ld.dst[3].index);
  EXPECT_EQ(st.src[1].index, ld.dst[0].index);
}

TEST(Lowering, SignedNarrowLoadIsSignExtendedToTheRegister) {
  auto f = one_kernel(R"(
    .reg .b32 %r1;
    ld.global.s8 %r1, [0];
    st.global.u32 [0], %r1;)");
  isa::Instr ld = first_op(f, Opcode::Ld);
  EXPECT_EQ(ld.type, DataType::U8);
  isa::Instr cvt = first_op(f, Opcode::Cvt);
  EXPECT_EQ(cvt.type, DataType::S32);
  EXPECT_EQ(cvt.type2, DataType::S8);
  EXPECT_EQ(cvt.src[0].index, ld.dst[0].index);
}

TEST(Lowering, KernelParametersAreParamKernelOffsets) {
  auto f = one_kernel(R"(
    .reg .b32 %r1; .reg .b64 %rd1;
    ld.param.u32 %r1, [b];
    ld.param.u64 %rd1, [c+0];
    st.global.u32 [%rd1], %r1;)",
                      ".param .u8 a, .param .u32 b, .param .u64 c, .param .align 16 .b8 d[20]");
  ASSERT_EQ(f.params.size(), 4u);
  EXPECT_EQ(f.params[1].offset, 4u);
  EXPECT_EQ(f.params[2].offset, 8u);
  EXPECT_EQ(f.params[3].offset, 16u);
  EXPECT_EQ(f.params[3].size, 20u);
  EXPECT_EQ(f.params[3].align, 16u);
  EXPECT_EQ(f.param_bytes, 36u);
  auto lds = find_ops(f, Opcode::Ld);
  EXPECT_EQ(lds[0].mods.space, isa::Space::ParamKernel);
  EXPECT_EQ(lds[0].offset, 4);
  EXPECT_EQ(lds[1].offset, 8);
  EXPECT_EQ(lds[0].addr.kind, OperandKind::None);
}

TEST(Lowering, MovPackAndUnpack) {
  auto f = one_kernel(R"(
    .reg .b32 %r<3>; .reg .b64 %rd1; .reg .b16 %rs<3>;
    ld.global.u64 %rd1, [0];
    mov.b64 {%r1, %r2}, %rd1;
    mov.b32 %r1, {%rs1, %rs2};
    mov.b64 %rd1, {%r2, %r1};
    st.global.u64 [0], %rd1;)");
  isa::Instr up = first_op(f, Opcode::Unpack);
  EXPECT_EQ(up.type, DataType::B32);
  EXPECT_EQ(up.ndst, 2);
  auto packs = find_ops(f, Opcode::Pack);
  ASSERT_EQ(packs.size(), 2u);
  EXPECT_EQ(packs[0].type, DataType::B16);
  EXPECT_EQ(packs[1].type, DataType::B32);
  EXPECT_EQ(packs[1].nsrc, 2);
}

TEST(Lowering, AtomicsAndReductions) {
  auto f = one_kernel(R"(
    .reg .b32 %r<4>; .reg .b64 %rd1;
    ld.param.u64 %rd1, [p];
    atom.global.cas.b32 %r1, [%rd1], 0, 1;
    atom.add.f32 %r2, [%rd1+4], 0f3F800000;
    atom.acq_rel.gpu.shared.max.s32 %r3, [%rd1], %r1;
    red.global.add.u64 [%rd1], 1;)",
                      ".param .u64 p");
  auto atoms = find_ops(f, Opcode::Atom);
  ASSERT_EQ(atoms.size(), 3u);
  EXPECT_EQ(atoms[0].mods.atom, isa::AtomOp::Cas);
  EXPECT_EQ(atoms[0].nsrc, 2);
  EXPECT_EQ(atoms[0].src[1].imm, 1u);
  EXPECT_EQ(atoms[1].mods.space, isa::Space::Generic);
  EXPECT_EQ(atoms[1].type, DataType::F32);
  EXPECT_EQ(atoms[1].offset, 4);
  EXPECT_EQ(atoms[2].mods.atom, isa::AtomOp::Max);
  EXPECT_EQ(atoms[2].mods.order, isa::MemOrder::AcqRel);
  EXPECT_EQ(atoms[2].mods.space, isa::Space::Shared);
  isa::Instr red = first_op(f, Opcode::Red);
  EXPECT_EQ(red.ndst, 0);
  EXPECT_EQ(red.type, DataType::U64);
}

TEST(Lowering, CvtaToGlobalIsACopyOtherSpacesConvert) {
  auto f = one_kernel(R"(
    .reg .b64 %rd<4>;
    ld.param.u64 %rd1, [p];
    cvta.to.global.u64 %rd2, %rd1;
    cvta.to.shared.u64 %rd3, %rd1;
    st.global.u64 [%rd2], %rd3;)",
                      ".param .u64 p");
  EXPECT_TRUE(find_ops(f, Opcode::Cvta).size() == 1);
  isa::Instr c = first_op(f, Opcode::Cvta);
  EXPECT_TRUE(c.mods.cvta_to_space);
  EXPECT_EQ(c.mods.space, isa::Space::Shared);
}

TEST(Lowering, SymbolAddresses) {
  isa::Module m = compile_or_die(ptx_module(R"(
.global .align 4 .u32 g[4];
.const .align 8 .f64 c0;
.const .align 4 .u32 c[2] = {7, 9};
.shared .align 16 .b8 s[32];
.extern .shared .align 4 .b8 dyn[];
.visible .entry k()
{
  .reg .b64 %rd<6>; .reg .b32 %r1;
  .local .align 8 .b8 buf[24];
  mov.u64 %rd1, g+8;
  mov.u64 %rd2, c;
  mov.u64 %rd3, s;
  mov.u64 %rd4, dyn;
  mov.u64 %rd5, buf;
  ld.const.u32 %r1, [c+4];
  st.shared.u32 [s+4], %r1;
  st.global.u64 [g], %rd5;
}
)"));
  ASSERT_EQ(m.functions.size(), 1u);
  const isa::Function& f = m.functions[0];
  auto movs = find_ops(f, Opcode::Mov);
  ASSERT_GE(movs.size(), 4u);
  // g+8: relocated immediate.
  bool found = false;
  for (const isa::CodeRelocation& r : m.code_relocations)
    if (r.symbol == 0 && r.addend == 8 && !r.is_function) found = true;
  EXPECT_TRUE(found);
  EXPECT_EQ(movs[1].src[0].imm, 8u);   // c after the 8-byte c0
  EXPECT_EQ(movs[2].src[0].imm, 0u);   // s at the start of the shared window
  EXPECT_EQ(movs[3].src[0].imm, 32u);  // dyn after the static window, 16-aligned
  // buf: frame base + offset.
  isa::Instr s2r = first_op(f, Opcode::S2R);
  EXPECT_EQ(s2r.mods.sreg, isa::SpecialReg::FrameBase);
  isa::Instr ld = first_op(f, Opcode::Ld);
  EXPECT_EQ(ld.mods.space, isa::Space::Const);
  EXPECT_EQ(ld.offset, 12);
  EXPECT_EQ(ld.addr.kind, OperandKind::None);
  isa::Instr st = first_op(f, Opcode::St);
  EXPECT_EQ(st.mods.space, isa::Space::Shared);
  EXPECT_EQ(st.offset, 4);
  EXPECT_EQ(f.local_bytes, 32u);
}

TEST(Lowering, LocalVariableAccessIsFrameRelative) {
  auto f = one_kernel(R"(
    .local .align 4 .b8 a[8];
    .local .align 8 .b8 b[8];
    .reg .b32 %r1;
    ld.local.u32 %r1, [b+4];
    st.local.u32 [a], %r1;)");
  isa::Instr ld = first_op(f, Opcode::Ld);
  EXPECT_TRUE(ld.mods.frame_relative);
  EXPECT_EQ(ld.mods.space, isa::Space::Local);
  EXPECT_EQ(ld.offset, 12);
}

TEST(Lowering, SelectsShiftsAndBitOps) {
  auto f = one_kernel(R"(
    .reg .b32 %r<6>; .reg .pred %p1;
    ld.global.v4.u32 {%r1, %r2, %r3, %r4}, [0];
    setp.ne.u32 %p1, %r1, 0;
    selp.b32 %r5, %r2, %r3, %p1;
    slct.s32.f32 %r5, %r5, %r1, %r4;
    shf.l.clamp.b32 %r5, %r5, %r2, %r3;
    prmt.b32.f4e %r5, %r5, %r2, 0x3210;
    bfe.s32 %r5, %r5, 4, 8;
    lop3.b32 %r5, %r5, %r1, %r2, 0x96;
    dp4a.s32.u32 %r5, %r5, %r1, %r2;
    popc.b32 %r5, %r5;
    st.global.u32 [0], %r5;)");
  isa::Instr selp = first_op(f, Opcode::Selp);
  EXPECT_EQ(selp.src[2].kind, OperandKind::Pred);
  isa::Instr slct = first_op(f, Opcode::Slct);
  EXPECT_EQ(slct.type, DataType::S32);
  EXPECT_EQ(slct.type2, DataType::F32);
  isa::Instr shf = first_op(f, Opcode::Shf);
  EXPECT_TRUE(shf.mods.shf_left);
  EXPECT_TRUE(shf.mods.shf_clamp);
  EXPECT_EQ(first_op(f, Opcode::Prmt).mods.prmt, isa::PrmtMode::F4e);
  EXPECT_EQ(first_op(f, Opcode::Bfe).src[2].imm, 8u);
  EXPECT_EQ(first_op(f, Opcode::Lop3).src[3].imm, 0x96u);
  isa::Instr dp = first_op(f, Opcode::Dp4a);
  EXPECT_EQ(dp.type, DataType::S32);
  EXPECT_EQ(dp.type2, DataType::U32);
}

// match and redux keep the mask as src1; the legacy shfl/vote forms have no mask source.
TEST(Lowering, MatchReduxAndLegacyWarpForms) {
  auto f = one_kernel(R"(
    .reg .b32 %r<8>; .reg .b64 %rd<2>; .reg .pred %p<3>;
    mov.u32 %r1, %laneid;
    match.any.sync.b32 %r2, %r1, %r7;
    match.all.sync.b64 %r3|%p1, %rd1, 0xff;
    redux.sync.min.s32 %r4, %r1, -1;
    redux.sync.xor.b32 %r5, %r1, -1;
    shfl.idx.b32 %r6, %r1, 0, 31;
    setp.ne.u32 %p2, %r1, 0;
    vote.any.pred %p1, %p2;
    @%p1 st.global.v4.u32 [0], {%r2, %r3, %r4, %r5};
    st.global.u32 [16], %r6;)");
  auto matches = find_ops(f, Opcode::Match);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].mods.vote, isa::VoteMode::Any);
  EXPECT_EQ(matches[0].type, DataType::B32);
  EXPECT_EQ(matches[0].nsrc, 2);
  EXPECT_EQ(matches[0].src[1].kind, OperandKind::Reg);
  EXPECT_EQ(matches[1].mods.vote, isa::VoteMode::All);
  EXPECT_EQ(matches[1].type, DataType::B64);
  EXPECT_EQ(matches[1].ndst, 2);
  EXPECT_EQ(matches[1].dst[1].kind, OperandKind::Pred);
  EXPECT_EQ(matches[1].src[1].imm, 0xffu);
  auto reduxes = find_ops(f, Opcode::Redux);
  ASSERT_EQ(reduxes.size(), 2u);
  EXPECT_EQ(reduxes[0].mods.atom, isa::AtomOp::Min);
  EXPECT_EQ(reduxes[0].type, DataType::S32);
  EXPECT_EQ(reduxes[1].mods.atom, isa::AtomOp::Xor);
  EXPECT_EQ(reduxes[1].type, DataType::B32);
  EXPECT_EQ(reduxes[1].nsrc, 2);
  EXPECT_EQ(first_op(f, Opcode::Shfl).nsrc, 3);
  EXPECT_EQ(first_op(f, Opcode::Vote).nsrc, 1);
}

TEST(Lowering, WarpInstructions) {
  auto f = one_kernel(R"(
    .reg .b32 %r<4>; .reg .pred %p<3>;
    mov.u32 %r1, %laneid;
    shfl.sync.bfly.b32 %r2|%p1, %r1, 1, 31, -1;
    vote.sync.ballot.b32 %r3, %p1, -1;
    vote.sync.any.pred %p2, !%p1, -1;
    activemask.b32 %r1;
    bar.warp.sync -1;
    @%p2 st.global.u32 [0], %r3;
    st.global.u32 [4], %r2;)");
  isa::Instr shfl = first_op(f, Opcode::Shfl);
  EXPECT_EQ(shfl.mods.shfl, isa::ShflMode::Bfly);
  EXPECT_EQ(shfl.ndst, 2);
  EXPECT_EQ(shfl.dst[1].kind, OperandKind::Pred);
  EXPECT_EQ(shfl.nsrc, 4);  // the member mask is the last source
  EXPECT_EQ(shfl.src[3].kind, OperandKind::Imm);
  EXPECT_EQ(shfl.src[3].imm & 0xffffffffu, 0xffffffffu);
  auto votes = find_ops(f, Opcode::Vote);
  ASSERT_EQ(votes.size(), 2u);
  EXPECT_EQ(votes[0].type, DataType::B32);
  EXPECT_EQ(votes[0].dst[0].kind, OperandKind::Reg);
  EXPECT_EQ(votes[1].mods.vote, isa::VoteMode::Any);
  EXPECT_EQ(votes[1].dst[0].kind, OperandKind::Pred);
  EXPECT_EQ(votes[0].nsrc, 2);
  EXPECT_EQ(votes[0].src[1].kind, OperandKind::Imm);
  EXPECT_EQ(first_op(f, Opcode::WarpSync).src[0].imm, 0xffffffffu);
  EXPECT_EQ(find_ops(f, Opcode::Activemask).size(), 1u);
}

TEST(Lowering, BarriersAndFences) {
  auto f = one_kernel(R"(
    .reg .b32 %r1; .reg .pred %p<3>;
    mov.u32 %r1, %tid.x;
    setp.eq.u32 %p1, %r1, 0;
    bar.sync 0;
    barrier.sync.aligned 1, 64;
    bar.arrive 2, 32;
    bar.red.popc.u32 %r1, 0, %p1;
    bar.red.or.pred %p2, 0, 128, !%p1;
    membar.gl;
    fence.acq_rel.cta;
    @%p2 st.global.u32 [0], %r1;)");
  auto bars = find_ops(f, Opcode::Bar);
  ASSERT_EQ(bars.size(), 5u);
  EXPECT_EQ(bars[0].mods.bar, isa::BarOp::Sync);
  EXPECT_EQ(bars[0].nsrc, 1);
  EXPECT_EQ(bars[1].nsrc, 2);
  EXPECT_EQ(bars[1].src[1].imm, 64u);
  EXPECT_EQ(bars[2].mods.bar, isa::BarOp::Arrive);
  EXPECT_EQ(bars[3].mods.bar, isa::BarOp::RedPopc);
  EXPECT_EQ(bars[3].type, DataType::U32);
  EXPECT_EQ(bars[3].src[2].kind, OperandKind::Pred);
  EXPECT_EQ(bars[4].mods.bar, isa::BarOp::RedOr);
  EXPECT_EQ(bars[4].dst[0].kind, OperandKind::Pred);
  auto fences = find_ops(f, Opcode::Fence);
  ASSERT_EQ(fences.size(), 2u);
  EXPECT_EQ(fences[0].mods.scope, isa::Scope::Gpu);
  EXPECT_EQ(fences[1].mods.scope, isa::Scope::Cta);
  EXPECT_EQ(fences[1].mods.order, isa::MemOrder::AcqRel);
}

TEST(Lowering, EveryInstructionCarriesItsPtxLine) {
  std::string text = kernel(".reg .b32 %r1;\nmov.u32 %r1, %tid.x;\nst.global.u32 [0], %r1;\nret;");
  isa::Module m = compile_or_die(text);
  const isa::Function& f = m.functions[0];
  ASSERT_EQ(f.code.size(), 3u);
  EXPECT_EQ(f.code[0].line, 7u);
  EXPECT_EQ(f.code[1].line, 8u);
  EXPECT_EQ(f.code[2].line, 9u);
  EXPECT_EQ(f.code[2].op, Opcode::Exit);
}

TEST(Lowering, HintsAreDropped) {
  auto f = one_kernel(R"(
    .reg .b32 %r1;
    prefetch.global.L2 [0];
    pmevent 1;
    ld.global.L1::no_allocate.u32 %r1, [0];
    st.global.u32 [4], %r1;)");
  EXPECT_EQ(f.code.size(), 3u);
}

TEST(Lowering, NestedBlocksShadowNames) {
  auto f = one_kernel(R"(
    .reg .b32 %r1;
    mov.u32 %r1, 1;
    {
      .reg .b32 %r1;
      mov.u32 %r1, 2;
      st.global.u32 [0], %r1;
    }
    st.global.u32 [4], %r1;)");
  auto movs = find_ops(f, Opcode::Mov);
  auto sts = find_ops(f, Opcode::St);
  ASSERT_EQ(movs.size(), 2u);
  ASSERT_EQ(sts.size(), 2u);
  // The inner store reads the inner register (holding 2), the outer one the outer (holding 1), and the
  // two values are live at once, so they cannot share a register.
  EXPECT_EQ(sts[0].src[0].index, movs[1].dst[0].index);
  EXPECT_EQ(sts[1].src[0].index, movs[0].dst[0].index);
  EXPECT_NE(movs[0].dst[0].index, movs[1].dst[0].index);
}

}  // namespace
}  // namespace canopy::compiler::test
