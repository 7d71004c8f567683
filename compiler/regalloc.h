// Register allocation: graph colouring of the interference graph of virtual registers onto the
// bounded register files (64-bit GPR slots and predicates), spilling GPRs to the local frame when
// the budget is exceeded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/cfg.h"
#include "compiler/liveness.h"
#include "compiler/vcode.h"
#include "support/expected.h"

namespace canopy::compiler {

struct InterferenceGraph {
  std::vector<std::vector<uint32_t>> adj;  // sorted, unique neighbours
  std::vector<uint32_t> hint;              // copy partner to prefer (kNone if none)
  std::vector<uint32_t> first_def;         // first position defining (or using) the register
};

InterferenceGraph build_interference(const VFunction& fn, const Cfg& cfg, const Liveness& lv, RegClass rc);

// Physical register of every virtual register (kNone for registers that never occur).
struct Assignment {
  std::vector<uint32_t> gpr, pred;
  uint32_t num_regs = 0, num_preds = 0;
};

// Colours both register files, inserting spill code into fn (and growing fn.frame_bytes) when more
// than max_regs GPRs would be needed. Fails when even spilling cannot fit the budget, or when more
// than max_preds predicates are live at once. Does not rewrite operands (see apply_assignment).
Expected<Assignment> assign_registers(VFunction& fn, uint32_t max_regs, uint32_t max_preds);

// Rewrites every virtual register operand to its physical register.
void apply_assignment(VFunction& fn, const Assignment& a);

// Inserts spill code for `spilled` GPRs (a frame slot each, loads before uses, stores after defs).
// New temporaries are appended to fn's registers and flagged in no_spill.
void insert_spill_code(VFunction& fn, const std::vector<bool>& spilled, std::vector<bool>& no_spill);

}  // namespace canopy::compiler
