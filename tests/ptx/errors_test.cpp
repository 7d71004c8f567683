// Every error is "name:line:col: message" pointing at the offending token.
#include <gtest/gtest.h>

#include "tests/ptx/ptx_test_util.h"

namespace canopy::ptx {
namespace {

using testing::parse_error;

struct ErrorCase {
  const char* what;
  std::string text;
  const char* expected;  // full message
};

std::string func(const std::string& body) { return ".func f()\n{\n" + body + "\n}\n"; }

TEST(ParseErrors, ReportFileLineColumnAndMessage) {
  const ErrorCase cases[] = {
      {"missing semicolon", func("  add.s32 %r1, %r2, %r3\n  ret;"),
       "t.ptx:4:3: expected ';' after the instruction, found 'ret'"},
      {"unknown module directive", ".version 7.5\n.bogus 1\n", "t.ptx:2:1: unknown directive '.bogus'"},
      {"unknown body directive", func("  .bogus;"), "t.ptx:3:3: unknown directive '.bogus'"},
      {"unbalanced open brace", ".func f()\n{\n  ret;\n",
       "t.ptx:4:1: expected '}' to close the block, found end of file"},
      {"stray closing brace", "}\n", "t.ptx:1:1: expected a directive, found '}'"},
      {"unterminated comment", ".version 7.5\n  /* never closed\n", "t.ptx:2:3: unterminated comment"},
      {"unterminated string", ".file 1 \"abc\n", "t.ptx:1:9: unterminated string"},
      {"bad number", func("  mov.u32 %r1, 0x;"), "t.ptx:3:16: bad number: missing digits"},
      {"bad float literal", func("  mov.f32 %f1, 0f3F8;"),
       "t.ptx:3:16: bad floating-point literal: expected 8 hex digits"},
      {"missing parameter name", ".entry k(.param .u32)\n{ ret; }",
       "t.ptx:1:21: expected a parameter name, found ')'"},
      {"missing parameter type", ".entry k(.param p)\n{ ret; }",
       "t.ptx:1:17: expected a parameter type, found 'p'"},
      {"missing close bracket", func("  ld.u32 %r1, [%rd1;"),
       "t.ptx:3:20: expected ']' to close the address, found ';'"},
      {"bad operand", func("  add.s32 %r1, , %r2;"), "t.ptx:3:16: expected an operand, found ','"},
      {"bad version", ".version sm_80\n", "t.ptx:1:10: expected a version number such as 7.5, found 'sm_80'"},
      {"float for integer variable", ".global .u32 x = 1.5;",
       "t.ptx:1:18: floating-point initializer for a variable of type .u32"},
      {"missing declaration semicolon", ".global .u32 x\n.global .u32 y;",
       "t.ptx:2:1: expected ';' after the declaration, found '.global'"},
      {"value out of range", ".entry k() .maxntid 4294967296\n{ ret; }", "t.ptx:1:21: value out of range"},
      {"unknown header directive", ".entry k() .fast\n{ ret; }",
       "t.ptx:1:12: unknown directive '.fast' in a function header"},
      {"missing declaration type", func("  .reg %r1;"),
       "t.ptx:3:8: expected a type in the declaration, found '%r1'"},
      {"guard without opcode", func("  @%p1;"), "t.ptx:3:7: expected an opcode, found ';'"},
      {"unterminated section", ".section .debug_info {\n.b8 1\n",
       "t.ptx:3:1: unexpected end of file in .section (missing '}')"},
      {"instruction at module scope", "add.s32 %r1, %r2, %r3;",
       "t.ptx:1:1: expected a directive, found 'add'"},
      {"bad register count", func("  .reg .b32 %r<x>;"), "t.ptx:3:16: expected a register count, found 'x'"},
      {"bad loc", func("  .loc 1 2 3, bogus"),
       "t.ptx:3:15: expected 'function_name' or 'inlined_at', found 'bogus'"},
      {"bad character", func("  mov.u32 %r1, #3;"), "t.ptx:3:16: unexpected character '#'"},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_error(c.text), c.expected) << c.what;
}

TEST(ParseErrors, FirstErrorInTextOrderWinsOverALaterLexicalError) {
  EXPECT_EQ(parse_error(".bogus\n/* unterminated"), "t.ptx:1:1: unknown directive '.bogus'");
}

TEST(ParseErrors, SourceNameIsUsedInTheMessage) {
  EXPECT_EQ(parse_error("}", "kernels/my file.ptx"),
            "kernels/my file.ptx:1:1: expected a directive, found '}'");
}

TEST(ParseErrors, DeepBlockNestingIsAnErrorNotACrash) {
  std::string text = ".func f()\n{\n" + std::string(100000, '{');
  EXPECT_EQ(parse_error(text), "t.ptx:3:256: nesting deeper than 256 levels");
}

TEST(ParseErrors, DeepInitializerAndOperandNestingIsAnErrorNotACrash) {
  std::string init = ".global .u32 x[1] = " + std::string(100000, '{');
  EXPECT_NE(parse_error(init).find("nesting deeper than 256 levels"), std::string::npos);
  std::string operands = func("  mov.b32 %r1, " + std::string(100000, '{'));
  EXPECT_NE(parse_error(operands).find("nesting deeper than 256 levels"), std::string::npos);
  std::string address = func("  tex.1d %r1, " + std::string(100000, '['));
  EXPECT_NE(parse_error(address).find("t.ptx:3:"), std::string::npos);
}

TEST(ParseErrors, NestingJustBelowTheLimitIsAccepted) {
  std::string text = ".func f()\n{\n" + std::string(255, '{') + std::string(256, '}');
  EXPECT_EQ(parse_error(text), "<no error>");
}

}  // namespace
}  // namespace canopy::ptx
