// Function bodies: blocks, declarations, labels, prototypes, `.loc`, and instructions with their operands.
#include <iterator>
#include <memory>

#include "ptx/names.h"
#include "ptx/parser_impl.h"

namespace canopy::ptx {
namespace {

SourceLoc loc_of(const Token& t) { return {t.line, t.column}; }

bool is_linkage(std::string_view word) {
  return word == ".visible" || word == ".extern" || word == ".weak" || word == ".common";
}

}  // namespace

bool Parser::parse_block_body(Block& block, int depth) {
  if (!check_depth(depth, peek())) return false;
  while (true) {
    if (accept_punct('}')) return true;
    if (peek().kind == TokenKind::End)
      return fail(peek(), "expected '}' to close the block, found end of file");
    if (!parse_statement(block, depth)) return false;
  }
}

bool Parser::parse_statement(Block& block, int depth) {
  const Token& t = peek();
  if (t.kind == TokenKind::Punct && t.punct == '{') {
    if (!check_depth(depth + 1, t)) return false;
    next();
    auto inner = std::make_unique<Block>();
    inner->loc = loc_of(t);
    if (!parse_block_body(*inner, depth + 1)) return false;
    block.statements.emplace_back(std::move(inner));
    return true;
  }
  if (t.kind == TokenKind::Identifier && at_punct(':', 1)) {
    if (peek(2).kind == TokenKind::Directive && peek(2).text == ".callprototype")
      return parse_callprototype(t, block);
    next();
    next();
    block.statements.emplace_back(Label{std::string(t.text), loc_of(t)});
    return true;
  }
  if (t.kind == TokenKind::Identifier || (t.kind == TokenKind::Punct && t.punct == '@')) {
    Instruction inst;
    if (!parse_instruction(inst)) return false;
    block.statements.emplace_back(std::move(inst));
    return true;
  }
  if (t.kind != TokenKind::Directive) return fail_unexpected(t, "a statement");
  if (t.text == ".loc") return parse_loc();
  if (t.text == ".pragma") {
    next();
    std::vector<std::string> texts;
    if (!parse_pragma_strings(texts)) return false;
    for (auto& text : texts) block.statements.emplace_back(Pragma{std::move(text), loc_of(t)});
    return true;
  }
  Linkage linkage;
  while (peek().kind == TokenKind::Directive && is_linkage(peek().text)) {
    std::string_view w = next().text;
    linkage.is_visible |= w == ".visible";
    linkage.is_extern |= w == ".extern";
    linkage.is_weak |= w == ".weak";
    linkage.is_common |= w == ".common";
  }
  const Token& what = peek();
  if (what.kind != TokenKind::Directive || !space_from_name(what.text.substr(1))) {
    if (what.kind == TokenKind::Directive)
      return fail(what, "unknown directive '" + std::string(what.text) + "'");
    return fail_unexpected(what, "a declaration");
  }
  std::vector<VarDecl> vars;
  if (!parse_var_decls(linkage, vars)) return false;
  for (auto& v : vars) block.statements.emplace_back(std::move(v));
  return true;
}

// `.loc file line column [, function_name label [+ offset], inlined_at file line column]`.
// Only the first position is kept: it is where the instruction's source text is.
bool Parser::parse_loc() {
  next();
  DebugLoc loc;
  if (!expect_u32(loc.file, "a file number") || !expect_u32(loc.line, "a line number")) return false;
  if (peek().kind == TokenKind::Integer && !expect_u32(loc.column, "a column")) return false;
  while (accept_punct(',')) {
    const Token& key = peek();
    if (key.kind == TokenKind::Identifier && key.text == "function_name") {
      next();
      std::string label;
      if (!expect_identifier(label, "a label")) return false;
      if (accept_punct('+')) {
        uint64_t ignored = 0;
        if (!expect_integer(ignored, "an offset")) return false;
      }
    } else if (key.kind == TokenKind::Identifier && key.text == "inlined_at") {
      next();
      uint32_t ignored = 0;
      for (int i = 0; i < 3; ++i)
        if (!expect_u32(ignored, "an inlined_at position")) return false;
    } else {
      return fail_unexpected(key, "'function_name' or 'inlined_at'");
    }
  }
  current_loc_ = loc;
  return true;
}

// After `.pragma`: "a" [, "b"]... ;
bool Parser::parse_pragma_strings(std::vector<std::string>& out) {
  do {
    std::string text;
    if (!expect_string(text, "a pragma string")) return false;
    out.push_back(std::move(text));
  } while (accept_punct(','));
  return expect_punct(';', "after .pragma");
}

// `name : .callprototype (.param .b32 _) _ (.param .b64 _, .param .b32 _);` (returns optional).
bool Parser::parse_callprototype(const Token& label, Block& block) {
  CallPrototype proto;
  proto.name = std::string(label.text);
  proto.loc = loc_of(label);
  next();
  next();
  next();
  if (at_punct('(') && !parse_param_list(proto.returns, true)) return false;
  if (peek().kind != TokenKind::Identifier || peek().text != "_") return fail_unexpected(peek(), "'_'");
  next();
  if (!parse_param_list(proto.params, true)) return false;
  if (at_directive(".noreturn")) next();
  if (!expect_punct(';', "after .callprototype")) return false;
  block.statements.emplace_back(std::move(proto));
  return true;
}

bool Parser::parse_instruction(Instruction& inst) {
  inst.loc = loc_of(peek());
  if (accept_punct('@')) {
    Guard guard;
    guard.negated = accept_punct('!');
    if (!expect_identifier(guard.predicate, "a guard predicate")) return false;
    inst.guard = std::move(guard);
  }
  if (!expect_identifier(inst.opcode, "an opcode")) return false;
  modifier_scratch_.clear();
  while (peek().kind == TokenKind::Directive) modifier_scratch_.emplace_back(next().text.substr(1));
  inst.modifiers.assign(std::make_move_iterator(modifier_scratch_.begin()),
                        std::make_move_iterator(modifier_scratch_.end()));
  operand_scratch_.clear();
  if (!at_punct(';')) {
    do {
      if (!parse_operand(operand_scratch_.emplace_back(), 1)) return false;
      // `setp ... %p1|%p2, ...` and `shfl ... %r1|%p1, ...`: the second destination is the next operand.
      if (accept_punct('|') && !parse_operand(operand_scratch_.emplace_back(), 1)) return false;
    } while (accept_punct(','));
  }
  inst.operands.assign(std::make_move_iterator(operand_scratch_.begin()),
                       std::make_move_iterator(operand_scratch_.end()));
  if (!expect_punct(';', "after the instruction")) return false;
  inst.debug = current_loc_;
  return true;
}

bool Parser::parse_operand(Operand& op, int depth) {
  if (!check_depth(depth, peek())) return false;
  const Token& t = peek();
  op.loc = loc_of(t);
  if (t.kind == TokenKind::Identifier || (t.kind == TokenKind::Punct && t.punct == '!')) {
    op.kind = Operand::Kind::Register;
    op.negated = accept_punct('!');
    if (!expect_identifier(op.name, "a register")) return false;
    if (peek().kind == TokenKind::Directive && !peek().space_before) {
      op.component = std::string(next().text.substr(1));
    } else if (!op.negated && at_symbol_offset()) {
      op.kind = Operand::Kind::SymbolOffset;
      bool minus = next().punct == '-';
      if (!parse_signed_integer(op.int_value)) return false;
      if (minus) op.int_value = static_cast<int64_t>(0 - static_cast<uint64_t>(op.int_value));
    }
    return true;
  }
  if (t.kind == TokenKind::Punct && t.punct == '-' && peek(1).kind == TokenKind::Float) {
    next();
    const Token& f = next();
    op.kind = Operand::Kind::FloatImm;
    op.is_double = f.is_double;
    op.float_bits = f.value ^ (f.is_double ? uint64_t{1} << 63 : uint64_t{0x80000000u});
    return true;
  }
  if (t.kind == TokenKind::Integer || (t.kind == TokenKind::Punct && t.punct == '-')) {
    op.kind = Operand::Kind::IntImm;
    return parse_signed_integer(op.int_value);
  }
  if (t.kind == TokenKind::Float) {
    next();
    op.kind = Operand::Kind::FloatImm;
    op.is_double = t.is_double;
    op.float_bits = t.value;
    return true;
  }
  if (t.kind == TokenKind::Punct && t.punct == '[') return parse_address(op, depth);
  if (t.kind == TokenKind::Punct && (t.punct == '{' || t.punct == '(')) {
    op.kind = t.punct == '{' ? Operand::Kind::Vector : Operand::Kind::ParamList;
    next();
    return parse_operand_list(op.elements, t.punct == '{' ? '}' : ')', depth + 1);
  }
  return fail_unexpected(t, "an operand");
}

// `+8`, `-8` or `+-8` after a symbol used as a value.
bool Parser::at_symbol_offset() {
  if (at_punct('-')) return peek(1).kind == TokenKind::Integer;
  if (!at_punct('+')) return false;
  return peek(1).kind == TokenKind::Integer || (at_punct('-', 1) && peek(2).kind == TokenKind::Integer);
}

// Elements up to and including `close`; the opening bracket is already consumed.
bool Parser::parse_operand_list(std::vector<Operand>& out, char close, int depth) {
  if (accept_punct(close)) return true;
  do {
    Operand element;
    if (!parse_operand(element, depth)) return false;
    out.push_back(std::move(element));
  } while (accept_punct(','));
  return expect_punct(close, "to close the list");
}

// `[%rd1]`, `[%rd1+8]`, `[%rd1+-8]`, `[%rd1-8]`, `[sym+4]`, `[1024]`, and texture forms
// `[tex, {%f1, %f2}]` / `[tex, sampler, {...}]` whose trailing parts go to `elements`.
bool Parser::parse_address(Operand& op, int depth) {
  next();
  op.kind = Operand::Kind::Address;
  if (peek().kind == TokenKind::Identifier) {
    op.address.base = std::string(next().text);
    if (at_punct('+') || at_punct('-')) {
      bool minus = next().punct == '-';
      if (!parse_signed_integer(op.address.offset)) return false;
      if (minus) op.address.offset = static_cast<int64_t>(0 - static_cast<uint64_t>(op.address.offset));
    }
  } else if (peek().kind == TokenKind::Integer || at_punct('-')) {
    if (!parse_signed_integer(op.address.offset)) return false;
  } else {
    return fail_unexpected(peek(), "a register, symbol or number in the address");
  }
  while (accept_punct(',')) {
    Operand part;
    if (!parse_operand(part, depth + 1)) return false;
    op.elements.push_back(std::move(part));
  }
  return expect_punct(']', "to close the address");
}

bool Parser::parse_signed_integer(int64_t& value) {
  bool minus = accept_punct('-');
  uint64_t v = 0;
  if (!expect_integer(v, "an integer")) return false;
  value = static_cast<int64_t>(minus ? 0 - v : v);
  return true;
}

}  // namespace canopy::ptx
