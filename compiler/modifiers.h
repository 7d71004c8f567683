// PTX instruction modifiers sorted into what they mean. Words whose meaning depends on the opcode
// (cmp ops, bool ops, atomic ops, mul modes, shuffle/vote modes, ...) stay in `words` for the
// instruction's lowering to take; anything left over afterwards is an unsupported modifier.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isa/isa.h"
#include "ptx/ast.h"

namespace canopy::compiler {

struct ParsedMods {
  std::vector<isa::DataType> types;  // in textual order (cvt: destination then source)
  std::optional<isa::Rounding> rnd;
  std::optional<isa::Space> space;
  isa::CacheOp cache = isa::CacheOp::None;
  uint8_t vec = 1;
  std::optional<isa::Scope> scope;
  std::optional<isa::MemOrder> order;
  std::vector<std::string> words;

  // Removes `w` from words; true if it was there.
  bool take(std::string_view w);
  // Removes and returns the first of `options` present (its index), or -1.
  int take_any(std::initializer_list<std::string_view> options);
};

ParsedMods parse_modifiers(const std::vector<std::string>& modifiers);

isa::DataType to_isa_type(ptx::Type t);  // None for types with no native equivalent
unsigned ptx_type_bits(ptx::Type t);     // 0 for opaque types
isa::DataType unsigned_of_width(unsigned bits);
isa::DataType signed_of_width(unsigned bits);
isa::DataType bits_of_width(unsigned bits);

}  // namespace canopy::compiler
