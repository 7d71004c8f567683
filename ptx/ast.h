// The PTX abstract syntax tree. It records what the text says, with source positions, and knows nothing
// of GPUs: the finalizer (compiler/) gives instructions their meaning.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "support/source_location.h"

namespace canopy::ptx {

enum class StateSpace : uint8_t { None, Reg, Sreg, Const, Global, Local, Param, Shared, Tex, Generic };

// Fundamental PTX types. `Pred` is the predicate type; the packed types (f16x2, bf16x2) are scalars of
// a register's width as far as declarations go.
enum class Type : uint8_t {
  None,
  B8, B16, B32, B64, B128,
  U8, U16, U32, U64,
  S8, S16, S32, S64,
  F16, F16x2, BF16, BF16x2, TF32, F32, F64,
  Pred,
  TexRef, SamplerRef, SurfRef,
};

// One element of a variable initializer: a number (raw bits in `bits`, already converted to the
// variable's type by the parser), or the address of a symbol (`symbol` + `offset`, for `{ sym }`,
// `generic(sym)` and `sym+4`).
struct InitElement {
  uint64_t bits = 0;
  std::string symbol;        // non-empty for an address initializer
  int64_t offset = 0;
  bool generic = false;      // `generic(sym)`
};

// `.reg`, `.shared`, `.local`, `.const`, `.global`, `.param` (inside a body), `.tex` declarations,
// module-scope or function-scope.
struct VarDecl {
  std::string name;
  StateSpace space = StateSpace::None;
  Type type = Type::None;
  uint32_t vector_width = 1;          // .v2 / .v4
  uint32_t align = 0;                 // .align N; 0 = natural
  std::vector<uint64_t> dims;         // array dimensions; a 0 entry means `[]` (size from initializer or extern)
  uint32_t range_count = 0;           // `%r<100>` declares %r0..%r99; 0 = a single name
  bool is_extern = false;
  bool is_visible = false;
  bool is_weak = false;
  bool is_common = false;
  std::vector<InitElement> init;      // flattened initializer, element by element
  SourceLoc loc;
};

// A parameter of an .entry/.func, or a return value of a .func or prototype.
struct Param {
  std::string name;                   // may be empty in a .callprototype
  StateSpace space = StateSpace::Param;  // .param or .reg (old-style .func params)
  Type type = Type::None;
  uint32_t align = 0;
  std::vector<uint64_t> dims;         // `.param .align 8 .b8 p[16]`
  bool is_ptr = false;                // `.ptr`
  StateSpace ptr_space = StateSpace::Generic;  // `.ptr.global`, `.ptr.shared`, ...
  uint32_t ptr_align = 0;             // `.ptr.global.align 16`
  SourceLoc loc;
};

struct Address {
  std::string base;                   // register or symbol name; empty for an absolute `[imm]`
  int64_t offset = 0;
};

struct Operand;
using OperandList = std::vector<Operand>;

// An instruction operand. `Register` covers registers, special registers (%tid.x is name "%tid",
// component "x"), symbols and labels alike: the parser cannot tell them apart and need not.
struct Operand {
  enum class Kind : uint8_t {
    Register,     // name (+ optional component .x/.y/.z/.w), optional `!` negation for predicates
    IntImm,       // integer literal (decimal, hex, octal, binary; `U` suffix), value in `int_value`
    FloatImm,     // 0fXXXXXXXX (bits in `float_bits`, is_double=false), 0dXXXXXXXXXXXXXXXX, or decimal float
    Address,      // [reg], [reg+imm], [sym], [sym+imm], [imm]
    Vector,       // {a, b, c, d}; elements in `elements`; `_` sink allowed as Register named "_"
    SymbolOffset, // sym+imm used as a value (e.g. mov.u64 %rd1, arr+8;): symbol in `name`, imm in `int_value`
    ParamList,    // (a, b, c) in call syntax
  };
  Kind kind = Kind::Register;
  std::string name;
  std::string component;              // "x", "y", "z", "w" or empty
  bool negated = false;               // `!%p`
  int64_t int_value = 0;
  uint64_t float_bits = 0;            // IEEE bits of a float literal
  bool is_double = false;             // 0d literal (or decimal literal, held as double)
  Address address;
  std::vector<Operand> elements;      // Vector and ParamList; for an Address, the parts after the base in
                                      // texture/surface forms: `[tex, {%f1, %f2}]` -> base "tex", {Vector}
  SourceLoc loc;
};

struct Guard {
  std::string predicate;
  bool negated = false;
};

// Where a `.loc` directive last pointed before this instruction.
struct DebugLoc {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t column = 0;
};

// `add.rn.ftz.f32 %f1, %f2, %f3;` is opcode "add", modifiers {"rn","ftz","f32"}. The modifiers keep
// their textual order; the finalizer interprets them.
struct Instruction {
  std::optional<Guard> guard;
  std::string opcode;
  std::vector<std::string> modifiers;
  OperandList operands;
  std::optional<DebugLoc> debug;
  SourceLoc loc;

  bool has_modifier(const std::string& m) const {
    for (const auto& x : modifiers) if (x == m) return true;
    return false;
  }
};

struct Label {
  std::string name;
  SourceLoc loc;
};

// `proto : .callprototype (.param .b32 _) _ (.param .b64 _);`
struct CallPrototype {
  std::string name;
  std::vector<Param> returns;
  std::vector<Param> params;
  SourceLoc loc;
};

struct Pragma {
  std::string text;                   // contents of the string, e.g. "nounroll"
  SourceLoc loc;
};

struct Block;

// Body statements. Nested `{ ... }` blocks open a scope (clang reuses names such as `param0` in
// each call block).
using Statement = std::variant<Instruction, Label, VarDecl, CallPrototype, Pragma, std::unique_ptr<Block>>;

struct Block {
  std::vector<Statement> statements;
  SourceLoc loc;
};

// Performance-tuning directives attached to an entry or function.
struct PerfDirectives {
  std::vector<uint32_t> maxntid, reqntid;  // up to 3 components
  uint32_t minnctapersm = 0;
  uint32_t maxnctapersm = 0;
  uint32_t maxnreg = 0;
  bool noreturn = false;
  std::vector<std::string> pragmas;  // `.pragma "nounroll";` between the header and the body
};

struct Function {
  bool is_entry = false;              // .entry (kernel) vs .func
  std::string name;
  std::vector<Param> returns;         // .func only
  std::vector<Param> params;
  bool is_visible = false;
  bool is_extern = false;
  bool is_weak = false;
  bool has_body = false;              // false for a prototype declaration ending in ';'
  PerfDirectives perf;
  Block body;
  SourceLoc loc;
};

// `.alias fAlias, fImpl;`
struct Alias {
  std::string alias;
  std::string aliasee;
  SourceLoc loc;
};

struct Module {
  std::string source_name;            // file name used in diagnostics
  uint32_t version_major = 0, version_minor = 0;  // .version
  std::vector<std::string> targets;   // .target sm_80, texmode_independent, debug, ...
  uint32_t address_size = 64;         // .address_size
  std::vector<VarDecl> globals;       // module-scope variables, in order
  std::vector<Function> functions;    // in order; declarations included
  std::map<uint32_t, std::string> files;  // .file N "name"
  std::vector<Alias> aliases;         // .alias, in order
};

}  // namespace canopy::ptx
