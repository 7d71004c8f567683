// Helpers shared by the finalizer tests: compiling PTX snippets and finding native instructions.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/finalize.h"
#include "isa/module.h"

namespace canopy::compiler::test {

inline std::string ptx_module(const std::string& body) {
  return ".version 6.4\n.target sm_70\n.address_size 64\n" + body;
}

// A kernel `k` with the given parameter list and body (declarations + instructions).
inline std::string kernel(const std::string& body, const std::string& params = "") {
  return ptx_module(".visible .entry k(" + params + ")\n{\n" + body + "\n}\n");
}

inline isa::Module compile_or_die(const std::string& text, const FinalizeOptions& options = {}) {
  Expected<isa::Module> m = compile_ptx(text, "test.ptx", options);
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
  if (!m.ok()) return {};
  return std::move(m).value();
}

inline std::string compile_error(const std::string& text) {
  Expected<isa::Module> m = compile_ptx(text, "test.ptx");
  EXPECT_FALSE(m.ok());
  return m.ok() ? std::string() : m.error().message;
}

inline std::vector<isa::Instr> find_ops(const isa::Function& f, isa::Opcode op) {
  std::vector<isa::Instr> out;
  for (const isa::Instr& in : f.code)
    if (in.op == op) out.push_back(in);
  return out;
}

inline isa::Instr first_op(const isa::Function& f, isa::Opcode op) {
  auto all = find_ops(f, op);
  EXPECT_FALSE(all.empty()) << "no " << static_cast<int>(op) << " in " << f.name;
  return all.empty() ? isa::Instr{} : all[0];
}

inline std::string read_test_file(const std::string& name) {
  std::ifstream f(std::string(CANOPY_TEST_DATA) + "/" + name);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace canopy::compiler::test
