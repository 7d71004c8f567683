// The state of one warp: register windows as lane rows, the SIMT reconvergence stack and call frames.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "gpu/exec/async_copy.h"
#include "gpu/exec/exec_module.h"

namespace canopy::gpu {

// One reconvergence-stack entry: lanes `mask` run from `pc` until they reach `rpc`
// (isa::kNoTarget: until the function ends), then the entry pops.
struct SimtEntry {
  uint32_t pc = 0;
  uint32_t rpc = isa::kNoTarget;
  uint64_t mask = 0;
  // Stepped aside at a warp-synchronous instruction (at pc) to let a sibling group catch up
  // (converge_lanes); a sibling that finds it so does not wait for it in turn.
  bool deferred = false;
};

template <int W>
struct CallFrame {
  const ExecFunction<W>* caller = nullptr;
  uint32_t return_pc = 0;
  uint32_t reg_base = 0;       // caller's window
  uint32_t pred_base = 0;
  uint64_t frame_base = 0;
  uint32_t stack_base = 0;     // index of the callee's base SIMT entry
};

enum class WarpState : uint8_t { Ready, AtBarrier, Done };

// Backward branches a warp takes before it yields: to the CTA's other warps, and, when part of its
// lanes wait at a reconvergence point, to those lanes (docs/engine.md, "Independent thread scheduling").
// Large enough that ordinary divergent loops finish before it; small enough that a spin lock hands over
// quickly.
inline constexpr uint32_t kYieldBranches = 1024;

template <int W>
struct Warp {
  uint32_t id = 0;
  uint32_t first_thread = 0;    // CTA-linear thread index of lane 0
  uint64_t valid = 0;           // lanes that exist
  uint64_t exited = 0;
  WarpState state = WarpState::Ready;

  const ExecFunction<W>* fn = nullptr;
  std::vector<uint64_t> regs;   // rows of W lanes; the current window starts at reg_base rows
  std::vector<uint64_t> preds;  // one W-wide row per predicate (the lane mask is element 0)
  uint32_t reg_base = 0;
  uint32_t pred_base = 0;
  uint64_t frame_base = 0;      // local-memory frame base (uniform across the warp)
  uint64_t carry = 0;           // CC flag, one bit per lane
  std::vector<SimtEntry> stack;
  std::vector<CallFrame<W>> calls;

  uint64_t issued = 0;          // warp instructions issued: the warp's deterministic clock
  AsyncCopyQueue async_copies;  // cp.asyncs that have read their source but not written shared memory

  // Barrier wait.
  uint32_t barrier = 0;
  uint64_t barrier_exec = 0;
  const ExecInstr<W>* barrier_instr = nullptr;

  // First row of each operand kind (indexed by OperandRef::Kind; None stays null), so resolving an
  // operand is one load and one add instead of a switch. Refreshed by rebase() whenever the function,
  // the register windows or the register buffers change (start, call, return).
  std::array<uint64_t*, 4> row_base{};

  void rebase() {
    row_base[OperandRef::Reg] = regs.data() + size_t{reg_base} * W;
    row_base[OperandRef::Pred] = preds.data() + size_t{pred_base} * W;
    // Never written through: predecoding rejects immediate destinations.
    row_base[OperandRef::Const] = const_cast<uint64_t*>(fn->const_rows.data());
  }
  uint64_t* row(const OperandRef& r) const { return row_base[r.kind] + size_t{r.index} * W; }
};

}  // namespace canopy::gpu
