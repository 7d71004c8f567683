// Basic blocks and edges over a function's working code (labels are block leaders).
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/vcode.h"

namespace canopy::compiler {

struct BasicBlock {
  uint32_t begin = 0, end = 0;  // [begin, end) indices into VFunction::code
  std::vector<uint32_t> succs;  // block indices
  std::vector<uint32_t> preds;
};

struct Cfg {
  std::vector<BasicBlock> blocks;
  std::vector<uint32_t> label_block;  // label -> block that starts at it (kNone if undefined)
};

Cfg build_cfg(const VFunction& fn);

// Loop nesting depth of every instruction, approximated from backward branches (a branch to an
// earlier label encloses the code between them); used to weigh spill costs.
std::vector<uint32_t> loop_depths(const VFunction& fn);

}  // namespace canopy::compiler
