// Helpers for the PTX front-end tests: file loading and a structural AST comparison that ignores source
// positions (a printed module re-parses with different line numbers).
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <variant>

#include "ptx/ast.h"
#include "ptx/parser.h"

namespace canopy::ptx::testing {

inline std::string read_test_file(const std::string& relative) {
  std::ifstream in(std::string(CANOPY_TEST_DATA) + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Parses and fails the test (returning an empty module) on error.
inline Module parse_ok(std::string_view text, const std::string& name = "test.ptx") {
  auto result = parse(text, name);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  if (!result.ok()) return Module{};
  return std::move(result).value();
}

inline std::string parse_error(std::string_view text, const std::string& name = "t.ptx") {
  auto result = parse(text, name);
  if (result.ok()) return "<no error>";
  return result.error().message;
}

// Each diff_* returns "" when equal, else a path to the first difference.
class AstDiff {
 public:
  static std::string modules(const Module& a, const Module& b) {
    if (a.version_major != b.version_major || a.version_minor != b.version_minor) return "version";
    if (a.targets != b.targets) return "targets";
    if (a.address_size != b.address_size) return "address_size";
    if (a.files != b.files) return "files";
    if (a.aliases.size() != b.aliases.size()) return "aliases.size";
    for (size_t i = 0; i < a.aliases.size(); ++i)
      if (a.aliases[i].alias != b.aliases[i].alias || a.aliases[i].aliasee != b.aliases[i].aliasee)
        return "aliases[" + std::to_string(i) + "]";
    if (a.globals.size() != b.globals.size()) return "globals.size";
    for (size_t i = 0; i < a.globals.size(); ++i)
      if (auto d = var(a.globals[i], b.globals[i]); !d.empty())
        return "globals[" + std::to_string(i) + "]." + d;
    if (a.functions.size() != b.functions.size()) return "functions.size";
    for (size_t i = 0; i < a.functions.size(); ++i)
      if (auto d = function(a.functions[i], b.functions[i]); !d.empty())
        return "functions[" + std::to_string(i) + "]." + d;
    return "";
  }

  static std::string var(const VarDecl& a, const VarDecl& b) {
    if (a.name != b.name) return "name";
    if (a.space != b.space || a.type != b.type || a.vector_width != b.vector_width || a.align != b.align)
      return "space/type/vector/align of " + a.name;
    if (a.dims != b.dims || a.range_count != b.range_count) return "dims/range of " + a.name;
    if (a.is_extern != b.is_extern || a.is_visible != b.is_visible || a.is_weak != b.is_weak ||
        a.is_common != b.is_common)
      return "linkage of " + a.name;
    if (a.init.size() != b.init.size()) return "init.size of " + a.name;
    for (size_t i = 0; i < a.init.size(); ++i) {
      const auto &x = a.init[i], &y = b.init[i];
      if (x.bits != y.bits || x.symbol != y.symbol || x.offset != y.offset || x.generic != y.generic)
        return "init[" + std::to_string(i) + "] of " + a.name;
    }
    return "";
  }

  static std::string param(const Param& a, const Param& b) {
    if (a.name != b.name || a.space != b.space || a.type != b.type || a.align != b.align ||
        a.dims != b.dims || a.is_ptr != b.is_ptr || a.ptr_space != b.ptr_space || a.ptr_align != b.ptr_align)
      return "param " + a.name;
    return "";
  }

  static std::string params(const std::vector<Param>& a, const std::vector<Param>& b) {
    if (a.size() != b.size()) return "params.size";
    for (size_t i = 0; i < a.size(); ++i)
      if (auto d = param(a[i], b[i]); !d.empty()) return d;
    return "";
  }

  static std::string function(const Function& a, const Function& b) {
    if (a.name != b.name) return "name";
    if (a.is_entry != b.is_entry || a.is_visible != b.is_visible || a.is_extern != b.is_extern ||
        a.is_weak != b.is_weak || a.has_body != b.has_body)
      return "flags of " + a.name;
    if (auto d = params(a.returns, b.returns); !d.empty()) return "returns " + d;
    if (auto d = params(a.params, b.params); !d.empty()) return d;
    const auto &p = a.perf, &q = b.perf;
    if (p.maxntid != q.maxntid || p.reqntid != q.reqntid || p.minnctapersm != q.minnctapersm ||
        p.maxnctapersm != q.maxnctapersm || p.maxnreg != q.maxnreg || p.noreturn != q.noreturn ||
        p.pragmas != q.pragmas)
      return "perf of " + a.name;
    if (auto d = block(a.body, b.body); !d.empty()) return a.name + "." + d;
    return "";
  }

  static std::string block(const Block& a, const Block& b) {
    if (a.statements.size() != b.statements.size()) return "statements.size";
    for (size_t i = 0; i < a.statements.size(); ++i)
      if (auto d = statement(a.statements[i], b.statements[i]); !d.empty())
        return "s[" + std::to_string(i) + "]." + d;
    return "";
  }

  static std::string statement(const Statement& a, const Statement& b) {
    if (a.index() != b.index()) return "kind";
    if (auto* x = std::get_if<Instruction>(&a)) return instruction(*x, std::get<Instruction>(b));
    if (auto* x = std::get_if<Label>(&a)) return x->name == std::get<Label>(b).name ? "" : "label";
    if (auto* x = std::get_if<VarDecl>(&a)) return var(*x, std::get<VarDecl>(b));
    if (auto* x = std::get_if<Pragma>(&a)) return x->text == std::get<Pragma>(b).text ? "" : "pragma";
    if (auto* x = std::get_if<CallPrototype>(&a)) {
      const auto& y = std::get<CallPrototype>(b);
      if (x->name != y.name) return "prototype name";
      if (auto d = params(x->returns, y.returns); !d.empty()) return "prototype returns";
      return params(x->params, y.params);
    }
    const auto& x = std::get<std::unique_ptr<Block>>(a);
    const auto& y = std::get<std::unique_ptr<Block>>(b);
    if (!x || !y) return (!x && !y) ? "" : "null block";
    return block(*x, *y);
  }

  static std::string instruction(const Instruction& a, const Instruction& b) {
    if (a.opcode != b.opcode || a.modifiers != b.modifiers) return "opcode " + a.opcode;
    if (a.guard.has_value() != b.guard.has_value()) return "guard";
    if (a.guard && (a.guard->predicate != b.guard->predicate || a.guard->negated != b.guard->negated))
      return "guard";
    if (a.debug.has_value() != b.debug.has_value()) return "debug of " + a.opcode;
    if (a.debug && (a.debug->file != b.debug->file || a.debug->line != b.debug->line ||
                    a.debug->column != b.debug->column))
      return "debug of " + a.opcode;
    return operands(a.operands, b.operands);
  }

  static std::string operands(const std::vector<Operand>& a, const std::vector<Operand>& b) {
    if (a.size() != b.size()) return "operands.size";
    for (size_t i = 0; i < a.size(); ++i)
      if (auto d = operand(a[i], b[i]); !d.empty()) return "op[" + std::to_string(i) + "]." + d;
    return "";
  }

  static std::string operand(const Operand& a, const Operand& b) {
    if (a.kind != b.kind) return "kind";
    if (a.name != b.name || a.component != b.component || a.negated != b.negated) return "name " + a.name;
    if (a.int_value != b.int_value) return "int_value";
    if (a.float_bits != b.float_bits || a.is_double != b.is_double) return "float";
    if (a.address.base != b.address.base || a.address.offset != b.address.offset) return "address";
    return operands(a.elements, b.elements);
  }
};

}  // namespace canopy::ptx::testing
