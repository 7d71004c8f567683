// The PTX lexer: turns text into a flat token vector in one pass, without regexes or per-character
// allocation. Token texts are views into the source, so the source must outlive the tokens.
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

struct LexResult {
  std::vector<Token> tokens;
  std::string error;  // message for a trailing Error token, empty otherwise
};

// Never fails outright: a lexical error becomes a final Error token at the offending position.
LexResult tokenize(std::string_view text);

}  // namespace canopy::ptx
