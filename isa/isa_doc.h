// docs/isa.md, generated from the ISA table (opcodes.def), the enum names and the encoder's layout
// tables, so the reference cannot drift from the code. `canopy isa-doc` prints it; a test compares it
// with the committed file.
#pragma once

#include <string>

namespace canopy::isa {

std::string isa_markdown();

}  // namespace canopy::isa
