// The interpreter loop: runs one warp until it blocks at a barrier, finishes, or faults.
//
// Most instructions only advance pc (ALU, memory, special registers) or jump uniformly. Those run in an
// inner loop that keeps the reconvergence-stack entry's pc and mask, the code pointer and the operand
// row bases in locals: handlers are opaque calls, so anything read through the warp would be reloaded
// after every instruction, a chain of dependent loads on the critical path. Instructions that change
// the stack or the warp's state (divergent branches, calls, returns, exits, barriers, traps) and the
// rare device-service syscalls leave the inner loop and go through exec_control with the entry written
// back.
#include <bit>

#include "gpu/exec/cta_runner.h"
#include "gpu/exec/lane_loops.h"

namespace canopy::gpu {

using isa::kNoGuard;
using isa::kNoTarget;

template <int W>
bool CtaRunner<W>::run_warp(Warp<W>& w) {
  uint64_t warp_count = 0, thread_count = 0;
  // exec rarely changes from one instruction to the next: count each distinct mask once.
  uint64_t counted_mask = 0, counted_lanes = 0;
  // Backward branches taken in this turn: at kYieldBranches the warp yields (docs/engine.md,
  // "Independent thread scheduling"), so spinning lanes and warps never starve the ones they wait for.
  uint32_t backward = 0;
  bool ok = true;
  while (ok && w.state == WarpState::Ready) {
    if (w.stack.empty() || (w.valid & ~w.exited) == 0) {
      warp_finished(w);
      break;
    }
    SimtEntry& top = w.stack.back();
    if (top.pc == top.rpc || top.mask == 0) {
      pop_entry(w);
      continue;
    }
    const ExecInstr<W>* const code = w.fn->code.data();
    const std::array<uint64_t*, 4> rows = w.row_base;
    const uint64_t* const preds = rows[OperandRef::Pred];
    const uint64_t active = top.mask;
    // Warp-synchronous instructions executed while other live lanes wait elsewhere in the stack try to
    // converge first (exec_control, converge_lanes).
    const bool partial = active != (w.valid & ~w.exited);
    const uint32_t rpc = top.rpc;
    uint32_t pc = top.pc;
    const ExecInstr<W>* control = nullptr;
    uint64_t exec = 0;
    do {
      const ExecInstr<W>& in = code[pc];
      exec = active;
      if (in.guard != kNoGuard) {
        const uint64_t p = preds[size_t{in.guard} * W];
        exec &= in.guard_negated ? ~p : p;
      }
      ++warp_count;
      ++w.issued;
      if (exec != counted_mask) counted_mask = exec, counted_lanes = lane_count(exec);
      thread_count += counted_lanes;
      switch (in.kind) {
        case ExecKind::Alu:
          if (exec) {
            AluOperands<W> ops;
            ops.exec = exec;
            ops.carry = &w.carry;
            auto row = [&](const OperandRef& r) { return rows[r.kind] + size_t{r.index} * W; };
            for (unsigned i = 0; i < in.ndst; ++i) ops.dst[i] = row(in.dst[i]);
            for (unsigned i = 0; i < in.nsrc; ++i) ops.src[i] = row(in.src[i]);
            in.alu(*in.instr, ops);
          }
          ++pc;
          break;
        case ExecKind::Ld: case ExecKind::St: case ExecKind::Atom: case ExecKind::Red:
          if (exec && !exec_memory(w, in, exec)) ok = false;
          ++pc;
          break;
        case ExecKind::Bra:
          backward += in.target <= pc && exec;
          if (exec == active) {
            pc = in.target;
          } else if (exec == 0) {
            ++pc;
          } else {
            control = &in;
          }
          break;
        case ExecKind::S2R:
          if (exec) exec_s2r(w, in, exec);
          ++pc;
          break;
        case ExecKind::Cvta:
          if (exec) exec_cvta(w, in, exec);
          ++pc;
          break;
        case ExecKind::Fence:
          ++counters_.fence_instructions;
          ++pc;
          break;
        case ExecKind::Shfl: case ExecKind::Vote: case ExecKind::Match: case ExecKind::Redux:
        case ExecKind::WarpSync:
          if (partial) {
            control = &in;
            break;
          }
          exec_collective(w, in, active, exec);
          ++pc;
          break;
        case ExecKind::Activemask:
          if (exec) exec_activemask(w, in, active, exec);
          ++pc;
          break;
        case ExecKind::Nop:
          ++pc;
          break;
        case ExecKind::Mma:
          if (exec && !exec_mma(w, in, exec)) ok = false;
          ++pc;
          break;
        case ExecKind::Ldmatrix:
          if (exec && !exec_ldmatrix(w, in, exec)) ok = false;
          ++pc;
          break;
        case ExecKind::Async: {
          bool yield = false;
          if (!exec_async(w, in, exec, yield)) ok = false;
          if (yield) backward = kYieldBranches;  // give way to the other warps (and waiting lanes)
          ++pc;
          break;
        }
        case ExecKind::Tex: case ExecKind::Suld: case ExecKind::Sust: case ExecKind::Txq:
          if (exec && !exec_texture(w, in, exec)) ok = false;
          ++pc;
          break;
        default:
          control = &in;
          break;
      }
    } while (!control && ok && pc != rpc && backward < kYieldBranches);
    top.pc = pc;
    if (control && ok) ok = exec_control(w, *control, active, exec);
    if (ok && backward >= kYieldBranches && w.state == WarpState::Ready) {
      yield_lanes(w);
      break;
    }
  }
  counters_.warp_instructions += warp_count;
  counters_.thread_instructions += thread_count;
  return ok;
}

// An issued (and counted) instruction that changes the reconvergence stack or the warp's state; the
// top entry's pc points at it. False: fault_ is set.
template <int W>
bool CtaRunner<W>::exec_control(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec) {
  SimtEntry& top = w.stack.back();
  switch (in.kind) {
    case ExecKind::Bra: {
      // Divergence: this entry waits at the reconvergence point; the fall-through side runs first.
      uint32_t r = in.reconverge == kNoTarget ? top.rpc : in.reconverge;
      uint32_t fall = top.pc + 1;
      top.pc = r;
      if (in.target != r) w.stack.push_back({in.target, r, exec});
      if (fall != r) w.stack.push_back({fall, r, active & ~exec});
      return true;
    }
    case ExecKind::Call:
      return exec_call(w, in, active, exec);
    case ExecKind::Ret:
      if (w.calls.empty()) {  // `ret` in a kernel ends the thread
        ++top.pc;
        exit_lanes(w, exec);
      } else if (exec == 0) {
        ++top.pc;
      } else if (exec != active) {  // returned lanes wait in the frame's base entry
        if (w.stack.size() - 1 == w.calls.back().stack_base) {
          uint32_t next = top.pc + 1;
          top.pc = kNoTarget;
          w.stack.push_back({next, kNoTarget, active & ~exec});
        } else {
          top.mask = active & ~exec;
          ++top.pc;
        }
      } else if (w.stack.size() - 1 == w.calls.back().stack_base) {
        do_return(w);
      } else {
        w.stack.pop_back();
      }
      return true;
    case ExecKind::Exit:
      ++top.pc;
      exit_lanes(w, exec);
      return true;
    case ExecKind::Bar:
      if (active != (w.valid & ~w.exited) && converge_lanes(w)) return true;
      return exec_barrier(w, in, exec);
    case ExecKind::Shfl: case ExecKind::Vote: case ExecKind::WarpSync: case ExecKind::Match:
    case ExecKind::Redux:
      // Reached by a group of lanes while other live lanes wait elsewhere (`partial` above): converge
      // first if the member mask names any of them.
      if (missing_members(w, in, active) && converge_lanes(w)) return true;
      exec_collective(w, in, active, exec);
      ++w.stack.back().pc;
      return true;
    case ExecKind::Syscall:
      if (exec && !exec_syscall(w, in, exec)) return false;
      ++top.pc;
      return true;
    case ExecKind::Trap:
      if (exec)
        return fault(w, in, "trap", std::countr_zero(exec), std::nullopt, "trap instruction executed");
      ++top.pc;
      return true;
    default:
      ++top.pc;
      return true;
  }
}

template bool CtaRunner<32>::run_warp(Warp<32>&);
template bool CtaRunner<64>::run_warp(Warp<64>&);

}  // namespace canopy::gpu
