#include "ptx/lexer.h"

#include <gtest/gtest.h>

#include <cstring>

namespace canopy::ptx {
namespace {

std::vector<Token> lex_ok(std::string_view text) {
  LexResult r = tokenize(text);
  EXPECT_EQ(r.error, "") << text;
  return r.tokens;
}

uint64_t f64_bits(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

TEST(Lexer, SplitsDottedOpcodeIntoIdentifierAndDirectives) {
  auto t = lex_ok("ld.global.v4.f32 %f1");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].kind, TokenKind::Identifier);
  EXPECT_EQ(t[0].text, "ld");
  EXPECT_EQ(t[1].kind, TokenKind::Directive);
  EXPECT_EQ(t[1].text, ".global");
  EXPECT_FALSE(t[1].space_before);
  EXPECT_EQ(t[3].text, ".f32");
  EXPECT_EQ(t[4].text, "%f1");
  EXPECT_TRUE(t[4].space_before);
  EXPECT_EQ(t[5].kind, TokenKind::End);
}

TEST(Lexer, DirectiveKeepsDoubleColonQualifiers) {
  auto t = lex_ok("ld.shared::cta.u32 .2d");
  EXPECT_EQ(t[1].text, ".shared::cta");
  EXPECT_EQ(t[2].text, ".u32");
  EXPECT_EQ(t[3].text, ".2d");
}

TEST(Lexer, IntegerBases) {
  struct Case {
    const char* text;
    uint64_t value;
  } cases[] = {{"0", 0},
               {"42", 42},
               {"42U", 42},
               {"0x1F", 31},
               {"0XffU", 255},
               {"017", 15},
               {"0b1011", 11},
               {"0B1U", 1},
               {"18446744073709551615", UINT64_MAX},
               {"0xFFFFFFFFFFFFFFFF", UINT64_MAX}};
  for (const auto& c : cases) {
    auto t = lex_ok(c.text);
    ASSERT_EQ(t[0].kind, TokenKind::Integer) << c.text;
    EXPECT_EQ(t[0].value, c.value) << c.text;
  }
}

TEST(Lexer, FloatLiterals) {
  auto t = lex_ok("0f3F800000 0FBF800000 0d3FF0000000000000 0D4000000000000000 1.5 1e-3 2.5E+2");
  EXPECT_EQ(t[0].value, 0x3F800000u);
  EXPECT_FALSE(t[0].is_double);
  EXPECT_EQ(t[1].value, 0xBF800000u);
  EXPECT_EQ(t[2].value, 0x3FF0000000000000u);
  EXPECT_TRUE(t[2].is_double);
  EXPECT_EQ(t[3].value, 0x4000000000000000u);
  EXPECT_EQ(t[4].value, f64_bits(1.5));
  EXPECT_TRUE(t[4].is_double);
  EXPECT_EQ(t[5].value, f64_bits(1e-3));
  EXPECT_EQ(t[6].value, f64_bits(250.0));
  for (int i = 0; i < 7; ++i) EXPECT_EQ(t[static_cast<size_t>(i)].kind, TokenKind::Float);
}

TEST(Lexer, VersionNumberIsADecimalFloatToken) {
  auto t = lex_ok(".version 7.5");
  EXPECT_EQ(t[1].kind, TokenKind::Float);
  EXPECT_EQ(t[1].text, "7.5");
}

TEST(Lexer, CommentsAreSkippedAndPositionsTracked) {
  auto t = lex_ok("// line comment\n/* block\n comment */ add // trailing\n\t  sub");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].text, "add");
  EXPECT_EQ(t[0].line, 3u);
  EXPECT_EQ(t[0].column, 13u);
  EXPECT_EQ(t[1].text, "sub");
  EXPECT_EQ(t[1].line, 4u);
  EXPECT_EQ(t[1].column, 4u);
}

TEST(Lexer, StringsKeepQuotesAndEscapes) {
  auto t = lex_ok(R"(.file 1 "a\"b.cu")");
  EXPECT_EQ(t[2].kind, TokenKind::String);
  EXPECT_EQ(t[2].text, R"("a\"b.cu")");
}

TEST(Lexer, IdentifierForms) {
  auto t = lex_ok("$L__BB0_1 _ %r<100> __local_depot0 %tid.x");
  EXPECT_EQ(t[0].text, "$L__BB0_1");
  EXPECT_EQ(t[1].text, "_");
  EXPECT_EQ(t[2].text, "%r");
  EXPECT_EQ(t[3].punct, '<');
  EXPECT_EQ(t[4].value, 100u);
  EXPECT_EQ(t[5].punct, '>');
  EXPECT_EQ(t[6].text, "__local_depot0");
  EXPECT_EQ(t[7].text, "%tid");
  EXPECT_EQ(t[8].text, ".x");
}

struct ErrorCase {
  const char* text;
  uint32_t line, column;
  const char* message_part;
};

TEST(Lexer, ErrorsBecomeAFinalErrorTokenAtTheOffendingPosition) {
  const ErrorCase cases[] = {
      {"add /* never closed", 1, 5, "unterminated comment"},
      {"x\n  \"open string\n", 2, 3, "unterminated string"},
      {"mov 0x;", 1, 5, "missing digits"},
      {"mov 12ab;", 1, 5, "bad number"},
      {"mov 0f3F80;", 1, 5, "8 hex digits"},
      {"mov 0d3FF0;", 1, 5, "16 hex digits"},
      {"mov 0b12;", 1, 5, "bad number"},
      {"mov 09;", 1, 5, "bad number"},
      {"mov 1e+;", 1, 5, "exponent"},
      {"mov 1e999;", 1, 5, "out of range"},
      {"mov 99999999999999999999;", 1, 5, "out of range"},
      {"  a # b", 1, 5, "unexpected character '#'"},
      {"a \x01", 1, 3, "byte 1"},
  };
  for (const auto& c : cases) {
    LexResult r = tokenize(c.text);
    ASSERT_FALSE(r.tokens.empty());
    const Token& last = r.tokens.back();
    EXPECT_EQ(last.kind, TokenKind::Error) << c.text;
    EXPECT_EQ(last.line, c.line) << c.text;
    EXPECT_EQ(last.column, c.column) << c.text;
    EXPECT_NE(r.error.find(c.message_part), std::string::npos) << c.text << " -> " << r.error;
  }
}

TEST(Lexer, EmptyInputIsJustEnd) {
  auto t = lex_ok("");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].kind, TokenKind::End);
}

}  // namespace
}  // namespace canopy::ptx
