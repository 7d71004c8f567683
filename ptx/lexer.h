// The PTX lexer: turns text into tokens in one pass, without regexes or per-character allocation.
// Token texts are views into the source, so the source must outlive the tokens.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace canopy::ptx {

enum class TokenKind : uint8_t {
  End,         // end of input (always the last token unless an Error ends the stream)
  Error,       // a lexical error; `LexResult::error` says what; always the last token
  Identifier,  // ld, %r1, $L__BB0_1, _, sm_80 (no dots: `ld.global.u32` is `ld` + directive tokens)
  Directive,   // .global, .v4, .x, .2d, .shared::cta (text includes the leading dot)
  Integer,     // value in Token::value (two's complement bits)
  Float,       // IEEE bits in Token::value; Token::is_double says f64 (0d or decimal) or f32 (0f)
  String,      // text includes the quotes
  Punct,       // one character, in Token::punct
};

struct Token {
  TokenKind kind = TokenKind::End;
  char punct = 0;
  bool is_double = false;
  bool space_before = false;  // whitespace or a comment separates it from the previous token
  uint32_t line = 0;
  uint32_t column = 0;
  std::string_view text;
  uint64_t value = 0;
};

// Produces tokens on demand, so parsing a large file never holds a token array. After the input is
// exhausted it keeps returning End; after a lexical error it keeps returning that Error token.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}
  Token next();
  const std::string& error() const { return error_; }  // message for an Error token

 private:
  char peek(size_t ahead = 0) const;
  uint32_t column_of(size_t p) const { return static_cast<uint32_t>(p - line_start_ + 1); }
  void fail_at(size_t p, std::string message);
  void newline_at(size_t p);
  bool skip_space_and_comments();
  Token make_token(TokenKind kind, size_t begin, size_t end, bool space) const;
  Token error_token() const;
  Token lex_token(bool space);
  Token lex_directive(bool space);
  Token lex_string(bool space);
  Token lex_number(bool space);
  Token lex_hex_float(bool space, int digits);
  Token lex_decimal_float(bool space);

  std::string_view text_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  size_t line_start_ = 0;
  std::string error_;
  uint32_t error_line_ = 0;
  uint32_t error_column_ = 0;
};

struct LexResult {
  std::vector<Token> tokens;
  std::string error;  // message for a trailing Error token, empty otherwise
};

// The whole token stream at once (for tests and tools): it ends in an End or an Error token.
LexResult tokenize(std::string_view text);

}  // namespace canopy::ptx
