// PTX special registers (%tid.x, %laneid, %clock64, ...) and how s2r reads them.
#pragma once

#include <optional>
#include <string>

#include "isa/isa.h"

namespace canopy::compiler {

struct SpecialRegInfo {
  isa::SpecialReg reg;
  uint8_t component;   // 0=x 1=y 2=z
  isa::DataType type;  // the value's type (u32 or u64)
};

// The special register a name + component denote, if any ("%tid" + "x", "%laneid" + "").
std::optional<SpecialRegInfo> find_special_register(const std::string& name, const std::string& component);

}  // namespace canopy::compiler
