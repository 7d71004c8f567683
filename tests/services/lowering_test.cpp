// The finalizer side of the device services: calls to the extern vprintf and __assertfail become one
// `syscall` over the call's parameter block; other undefined functions stay errors.
#include <gtest/gtest.h>

#include <string>

#include "compiler/finalize.h"
#include "isa/disasm.h"
#include "isa/module_format.h"
#include "isa/services.h"

namespace canopy::services_test {
namespace {

using isa::Opcode;

const char* kHeader = ".version 6.0\n.target sm_70\n.address_size 64\n";

const char* kVprintfDecl =
    ".extern .func (.param .b32 func_retval0) vprintf(.param .b64 vprintf_param_0, .param .b64 "
    "vprintf_param_1);\n";

const char* kAssertDecl =
    ".extern .func __assertfail(.param .b64 p0, .param .b64 p1, .param .b32 p2, .param .b64 p3, .param .b64 "
    "p4);\n";

// What clang emits for `out[0] = printf(fmt, args)` with the format and buffer taken from parameters.
const char* kPrintfKernel = R"(
.visible .entry k(.param .u64 out, .param .u64 fmt, .param .u64 buf)
{
  .reg .b32 %r<2>;
  .reg .b64 %rd<4>;
  ld.param.u64 %rd1, [out];
  ld.param.u64 %rd2, [fmt];
  ld.param.u64 %rd3, [buf];
  {
  .param .b64 param0;
  st.param.b64 [param0+0], %rd2;
  .param .b64 param1;
  st.param.b64 [param1+0], %rd3;
  .param .b32 retval0;
  call.uni (retval0), vprintf, (param0, param1);
  ld.param.b32 %r1, [retval0+0];
  }
  st.global.u32 [%rd1], %r1;
  ret;
}
)";

Expected<isa::Module> compile(const std::string& body) {
  return compiler::compile_ptx(kHeader + body, "t.ptx");
}

TEST(ServiceLowering, VprintfCallBecomesASyscallOverTheParameterBlock) {
  auto m = compile(std::string(kVprintfDecl) + kPrintfKernel);
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->functions.size(), 1u) << "the extern is not a function of the module";
  const isa::Function& k = m->functions[0];
  int syscalls = 0;
  for (size_t i = 0; i < k.code.size(); ++i) {
    const isa::Instr& in = k.code[i];
    EXPECT_NE(in.op, Opcode::Call);
    if (in.op != Opcode::Syscall) continue;
    ++syscalls;
    ASSERT_EQ(in.nsrc, 1);
    EXPECT_EQ(in.src[0].kind, isa::OperandKind::Imm);
    EXPECT_EQ(in.src[0].imm, static_cast<uint64_t>(isa::Service::Vprintf));
    EXPECT_EQ(in.mods.space, isa::Space::Local);
    EXPECT_TRUE(in.mods.frame_relative);
    EXPECT_EQ(in.offset, static_cast<int64_t>(k.local_bytes))
        << "the block starts where a callee frame would";
    EXPECT_NE(isa::disassemble(in).find("syscall"), std::string::npos);
    // The arguments were stored into the block before, the result is read from it after.
    ASSERT_GE(i, 2u);
    ASSERT_LT(i + 1, k.code.size());
    EXPECT_EQ(k.code[i + 1].op, Opcode::Ld);
    EXPECT_EQ(k.code[i + 1].offset, static_cast<int64_t>(k.local_bytes + isa::kVprintfService.return_offset));
  }
  EXPECT_EQ(syscalls, 1);
}

TEST(ServiceLowering, SyscallSurvivesTheModuleFormat) {
  auto m = compile(std::string(kVprintfDecl) + kPrintfKernel);
  ASSERT_TRUE(m.ok()) << m.error().message;
  const std::vector<uint8_t> bytes = isa::write_module(*m);
  auto back = isa::read_module(bytes.data(), bytes.size());
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->functions[0].code, m->functions[0].code);
}

TEST(ServiceLowering, AssertfailCallBecomesASyscall) {
  auto m = compile(std::string(kAssertDecl) + R"(
.visible .entry k(.param .u64 msg)
{
  .reg .b64 %rd<2>;
  .reg .b32 %r<2>;
  ld.param.u64 %rd1, [msg];
  mov.u32 %r1, 12;
  {
  .param .b64 param0;
  st.param.b64 [param0+0], %rd1;
  .param .b64 param1;
  st.param.b64 [param1+0], %rd1;
  .param .b32 param2;
  st.param.b32 [param2+0], %r1;
  .param .b64 param3;
  st.param.b64 [param3+0], %rd1;
  .param .b64 param4;
  st.param.b64 [param4+0], 1;
  call.uni __assertfail, (param0, param1, param2, param3, param4);
  }
  ret;
}
)");
  ASSERT_TRUE(m.ok()) << m.error().message;
  const isa::Function& k = m->functions[0];
  int syscalls = 0;
  for (const isa::Instr& in : k.code) {
    if (in.op != Opcode::Syscall) continue;
    ++syscalls;
    EXPECT_EQ(in.src[0].imm, static_cast<uint64_t>(isa::Service::AssertFail));
  }
  EXPECT_EQ(syscalls, 1);
  // The line number went to offset 16 of the block.
  bool line_stored = false;
  for (const isa::Instr& in : k.code)
    line_stored |= in.op == Opcode::St && in.offset == static_cast<int64_t>(k.local_bytes + 16) &&
                   isa::bit_width(in.type) == 32;
  EXPECT_TRUE(line_stored);
}

TEST(ServiceLowering, OtherUndefinedExternsStayErrorsNamingTheFunction) {
  auto m = compile(R"(.extern .func (.param .b32 r) malloc_like(.param .b64 a);
.visible .entry k()
{
  .param .b64 p0;
  .param .b32 r0;
  call.uni (r0), malloc_like, (p0);
}
)");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("t.ptx:9:18:"), std::string::npos) << m.error().message;
  EXPECT_NE(m.error().message.find("'malloc_like'"), std::string::npos) << m.error().message;
  EXPECT_NE(m.error().message.find("declared but not defined"), std::string::npos) << m.error().message;
}

TEST(ServiceLowering, ServiceDeclaredWithAnotherSignatureIsAnError) {
  auto m = compile(R"(.extern .func (.param .b32 r) vprintf(.param .b64 a, .param .b32 b);
.visible .entry k()
{
  .param .b64 p0;
  .param .b32 p1;
  .param .b32 r0;
  call.uni (r0), vprintf, (p0, p1);
}
)");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("t.ptx:10:18:"), std::string::npos) << m.error().message;
  EXPECT_NE(m.error().message.find("'vprintf' is declared with parameters that differ"), std::string::npos)
      << m.error().message;
}

TEST(ServiceLowering, WrongArgumentCountIsAnError) {
  auto m = compile(std::string(kVprintfDecl) + R"(
.visible .entry k()
{
  .param .b64 p0;
  .param .b32 r0;
  call.uni (r0), vprintf, (p0);
}
)");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("call to 'vprintf' passes 1 arguments"), std::string::npos)
      << m.error().message;
}

TEST(ServiceLowering, ADefinedFunctionNamedVprintfIsAnOrdinaryCall) {
  auto m = compile(R"(
.visible .func (.param .b32 r) vprintf(.param .b64 a, .param .b64 b)
{
  st.param.b32 [r], 7;
  ret;
}
.visible .entry k()
{
  .param .b64 p0;
  .param .b64 p1;
  .param .b32 r0;
  call.uni (r0), vprintf, (p0, p1);
}
)");
  ASSERT_TRUE(m.ok()) << m.error().message;
  bool calls = false, syscalls = false;
  for (const isa::Instr& in : m->functions[1].code) {
    calls |= in.op == Opcode::Call;
    syscalls |= in.op == Opcode::Syscall;
  }
  EXPECT_TRUE(calls);
  EXPECT_FALSE(syscalls);
}

}  // namespace
}  // namespace canopy::services_test
