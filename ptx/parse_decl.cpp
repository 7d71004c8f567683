// Variable declarations (module and body scope) and their initializers.
#include "ptx/float_bits.h"
#include "ptx/names.h"
#include "ptx/parser_impl.h"

namespace canopy::ptx {
namespace {

bool is_float_type(Type t) { return t == Type::F32 || t == Type::F64 || t == Type::F16 || t == Type::BF16; }

bool is_hex_float(const Token& t) {
  return t.text.size() > 1 && t.text[0] == '0' &&
         (t.text[1] == 'f' || t.text[1] == 'F' || t.text[1] == 'd' || t.text[1] == 'D');
}

uint64_t mask_to(uint64_t bits, unsigned width) {
  return width >= 64 ? bits : bits & ((uint64_t{1} << width) - 1);
}

}  // namespace

// `.global .align 4 .v2 .f32 a, b[4] = {...};` (state space token first; linkage already read).
bool Parser::parse_var_decls(const Linkage& linkage, std::vector<VarDecl>& out) {
  VarDecl common;
  const Token& space_token = next();
  common.space = *space_from_name(space_token.text.substr(1));
  common.is_visible = linkage.is_visible;
  common.is_extern = linkage.is_extern;
  common.is_weak = linkage.is_weak;
  common.is_common = linkage.is_common;
  while (peek().kind == TokenKind::Directive) {
    const Token& t = next();
    std::string_view word = t.text.substr(1);
    if (word == "align") {
      if (!expect_u32(common.align, "an alignment")) return false;
    } else if (word == "v2" || word == "v4" || word == "v8") {
      common.vector_width = static_cast<uint32_t>(word[1] - '0');
    } else if (word == "attribute") {
      // `.attribute(.managed)`: managed memory is ordinary global memory to a simulator.
      if (!expect_punct('(', "after .attribute")) return false;
      while (peek().kind == TokenKind::Directive || at_punct(',')) next();
      if (!expect_punct(')', "to close .attribute")) return false;
    } else if (auto type = type_from_name(word)) {
      common.type = *type;
    } else {
      return fail(t, "unexpected '" + std::string(t.text) + "' in a declaration");
    }
  }
  if (common.type == Type::None) return fail_unexpected(peek(), "a type in the declaration");
  do {
    VarDecl var = common;
    var.loc = {peek().line, peek().column};
    if (!expect_identifier(var.name, "a variable name")) return false;
    if (accept_punct('<')) {
      if (!expect_u32(var.range_count, "a register count") || !expect_punct('>', "to close the count"))
        return false;
    }
    if (!parse_dims(var.dims)) return false;
    if (accept_punct('=') && !parse_initializer(var)) return false;
    out.push_back(std::move(var));
  } while (accept_punct(','));
  return expect_punct(';', "after the declaration");
}

bool Parser::parse_initializer(VarDecl& var) {
  if (at_punct('{')) return parse_init_list(var, 1);
  return parse_init_element(var);
}

// Nested braces flatten: `{{1, 2}, {3, 4}}` gives four elements in row-major order.
bool Parser::parse_init_list(VarDecl& var, int depth) {
  if (!check_depth(depth, peek())) return false;
  if (!expect_punct('{', "")) return false;
  if (accept_punct('}')) return true;
  do {
    bool ok = at_punct('{') ? parse_init_list(var, depth + 1) : parse_init_element(var);
    if (!ok) return false;
  } while (accept_punct(','));
  return expect_punct('}', "to close the initializer");
}

bool Parser::parse_init_element(VarDecl& var) {
  InitElement element;
  bool negate = accept_punct('-');
  const Token& t = peek();
  if (t.kind == TokenKind::Integer || t.kind == TokenKind::Float) {
    next();
    if (!convert_init_number(t, negate, var.type, element.bits)) return false;
  } else if (!negate && t.kind == TokenKind::Identifier) {
    if (!parse_init_symbol(element)) return false;
  } else {
    return fail_unexpected(t, "an initializer value");
  }
  var.init.push_back(std::move(element));
  return true;
}

// `sym`, `sym+4`, `sym-4`, `generic(sym)`, `generic(sym)+4`, `generic(sym+4)`.
bool Parser::parse_init_symbol(InitElement& element) {
  if (peek().text == "generic" && at_punct('(', 1)) {
    next();
    next();
    element.generic = true;
    if (!expect_identifier(element.symbol, "a symbol in generic()")) return false;
    if (at_punct('+') || at_punct('-')) {
      bool minus = next().punct == '-';
      if (!parse_signed_integer(element.offset)) return false;
      if (minus) element.offset = static_cast<int64_t>(0 - static_cast<uint64_t>(element.offset));
    }
    if (!expect_punct(')', "to close generic()")) return false;
  } else {
    element.symbol = std::string(next().text);
  }
  if (at_punct('+') || at_punct('-')) {
    bool minus = next().punct == '-';
    int64_t offset = 0;
    if (!parse_signed_integer(offset)) return false;
    uint64_t delta = minus ? 0 - static_cast<uint64_t>(offset) : static_cast<uint64_t>(offset);
    element.offset = static_cast<int64_t>(static_cast<uint64_t>(element.offset) + delta);
  }
  return true;
}

// Converts a literal to the raw bits of the variable's type. Floating-point types convert the value
// (integers included); integer and bit types take integers as-is and 0f/0d literals as raw bits.
bool Parser::convert_init_number(const Token& number, bool negate, Type type, uint64_t& bits) {
  const unsigned width = type_bits(type);
  if (is_float_type(type)) {
    if (type == Type::F32 && number.kind == TokenKind::Float && !number.is_double) {
      bits = number.value ^ (negate ? 0x80000000u : 0u);
      return true;
    }
    uint64_t f64;
    if (number.kind == TokenKind::Integer) {
      f64 = int64_to_f64_bits(static_cast<int64_t>(number.value));
    } else {
      f64 = number.is_double ? number.value : f32_bits_to_f64_bits(static_cast<uint32_t>(number.value));
    }
    if (negate) f64 ^= uint64_t{1} << 63;
    switch (type) {
      case Type::F64:
        bits = f64;
        break;
      case Type::F32:
        bits = f64_bits_to_f32_bits(f64);
        break;
      case Type::F16:
        bits = f64_bits_to_f16_bits(f64);
        break;
      default:
        bits = f64_bits_to_bf16_bits(f64);
        break;
    }
    return true;
  }
  if (width == 0) return fail(number, "this type cannot have an initializer");
  if (number.kind == TokenKind::Integer) {
    bits = negate ? 0 - number.value : number.value;
  } else if (is_hex_float(number)) {
    bits = number.value ^ (negate ? (number.is_double ? uint64_t{1} << 63 : uint64_t{0x80000000u}) : 0);
  } else {
    return fail(number, "floating-point initializer for a variable of type ." + std::string(type_name(type)));
  }
  bits = mask_to(bits, width);
  return true;
}

}  // namespace canopy::ptx
