// Diagnostics: "file:line:col: message" at the offending PTX, never a crash.
#include <gtest/gtest.h>

#include "compiler_test_util.h"
#include "ptx/ast.h"

namespace canopy::compiler::test {
namespace {

// Kernel bodies start on line 6 (after .version/.target/.address_size, .entry and '{').
void expect_error_at(const std::string& body, const std::string& position, const std::string& words) {
  std::string msg = compile_error(kernel(body));
  EXPECT_EQ(msg.rfind("test.ptx:" + position + ": ", 0), 0u) << msg;
  EXPECT_NE(msg.find(words), std::string::npos) << msg;
}

TEST(Errors, UndefinedLabel) { expect_error_at("  bra $L_nowhere;", "6:7", "undefined label '$L_nowhere'"); }

TEST(Errors, UndefinedRegister) {
  expect_error_at(".reg .b32 %r1;\n  add.s32 %r1, %r2, 1;", "7:16", "undefined identifier '%r2'");
}

TEST(Errors, RangeDeclarationBounds) {
  expect_error_at(".reg .b32 %r<3>;\n  mov.u32 %r3, 1;", "7:11", "undefined register '%r3'");
}

TEST(Errors, UnsupportedInstructionIsNamed) {
  expect_error_at(".reg .b32 %r1;\n  tld4.r.2d.v4.f32.f32 %r1, [t, {%r1, %r1}];", "7:3", "'tld4'");
}

TEST(Errors, BadOperandCount) {
  expect_error_at(".reg .b32 %r1;\n  add.s32 %r1, %r1;", "7:3", "'add' expects 3 operands, got 2");
}

TEST(Errors, DuplicateLabel) { expect_error_at("$L1:\n$L1:\n  ret;", "7:1", "duplicate label '$L1'"); }

TEST(Errors, PredicateUsedAsValue) {
  expect_error_at(".reg .pred %p1; .reg .b32 %r1;\n  add.s32 %r1, %p1, 1;", "7:16", "predicate '%p1'");
}

TEST(Errors, RegisterUsedAsGuard) {
  expect_error_at(".reg .b32 %r1;\n  @%r1 ret;", "7:3", "not a predicate");
}

TEST(Errors, UnsupportedModifier) {
  expect_error_at(".reg .b32 %r1;\n  add.foo.s32 %r1, %r1, 1;", "7:3", "unsupported modifier '.foo'");
}

TEST(Errors, WrongStateSpaceForSymbol) {
  std::string msg =
      compile_error(ptx_module(".shared .b32 s;\n.visible .entry k()\n{\n.reg .b32 %r1;\n"
                               "  ld.global.u32 %r1, [s];\n}\n"));
  EXPECT_NE(msg.find("test.ptx:8:"), std::string::npos) << msg;
}

TEST(Errors, VectorWidthMismatch) {
  expect_error_at(".reg .b32 %r<3>;\n  ld.global.v4.u32 {%r1, %r2}, [0];", "7:20", "4 elements");
}

TEST(Errors, RedefinedFunction) {
  std::string msg = compile_error(ptx_module(".func f()\n{\nret;\n}\n.func f()\n{\nret;\n}\n"));
  EXPECT_NE(msg.find("test.ptx:8:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("redefinition"), std::string::npos) << msg;
}

TEST(Errors, UndefinedSymbolInInitializer) {
  std::string msg = compile_error(ptx_module(".global .u64 p = nowhere;\n"));
  EXPECT_NE(msg.find("'nowhere'"), std::string::npos) << msg;
}

// Hand-built ASTs the parser would never produce must not crash the finalizer either.
TEST(Errors, OddAstsAreRejectedNotCrashed) {
  std::vector<ptx::Instruction> insts;
  auto add = [&](std::string opcode, std::vector<std::string> mods, std::vector<ptx::Operand> ops) {
    ptx::Instruction in;
    in.opcode = std::move(opcode);
    in.modifiers = std::move(mods);
    in.operands = std::move(ops);
    in.loc = {3, 4};
    insts.push_back(std::move(in));
  };
  ptx::Operand vec;
  vec.kind = ptx::Operand::Kind::Vector;
  ptx::Operand list;
  list.kind = ptx::Operand::Kind::ParamList;
  add("mov", {"b64"}, {vec, vec});
  add("ld", {}, {list});
  add("st", {"v4", "u32"}, {list, vec});
  add("setp", {"lt", "and"}, {});
  add("call", {}, {list, list, list});
  add("cvt", {"f32"}, {vec, list});
  add("bra", {}, {vec});
  add("add", {"s32"}, {list, vec, vec});
  for (size_t i = 0; i < insts.size(); ++i) {
    ptx::Module m;
    m.source_name = "ast.ptx";
    ptx::Function g;
    g.is_entry = true;
    g.has_body = true;
    g.name = "k";
    g.body.statements.emplace_back(insts[i]);
    m.functions.push_back(std::move(g));
    Expected<isa::Module> r = finalize(m);
    ASSERT_FALSE(r.ok()) << i;
    EXPECT_EQ(r.error().message.rfind("ast.ptx:", 0), 0u) << r.error().message;
  }
}

}  // namespace
}  // namespace canopy::compiler::test
