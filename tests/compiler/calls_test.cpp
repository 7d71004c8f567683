// Calls and frames per docs/architecture.md: argument/result slots in the callee's frame, single ret.
#include <gtest/gtest.h>

#include "compiler_test_util.h"

namespace canopy::compiler::test {
namespace {

using isa::Opcode;

const char* kCallPtx = R"(
.visible .func (.param .b32 func_retval0) add3(.param .b32 a, .param .b64 b, .param .align 16 .b8 c[32])
{
  .reg .b32 %r<4>; .reg .b64 %rd1; .reg .pred %p1;
  ld.param.u32 %r1, [a];
  ld.param.u64 %rd1, [b];
  ld.param.u32 %r2, [c+12];
  setp.eq.s32 %p1, %r1, 0;
  @%p1 bra $L_zero;
  add.s32 %r3, %r1, %r2;
  st.param.b32 [func_retval0+0], %r3;
  ret;
$L_zero:
  st.param.b32 [func_retval0+0], %r2;
  ret;
}
.visible .entry k(.param .u64 out)
{
  .local .align 4 .b8 __local_depot0[12];
  .reg .b32 %r<3>; .reg .b64 %rd<3>;
  mov.u32 %r1, %tid.x;
  {
    .param .b32 param0;
    st.param.b32 [param0+0], %r1;
    .param .b64 param1;
    st.param.b64 [param1+0], 5;
    .param .align 16 .b8 param2[32];
    st.param.b32 [param2+12], %r1;
    .param .b32 retval0;
    call.uni (retval0), add3, (param0, param1, param2);
    ld.param.b32 %r2, [retval0+0];
  }
  ld.param.u64 %rd1, [out];
  st.global.u32 [%rd1], %r2;
  ret;
}
)";

TEST(Calls, CalleeFrameLayout) {
  isa::Module m = compile_or_die(ptx_module(kCallPtx));
  ASSERT_EQ(m.functions.size(), 2u);
  const isa::Function& f = m.functions[0];
  EXPECT_FALSE(f.is_kernel);
  ASSERT_EQ(f.params.size(), 3u);
  EXPECT_EQ(f.params[0].offset, 0u);
  EXPECT_EQ(f.params[1].offset, 8u);
  EXPECT_EQ(f.params[2].offset, 16u);
  EXPECT_EQ(f.param_bytes, 48u);
  ASSERT_EQ(f.returns.size(), 1u);
  EXPECT_EQ(f.returns[0].offset, 48u);
  EXPECT_EQ(f.return_bytes, 4u);
  EXPECT_EQ(f.local_bytes, 64u);  // 52 rounded to 16
  // Incoming parameters are frame-relative local loads.
  auto lds = find_ops(f, Opcode::Ld);
  ASSERT_EQ(lds.size(), 3u);
  for (const isa::Instr& ld : lds) {
    EXPECT_EQ(ld.mods.space, isa::Space::Local);
    EXPECT_TRUE(ld.mods.frame_relative);
  }
  EXPECT_EQ(lds[2].offset, 28);
  // Both return paths store at the return slot.
  for (const isa::Instr& st : find_ops(f, Opcode::St)) EXPECT_EQ(st.offset, 48);
}

TEST(Calls, FunctionHasExactlyOneRetAtTheEnd) {
  isa::Module m = compile_or_die(ptx_module(kCallPtx));
  const isa::Function& f = m.functions[0];
  EXPECT_EQ(find_ops(f, Opcode::Ret).size(), 1u);
  EXPECT_EQ(f.code.back().op, Opcode::Ret);
  // The early ret became a branch to the final ret.
  bool branches_to_ret = false;
  for (const isa::Instr& in : f.code)
    if (in.op == Opcode::Bra && in.target == f.code.size() - 1) branches_to_ret = true;
  EXPECT_TRUE(branches_to_ret);
}

TEST(Calls, CallerWritesArgumentsIntoTheCalleeFrame) {
  isa::Module m = compile_or_die(ptx_module(kCallPtx));
  const isa::Function& callee = m.functions[0];
  const isa::Function& k = m.functions[1];
  EXPECT_EQ(k.local_bytes, 16u);
  isa::Instr call = first_op(k, Opcode::Call);
  EXPECT_EQ(call.target, 0u);
  EXPECT_TRUE(call.mods.uniform);
  auto sts = find_ops(k, Opcode::St);
  ASSERT_EQ(sts.size(), 4u);
  EXPECT_EQ(sts[0].offset, k.local_bytes + callee.params[0].offset);
  EXPECT_EQ(sts[1].offset, k.local_bytes + callee.params[1].offset);
  EXPECT_EQ(sts[1].src[0].imm, 5u);
  EXPECT_EQ(sts[2].offset, k.local_bytes + callee.params[2].offset + 12);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(sts[i].mods.frame_relative);
    EXPECT_EQ(sts[i].mods.space, isa::Space::Local);
  }
  // The result is read back after the call.
  auto lds = find_ops(k, Opcode::Ld);
  bool found = false;
  for (const isa::Instr& ld : lds)
    if (ld.mods.space == isa::Space::Local && ld.offset == k.local_bytes + callee.returns[0].offset)
      found = true;
  EXPECT_TRUE(found);
}

TEST(Calls, IndirectCallThroughAPrototype) {
  isa::Module m = compile_or_die(ptx_module(R"(
.func (.param .b32 r) twice(.param .b32 x)
{
  .reg .b32 %r<2>;
  ld.param.b32 %r1, [x];
  add.s32 %r1, %r1, %r1;
  st.param.b32 [r], %r1;
  ret;
}
.visible .entry k()
{
  .reg .b64 %rd1; .reg .b32 %r1;
  mov.u64 %rd1, twice;
  {
    .param .b32 param0;
    st.param.b32 [param0], 21;
    .param .b32 retval0;
    proto : .callprototype (.param .b32 _) _ (.param .b32 _);
    call (retval0), %rd1, (param0), proto;
    ld.param.b32 %r1, [retval0];
  }
  st.global.u32 [0], %r1;
}
)"));
  const isa::Function& k = m.functions[1];
  isa::Instr call = first_op(k, Opcode::Call);
  EXPECT_EQ(call.target, isa::kNoTarget);
  EXPECT_EQ(call.nsrc, 1);
  EXPECT_EQ(call.src[0].kind, isa::OperandKind::Reg);
  bool reloc = false;
  for (const isa::CodeRelocation& r : m.code_relocations)
    if (r.is_function && r.symbol == 0 && r.function == 1) reloc = true;
  EXPECT_TRUE(reloc);
  EXPECT_EQ(first_op(k, Opcode::St).offset, k.local_bytes + 0);
}

TEST(Calls, OldStyleRegisterParameters) {
  isa::Module m = compile_or_die(ptx_module(R"(
.func (.reg .b32 r) inc(.reg .b32 x)
{
  add.s32 r, x, 1;
  ret;
}
.visible .entry k()
{
  .reg .b32 %r<3>;
  mov.u32 %r1, 4;
  call (%r2), inc, (%r1);
  st.global.u32 [0], %r2;
}
)"));
  const isa::Function& f = m.functions[0];
  EXPECT_EQ(f.code.front().op, Opcode::Ld);
  EXPECT_EQ(f.code[f.code.size() - 2].op, Opcode::St);
  EXPECT_EQ(f.code[f.code.size() - 2].offset, f.returns[0].offset);
  const isa::Function& k = m.functions[1];
  EXPECT_EQ(first_op(k, Opcode::St).offset, k.local_bytes + f.params[0].offset);
}

TEST(Calls, WrongArgumentCountIsAnError) {
  std::string msg = compile_error(ptx_module(R"(
.func f(.param .b32 x)
{
  ret;
}
.visible .entry k()
{
  call f, ();
}
)"));
  EXPECT_NE(msg.find("test.ptx:11:3:"), std::string::npos) << msg;
}

TEST(Calls, CallToDeclaredButUndefinedFunctionIsAnError) {
  std::string msg = compile_error(ptx_module(R"(
.extern .func (.param .b32 r) ext_fn(.param .b64 a, .param .b64 b);
.visible .entry k()
{
  .param .b64 p0;
  .param .b64 p1;
  .param .b32 r0;
  call.uni (r0), ext_fn, (p0, p1);
}
)"));
  EXPECT_NE(msg.find("ext_fn"), std::string::npos) << msg;
  EXPECT_NE(msg.find("test.ptx:11:18:"), std::string::npos) << msg;
}

}  // namespace
}  // namespace canopy::compiler::test
