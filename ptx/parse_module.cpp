// The parser's token helpers, module-level directives and function headers.
#include <utility>

#include "ptx/names.h"
#include "ptx/parser.h"
#include "ptx/parser_impl.h"

namespace canopy::ptx {

Parser::Parser(std::string_view text, std::string source_name)
    : lexer_(text), source_name_(std::move(source_name)) {
  module_.source_name = source_name_;
}

Expected<Module> Parser::run() {
  while (!at_end() && !error_) {
    if (!parse_module_item()) break;
  }
  if (!error_ && peek().kind == TokenKind::Error) fail(peek(), "");
  if (error_) return *error_;
  return std::move(module_);
}

Expected<Module> parse(std::string_view text, std::string source_name) {
  return Parser(text, std::move(source_name)).run();
}

// ---- token helpers ----

Token Parser::peek(size_t ahead) {
  while (window_count_ <= ahead) {
    window_[(window_head_ + window_count_) % kLookahead] = lexer_.next();
    ++window_count_;
  }
  return window_[(window_head_ + ahead) % kLookahead];
}

Token Parser::next() {
  Token t = peek();
  if (t.kind != TokenKind::End && t.kind != TokenKind::Error) {
    window_head_ = (window_head_ + 1) % kLookahead;
    --window_count_;
  }
  return t;
}

bool Parser::at_punct(char c, size_t ahead) {
  Token t = peek(ahead);
  return t.kind == TokenKind::Punct && t.punct == c;
}

bool Parser::at_directive(std::string_view word) {
  Token t = peek();
  return t.kind == TokenKind::Directive && t.text == word;
}

bool Parser::at_end() {
  TokenKind k = peek().kind;
  return k == TokenKind::End || k == TokenKind::Error;
}

bool Parser::accept_punct(char c) {
  if (!at_punct(c)) return false;
  next();
  return true;
}

bool Parser::fail(const Token& at, std::string message) {
  if (error_) return false;
  if (at.kind == TokenKind::Error) message = lexer_.error();  // the lexer's diagnosis is the precise one
  error_ = make_error(format_diagnostic(source_name_, {at.line, at.column}, message));
  return false;
}

std::string Parser::describe(const Token& token) {
  if (token.kind == TokenKind::End) return "end of file";
  std::string quoted = "'";
  quoted += token.text;
  quoted += '\'';
  return quoted;
}

bool Parser::fail_unexpected(const Token& at, std::string_view expected) {
  return fail(at, "expected " + std::string(expected) + ", found " + describe(at));
}

bool Parser::expect_punct(char c, std::string_view context) {
  if (accept_punct(c)) return true;
  std::string what = "'";
  what += c;
  what += '\'';
  if (!context.empty()) {
    what += ' ';
    what += context;
  }
  return fail_unexpected(peek(), what);
}

bool Parser::expect_integer(uint64_t& value, std::string_view what) {
  if (peek().kind != TokenKind::Integer) return fail_unexpected(peek(), what);
  value = next().value;
  return true;
}

bool Parser::expect_u32(uint32_t& value, std::string_view what) {
  const Token& t = peek();
  uint64_t v = 0;
  if (!expect_integer(v, what)) return false;
  if (v > UINT32_MAX) return fail(t, "value out of range");
  value = static_cast<uint32_t>(v);
  return true;
}

bool Parser::expect_identifier(std::string& name, std::string_view what) {
  if (peek().kind != TokenKind::Identifier) return fail_unexpected(peek(), what);
  name = std::string(next().text);
  return true;
}

bool Parser::expect_string(std::string& text, std::string_view what) {
  if (peek().kind != TokenKind::String) return fail_unexpected(peek(), what);
  std::string_view raw = next().text;
  raw = raw.substr(1, raw.size() - 2);
  text.clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      c = raw[++i];
      if (c == 'n') c = '\n';
      if (c == 't') c = '\t';
    }
    text += c;
  }
  return true;
}

bool Parser::check_depth(int depth, const Token& at) {
  if (depth <= kMaxNestingDepth) return true;
  return fail(at, "nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels");
}

// ---- module level ----

bool Parser::parse_module_item() {
  const Token& t = peek();
  if (t.kind != TokenKind::Directive) return fail_unexpected(t, "a directive");
  std::string_view word = t.text;
  if (word == ".version") return parse_version();
  if (word == ".target") return parse_target();
  if (word == ".address_size") {
    next();
    return expect_u32(module_.address_size, "an address size");
  }
  if (word == ".file") return parse_file();
  if (word == ".section") return skip_section();
  if (word == ".alias") return parse_alias();
  if (word == ".loc") return parse_loc();
  if (word == ".pragma") {  // module-scope pragmas carry nothing the simulator uses
    next();
    std::vector<std::string> ignored;
    return parse_pragma_strings(ignored);
  }

  Linkage linkage;
  while (peek().kind == TokenKind::Directive) {
    std::string_view w = peek().text;
    if (w == ".visible")
      linkage.is_visible = true;
    else if (w == ".extern")
      linkage.is_extern = true;
    else if (w == ".weak")
      linkage.is_weak = true;
    else if (w == ".common")
      linkage.is_common = true;
    else
      break;
    next();
  }
  const Token& what = peek();
  if (what.kind == TokenKind::Directive) {
    if (what.text == ".entry" || what.text == ".func") return parse_function(linkage);
    if (space_from_name(what.text.substr(1))) return parse_var_decls(linkage, module_.globals);
    return fail(what, "unknown directive '" + std::string(what.text) + "'");
  }
  return fail_unexpected(what, "'.entry', '.func' or a variable declaration");
}

bool Parser::parse_version() {
  next();
  const Token& t = peek();
  if (t.kind == TokenKind::Integer) {
    if (t.value > 1000) return fail(t, "bad PTX version");
    module_.version_major = static_cast<uint32_t>(next().value);
    module_.version_minor = 0;
    return true;
  }
  // A version such as 7.5 lexes as a decimal float; read its two digit groups from the text.
  size_t dot = t.text.find('.');
  if (t.kind != TokenKind::Float || dot == std::string_view::npos || dot == 0 || dot + 1 >= t.text.size() ||
      dot > 4 || t.text.size() - dot > 5) {
    return fail_unexpected(t, "a version number such as 7.5");
  }
  uint32_t major = 0, minor = 0;
  for (size_t i = 0; i < dot; ++i) major = major * 10 + static_cast<uint32_t>(t.text[i] - '0');
  for (size_t i = dot + 1; i < t.text.size(); ++i) {
    char c = t.text[i];
    if (c < '0' || c > '9') return fail(t, "bad PTX version");
    minor = minor * 10 + static_cast<uint32_t>(c - '0');
  }
  module_.version_major = major;
  module_.version_minor = minor;
  next();
  return true;
}

bool Parser::parse_target() {
  next();
  do {
    std::string name;
    if (!expect_identifier(name, "a target name")) return false;
    module_.targets.push_back(std::move(name));
  } while (accept_punct(','));
  return true;
}

// .file N "name" [, timestamp, size]
bool Parser::parse_file() {
  next();
  uint32_t index = 0;
  std::string name;
  if (!expect_u32(index, "a file number") || !expect_string(name, "a file name")) return false;
  while (accept_punct(',')) {
    uint64_t ignored = 0;
    if (!expect_integer(ignored, "a timestamp or file size")) return false;
  }
  module_.files[index] = std::move(name);
  return true;
}

bool Parser::parse_alias() {
  Alias alias;
  alias.loc = {peek().line, peek().column};
  next();
  if (!expect_identifier(alias.alias, "an alias name") || !expect_punct(',', "in .alias") ||
      !expect_identifier(alias.aliasee, "an aliased function name") || !expect_punct(';', "after .alias")) {
    return false;
  }
  module_.aliases.push_back(std::move(alias));
  return true;
}

// `.section .debug_info { ... }`: DWARF data the simulator does not use, skipped by brace matching.
bool Parser::skip_section() {
  next();
  if (peek().kind != TokenKind::Directive && peek().kind != TokenKind::Identifier)
    return fail_unexpected(peek(), "a section name");
  next();
  if (!expect_punct('{', "to open the section")) return false;
  int depth = 1;
  while (depth > 0) {
    const Token& t = peek();
    if (t.kind == TokenKind::Error) return fail(t, "");
    if (t.kind == TokenKind::End) return fail(t, "unexpected end of file in .section (missing '}')");
    if (t.kind == TokenKind::Punct && t.punct == '{') ++depth;
    if (t.kind == TokenKind::Punct && t.punct == '}') --depth;
    next();
  }
  return true;
}

// ---- functions ----

bool Parser::parse_function(const Linkage& linkage) {
  Function fn;
  const Token& kw = next();
  fn.loc = {kw.line, kw.column};
  fn.is_entry = kw.text == ".entry";
  fn.is_visible = linkage.is_visible;
  fn.is_extern = linkage.is_extern;
  fn.is_weak = linkage.is_weak;
  if (!fn.is_entry && at_punct('(') && !parse_param_list(fn.returns, false)) return false;
  if (!expect_identifier(fn.name, "a function name")) return false;
  if (at_punct('(') && !parse_param_list(fn.params, false)) return false;
  if (!parse_perf_directives(fn.perf)) return false;
  if (accept_punct(';')) {
    module_.functions.push_back(std::move(fn));
    return true;
  }
  if (!at_punct('{')) return fail_unexpected(peek(), "'{' or ';' after the function header");
  const Token& open = next();
  fn.has_body = true;
  fn.body.loc = {open.line, open.column};
  current_loc_.reset();
  if (!parse_block_body(fn.body, 1)) return false;
  module_.functions.push_back(std::move(fn));
  return true;
}

bool Parser::parse_param_list(std::vector<Param>& out, bool in_prototype) {
  if (!expect_punct('(', "to open a parameter list")) return false;
  if (accept_punct(')')) return true;
  do {
    Param param;
    if (!parse_param(param, in_prototype)) return false;
    out.push_back(std::move(param));
  } while (accept_punct(','));
  return expect_punct(')', "to close the parameter list");
}

// `.param .u64 .ptr .global .align 16 name`, `.param .align 8 .b8 name[16]`, `.reg .b32 name`.
bool Parser::parse_param(Param& param, bool in_prototype) {
  const Token& first = peek();
  param.loc = {first.line, first.column};
  if (at_directive(".param"))
    param.space = StateSpace::Param;
  else if (at_directive(".reg"))
    param.space = StateSpace::Reg;
  else
    return fail_unexpected(first, "'.param' or '.reg'");
  next();
  while (peek().kind == TokenKind::Directive) {
    const Token& t = next();
    std::string_view word = t.text.substr(1);
    if (word == "align") {
      uint32_t align = 0;
      if (!expect_u32(align, "an alignment")) return false;
      (param.is_ptr ? param.ptr_align : param.align) = align;
    } else if (word == "ptr") {
      param.is_ptr = true;
    } else if (auto type = type_from_name(word)) {
      param.type = *type;
    } else if (auto space = space_from_name(word); space && param.is_ptr) {
      param.ptr_space = *space;
    } else {
      return fail(t, "unexpected '" + std::string(t.text) + "' in a parameter declaration");
    }
  }
  if (param.type == Type::None) return fail_unexpected(peek(), "a parameter type");
  if (!expect_identifier(param.name, "a parameter name")) return false;
  if (in_prototype && param.name == "_") param.name.clear();
  return parse_dims(param.dims);
}

bool Parser::parse_dims(std::vector<uint64_t>& dims) {
  while (accept_punct('[')) {
    uint64_t n = 0;
    if (!at_punct(']') && !expect_integer(n, "an array size")) return false;
    if (!expect_punct(']', "to close the array size")) return false;
    dims.push_back(n);
  }
  return true;
}

bool Parser::parse_perf_directives(PerfDirectives& perf) {
  while (peek().kind == TokenKind::Directive) {
    const Token& t = peek();
    std::string_view word = t.text;
    if (word == ".maxntid" || word == ".reqntid") {
      next();
      auto& dims = word == ".maxntid" ? perf.maxntid : perf.reqntid;
      dims.clear();
      do {
        uint32_t n = 0;
        if (dims.size() == 3) return fail(peek(), "at most three dimensions");
        if (!expect_u32(n, "a thread count")) return false;
        dims.push_back(n);
      } while (accept_punct(','));
    } else if (word == ".minnctapersm" || word == ".maxnctapersm" || word == ".maxnreg") {
      next();
      uint32_t& field = word == ".minnctapersm"   ? perf.minnctapersm
                        : word == ".maxnctapersm" ? perf.maxnctapersm
                                                  : perf.maxnreg;
      if (!expect_u32(field, "a count")) return false;
    } else if (word == ".noreturn") {
      next();
      perf.noreturn = true;
    } else if (word == ".pragma") {
      next();
      if (!parse_pragma_strings(perf.pragmas)) return false;
    } else if (word == ".reqnctapercluster" || word == ".maxclusterrank" || word == ".abi_preserve" ||
               word == ".abi_preserve_control") {
      // Cluster and ABI hints do not change what a functional simulator computes.
      next();
      do {
        uint64_t ignored = 0;
        if (!expect_integer(ignored, "a count")) return false;
      } while (accept_punct(','));
    } else if (word == ".explicitcluster" || word == ".blocksareclusters") {
      next();
    } else {
      return fail(t, "unknown directive '" + std::string(word) + "' in a function header");
    }
  }
  return true;
}

}  // namespace canopy::ptx
