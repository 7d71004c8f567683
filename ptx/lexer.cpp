#include "ptx/lexer.h"

#include <charconv>
#include <cstring>

namespace canopy::ptx {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ident_char(char c) { return is_alpha(c) || is_digit(c) || c == '_' || c == '$'; }

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_punct(char c) { return std::strchr(",;:[]{}()<>+-!@=|*", c) != nullptr && c != '\0'; }

}  // namespace

Token Lexer::next() {
  if (!error_.empty()) return error_token();
  bool space = skip_space_and_comments();
  if (!error_.empty()) return error_token();
  if (pos_ >= text_.size()) return make_token(TokenKind::End, pos_, pos_, space);
  Token tok = lex_token(space);
  if (!error_.empty()) return error_token();
  return tok;
}

LexResult tokenize(std::string_view text) {
  LexResult result;
  Lexer lexer(text);
  while (true) {
    result.tokens.push_back(lexer.next());
    TokenKind kind = result.tokens.back().kind;
    if (kind == TokenKind::End || kind == TokenKind::Error) break;
  }
  result.error = lexer.error();
  return result;
}

Token Lexer::error_token() const {
  Token err;
  err.kind = TokenKind::Error;
  err.line = error_line_;
  err.column = error_column_;
  return err;
}

char Lexer::peek(size_t ahead) const {
  size_t p = pos_ + ahead;
  return p < text_.size() ? text_[p] : '\0';
}

void Lexer::fail_at(size_t p, std::string message) {
  if (!error_.empty()) return;
  error_ = std::move(message);
  error_line_ = line_;
  error_column_ = column_of(p);
}

void Lexer::newline_at(size_t p) {
  ++line_;
  line_start_ = p + 1;
}

// Returns whether anything was skipped.
bool Lexer::skip_space_and_comments() {
  size_t start = pos_;
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == '\n') {
      newline_at(pos_);
      ++pos_;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++pos_;
    } else if (c == '/' && peek(1) == '/') {
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    } else if (c == '/' && peek(1) == '*') {
      size_t comment = pos_;
      uint32_t comment_line = line_;
      size_t comment_line_start = line_start_;
      pos_ += 2;
      while (pos_ < text_.size() && !(text_[pos_] == '*' && peek(1) == '/')) {
        if (text_[pos_] == '\n') newline_at(pos_);
        ++pos_;
      }
      if (pos_ >= text_.size()) {
        line_ = comment_line;
        line_start_ = comment_line_start;
        fail_at(comment, "unterminated comment");
        return true;
      }
      pos_ += 2;
    } else {
      break;
    }
  }
  return pos_ != start;
}

Token Lexer::make_token(TokenKind kind, size_t begin, size_t end, bool space) const {
  Token t;
  t.kind = kind;
  t.space_before = space;
  t.line = line_;
  t.column = column_of(begin);
  t.text = text_.substr(begin, end - begin);
  return t;
}

Token Lexer::lex_token(bool space) {
  size_t begin = pos_;
  char c = text_[pos_];
  if (is_alpha(c) || ((c == '_' || c == '$' || c == '%') && (c != '%' || is_ident_char(peek(1))))) {
    ++pos_;
    while (pos_ < text_.size() && is_ident_char(text_[pos_])) ++pos_;
    return make_token(TokenKind::Identifier, begin, pos_, space);
  }
  if (c == '.' && is_ident_char(peek(1))) return lex_directive(space);
  if (is_digit(c)) return lex_number(space);
  if (c == '"') return lex_string(space);
  if (is_punct(c)) {
    ++pos_;
    Token t = make_token(TokenKind::Punct, begin, pos_, space);
    t.punct = c;
    return t;
  }
  std::string shown = (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f)
                          ? std::string("'") + c + "'"
                          : "byte " + std::to_string(static_cast<unsigned char>(c));
  fail_at(begin, "unexpected character " + shown);
  return {};
}

// `.shared::cta` and `.mbarrier::complete_tx::bytes` keep their `::` parts in one token.
Token Lexer::lex_directive(bool space) {
  size_t begin = pos_++;
  while (pos_ < text_.size()) {
    if (is_ident_char(text_[pos_])) {
      ++pos_;
    } else if (text_[pos_] == ':' && peek(1) == ':' && is_ident_char(peek(2))) {
      pos_ += 2;
    } else {
      break;
    }
  }
  return make_token(TokenKind::Directive, begin, pos_, space);
}

Token Lexer::lex_string(bool space) {
  size_t begin = pos_++;
  while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\n') {
    if (text_[pos_] == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] != '\n') ++pos_;
    ++pos_;
  }
  if (pos_ >= text_.size() || text_[pos_] != '"') {
    fail_at(begin, "unterminated string");
    return {};
  }
  ++pos_;
  return make_token(TokenKind::String, begin, pos_, space);
}

Token Lexer::lex_number(bool space) {
  size_t begin = pos_;
  char c1 = peek(1);
  if (text_[pos_] == '0' && (c1 == 'f' || c1 == 'F' || c1 == 'd' || c1 == 'D')) {
    return lex_hex_float(space, (c1 == 'd' || c1 == 'D') ? 16 : 8);
  }
  size_t p = pos_;
  while (p < text_.size() && is_digit(text_[p])) ++p;
  bool fraction = p < text_.size() && text_[p] == '.' && p + 1 < text_.size() && is_digit(text_[p + 1]);
  bool exponent = p < text_.size() && (text_[p] == 'e' || text_[p] == 'E');
  if (fraction || exponent) return lex_decimal_float(space);

  uint64_t value = 0;
  bool overflow = false;
  auto accumulate = [&](unsigned base, int digit) {
    if (value > (UINT64_MAX - static_cast<uint64_t>(digit)) / base) overflow = true;
    value = value * base + static_cast<uint64_t>(digit);
  };
  size_t digits_begin;
  if (text_[pos_] == '0' && (c1 == 'x' || c1 == 'X')) {
    pos_ += 2;
    digits_begin = pos_;
    while (pos_ < text_.size() && hex_value(text_[pos_]) >= 0) accumulate(16, hex_value(text_[pos_++]));
  } else if (text_[pos_] == '0' && (c1 == 'b' || c1 == 'B')) {
    pos_ += 2;
    digits_begin = pos_;
    while (pos_ < text_.size() && (text_[pos_] == '0' || text_[pos_] == '1'))
      accumulate(2, text_[pos_++] - '0');
  } else if (text_[pos_] == '0') {
    digits_begin = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '7')
      accumulate(8, text_[pos_++] - '0');
  } else {
    digits_begin = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) accumulate(10, text_[pos_++] - '0');
  }
  if (pos_ == digits_begin) {
    fail_at(begin, "bad number: missing digits");
    return {};
  }
  if (pos_ < text_.size() && text_[pos_] == 'U') ++pos_;
  if (pos_ < text_.size() && is_ident_char(text_[pos_])) {
    fail_at(begin, "bad number: unexpected '" + std::string(1, text_[pos_]) + "'");
    return {};
  }
  if (overflow) {
    fail_at(begin, "integer literal out of range");
    return {};
  }
  Token t = make_token(TokenKind::Integer, begin, pos_, space);
  t.value = value;
  return t;
}

Token Lexer::lex_hex_float(bool space, int digits) {
  size_t begin = pos_;
  pos_ += 2;
  uint64_t bits = 0;
  int count = 0;
  while (pos_ < text_.size() && hex_value(text_[pos_]) >= 0) {
    bits = (bits << 4) | static_cast<uint64_t>(hex_value(text_[pos_++]));
    ++count;
    if (count > digits) break;
  }
  if (count != digits || (pos_ < text_.size() && is_ident_char(text_[pos_]))) {
    fail_at(begin, "bad floating-point literal: expected " + std::to_string(digits) + " hex digits");
    return {};
  }
  Token t = make_token(TokenKind::Float, begin, pos_, space);
  t.value = bits;
  t.is_double = digits == 16;
  return t;
}

Token Lexer::lex_decimal_float(bool space) {
  size_t begin = pos_;
  while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '.') {
    ++pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    size_t exp_digits = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    if (pos_ == exp_digits) {
      fail_at(begin, "bad number: missing exponent digits");
      return {};
    }
  }
  if (pos_ < text_.size() && is_ident_char(text_[pos_])) {
    fail_at(begin, "bad number: unexpected '" + std::string(1, text_[pos_]) + "'");
    return {};
  }
  double d = 0;
  auto res = std::from_chars(text_.data() + begin, text_.data() + pos_, d);
  if (res.ec != std::errc() || res.ptr != text_.data() + pos_) {
    fail_at(begin, "floating-point literal out of range");
    return {};
  }
  Token t = make_token(TokenKind::Float, begin, pos_, space);
  std::memcpy(&t.value, &d, sizeof d);
  t.is_double = true;
  return t;
}

}  // namespace canopy::ptx
