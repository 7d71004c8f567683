// The native module file (.cnb): a versioned, little-endian serialization of isa::Module. The layout
// is documented in docs/module-format.md. Reading never trusts the file: every count, offset, enum and
// cross-reference is checked, and allocation is bounded by the file's size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "isa/module.h"
#include "support/expected.h"

namespace canopy::isa {

inline constexpr char kModuleMagic[4] = {'C', 'N', 'P', 'Y'};

std::vector<uint8_t> write_module(const Module& m);

// Parses a module file image; rejects bad magic, other versions, truncation, trailing bytes,
// out-of-range counts/enums and anything verify_module rejects.
Expected<Module> read_module(const uint8_t* data, size_t size);

Expected<Module> read_module_file(const std::string& path);
Status write_module_file(const Module& m, const std::string& path);

// The cross-reference rules of a well-formed module (what read_module enforces after parsing), for
// loaders of modules built in memory: every instruction valid (isa::validate); registers and
// predicates below num_regs/num_preds; branch targets and reconvergence points inside the function;
// call targets name a function; variables in Global/Const/Shared with power-of-two alignment,
// init no larger than size, and Const/Shared ranges inside the constant bank / static shared window;
// relocations pointing at existing code immediates / variable bytes and existing symbols.
Status verify_module(const Module& m);

}  // namespace canopy::isa
