// Spellings of PTX types and state spaces, shared by the parser and the printer.
#pragma once

#include <optional>
#include <string_view>

#include "ptx/ast.h"

namespace canopy::ptx {

// Directive word without the dot ("b32", "pred", "texref") -> type.
std::optional<Type> type_from_name(std::string_view word);
// "global", "shared", ... -> state space (reg, sreg, const, global, local, param, shared, tex).
std::optional<StateSpace> space_from_name(std::string_view word);

// Names without the dot; "" for Type::None / StateSpace::None.
std::string_view type_name(Type type);
std::string_view space_name(StateSpace space);

// Bit width of a scalar of this type (8 for b8, 32 for f16x2, 1 for pred); 0 for opaque and None types.
unsigned type_bits(Type type);

}  // namespace canopy::ptx
