// Internals of the recursive-descent PTX parser, split over parse_module.cpp (module directives and
// function headers), parse_decl.cpp (declarations and initializers) and parse_body.cpp (statements and
// operands). Every parse_* method returns false after recording the first error; callers just unwind.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ptx/ast.h"
#include "ptx/lexer.h"
#include "support/expected.h"

namespace canopy::ptx {

struct Linkage {
  bool is_visible = false;
  bool is_extern = false;
  bool is_weak = false;
  bool is_common = false;
};

class Parser {
 public:
  Parser(std::string_view text, std::string source_name);
  Expected<Module> run();

 private:
  // Token access through a small lookahead window (peek(2) at most). Tokens are returned by value so
  // callers may keep them while the window moves. The stream ends in a sticky End or Error token.
  Token peek(size_t ahead = 0);
  Token next();
  bool at_punct(char c, size_t ahead = 0);
  bool at_directive(std::string_view word);  // word includes the dot
  bool at_end();
  bool accept_punct(char c);
  bool expect_punct(char c, std::string_view context);
  bool expect_integer(uint64_t& value, std::string_view what);
  bool expect_u32(uint32_t& value, std::string_view what);
  bool expect_identifier(std::string& name, std::string_view what);
  bool expect_string(std::string& text, std::string_view what);
  bool fail(const Token& at, std::string message);
  bool fail_unexpected(const Token& at, std::string_view expected);
  bool check_depth(int depth, const Token& at);
  static std::string describe(const Token& token);

  // parse_module.cpp
  bool parse_module_item();
  bool parse_version();
  bool parse_target();
  bool parse_file();
  bool parse_alias();
  bool skip_section();
  bool parse_function(const Linkage& linkage);
  bool parse_param_list(std::vector<Param>& out, bool in_prototype);
  bool parse_param(Param& param, bool in_prototype);
  bool parse_perf_directives(PerfDirectives& perf);
  bool parse_dims(std::vector<uint64_t>& dims);

  // parse_decl.cpp
  bool parse_var_decls(const Linkage& linkage, std::vector<VarDecl>& out);
  bool parse_initializer(VarDecl& var);
  bool parse_init_list(VarDecl& var, int depth);
  bool parse_init_element(VarDecl& var);
  bool parse_init_symbol(InitElement& element);
  bool convert_init_number(const Token& number, bool negate, Type type, uint64_t& bits);

  // parse_body.cpp
  bool parse_block_body(Block& block, int depth);  // after '{', through '}'
  bool parse_statement(Block& block, int depth);
  bool parse_loc();
  bool parse_pragma_strings(std::vector<std::string>& out);
  bool parse_callprototype(const Token& label, Block& block);
  bool parse_instruction(Instruction& inst);
  bool parse_operand(Operand& op, int depth);
  bool parse_address(Operand& op, int depth);
  bool parse_operand_list(std::vector<Operand>& out, char close, int depth);
  bool parse_signed_integer(int64_t& value);
  bool at_symbol_offset();

  static constexpr size_t kLookahead = 4;
  Lexer lexer_;
  Token window_[kLookahead];
  size_t window_head_ = 0;
  size_t window_count_ = 0;
  // Scratch for an instruction's operands and modifiers: they are moved into exactly-sized vectors, which
  // keeps a large module's memory (and page-fault time) down.
  std::vector<Operand> operand_scratch_;
  std::vector<std::string> modifier_scratch_;
  std::string source_name_;
  std::optional<Error> error_;
  std::optional<DebugLoc> current_loc_;
  Module module_;
};

}  // namespace canopy::ptx
