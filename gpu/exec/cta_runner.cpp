// CTA setup and warp scheduling, SIMT control flow, calls and barriers (the interpreter loop itself is in
// warp_loop.cpp).
#include "gpu/exec/cta_runner.h"

#include <bit>
#include <cstring>

#include "gpu/alu/lanes.h"
#include "gpu/memory/address_map.h"
#include "isa/disasm.h"

namespace canopy::gpu {

using isa::kNoGuard;
using isa::kNoTarget;

template <int W>
void CtaRunner<W>::begin_launch(const LaunchSpec& spec) {
  spec_ = spec;
  module_ = static_cast<const ExecModule<W>*>(spec.module);
  kernel_ = &module_->functions[spec.kernel];
  threads_ = spec.block.x * spec.block.y * spec.block.z;
  nwarps_ = (threads_ + W - 1) / W;
  shared_bytes_ = spec.static_shared + spec.dynamic_shared;
  // Sized here, on the launching thread, not lazily on the worker: glibc serves a large calloc from the
  // main arena with fresh zero pages that are never touched, but in a worker thread's arena it zeroes
  // the block by hand, a host page fault per 4 KiB of a stack reserve most kernels never use.
  local_.reshape(threads_, spec.local_bytes);
  prepared_ = false;
  allocation_cache_ = {};
  counters_ = {};
  printf_.begin_launch(spec.printf_capacity);
}

// Shared memory is zeroed per CTA (run), so only sizes change here.
template <int W>
void CtaRunner<W>::prepare_buffers() {
  if (shared_.size() < shared_bytes_) shared_.resize(shared_bytes_);
  if (warps_.size() < nwarps_) warps_.resize(nwarps_);
  prepared_ = true;
}

template <int W>
Dim3 CtaRunner<W>::thread_of(const Warp<W>& w, int lane) const {
  uint32_t t = w.first_thread + static_cast<uint32_t>(lane);
  return {t % spec_.block.x, (t / spec_.block.x) % spec_.block.y, t / (spec_.block.x * spec_.block.y)};
}

template <int W>
void CtaRunner<W>::init_warps() {
  const isa::Function& k = *kernel_->source;
  for (uint32_t i = 0; i < nwarps_; ++i) {
    Warp<W>& w = warps_[i];
    w.id = i;
    w.first_thread = i * W;
    uint32_t lanes = std::min<uint32_t>(W, threads_ - i * W);
    w.valid = lanes >= 64 ? ~uint64_t{0} : (uint64_t{1} << lanes) - 1;
    w.exited = 0;
    w.state = WarpState::Ready;
    w.fn = kernel_;
    w.regs.assign(size_t{k.num_regs} * W, 0);
    w.preds.assign(size_t{k.num_preds} * W, 0);
    w.reg_base = w.pred_base = 0;
    w.frame_base = 0;
    w.carry = 0;
    w.stack.clear();
    w.stack.push_back({0, kNoTarget, w.valid});
    w.calls.clear();
    w.issued = 0;
    w.async_copies.reset();
    w.rebase();
  }
}

template <int W>
void CtaRunner<W>::start(uint64_t linear) {
  cta_linear_ = linear;
  uint64_t gx = spec_.grid.x, gy = spec_.grid.y;
  ctaid_ = {static_cast<uint32_t>(linear % gx), static_cast<uint32_t>((linear / gx) % gy),
            static_cast<uint32_t>(linear / (gx * gy))};
  if (!prepared_) prepare_buffers();
  if (shared_bytes_) std::memset(shared_.data(), 0, shared_bytes_);
  local_.clear();
  barriers_ = {};
  done_warps_ = 0;
  fault_.reset();
  init_warps();
  ++counters_.ctas;
}

// One scheduling round: each ready warp runs until it blocks at a barrier, yields or finishes.
template <int W>
CtaStatus CtaRunner<W>::step() {
  if (fault_) return CtaStatus::Faulted;
  if (done_warps_ >= nwarps_) return CtaStatus::Done;
  bool progressed = false;
  for (uint32_t i = 0; i < nwarps_; ++i) {
    Warp<W>& w = warps_[i];
    if (w.state != WarpState::Ready) continue;
    progressed = true;
    if (!run_warp(w)) return CtaStatus::Faulted;
  }
  if (!progressed) {
    for (uint32_t i = 0; i < nwarps_; ++i) {
      Warp<W>& w = warps_[i];
      if (w.state != WarpState::AtBarrier) continue;
      int lane = std::countr_zero(w.barrier_exec | (w.barrier_exec == 0));
      fault(w, *w.barrier_instr, "barrier deadlock", lane, std::nullopt,
            "barrier " + std::to_string(w.barrier) + " can never complete: the CTA's other warps have exited "
            "or wait at other barriers");
      return CtaStatus::Faulted;
    }
  }
  return done_warps_ >= nwarps_ ? CtaStatus::Done : CtaStatus::Running;
}

template <int W>
std::optional<Fault> CtaRunner<W>::run(uint64_t linear) {
  start(linear);
  CtaStatus s;
  do s = step();
  while (s == CtaStatus::Running);
  return fault_;
}

template <int W>
uint64_t CtaRunner<W>::first_lane_value(Warp<W>& w, const OperandRef& r, uint64_t exec) const {
  const uint64_t* row = operand_row(w, r);
  if (!row) return 0;
  if (r.kind == OperandRef::Pred) return row[0];
  return row[exec ? std::countr_zero(exec) : 0];
}

template <int W>
bool CtaRunner<W>::fault(Warp<W>& w, const ExecInstr<W>& in, const char* kind, int lane,
                         std::optional<uint64_t> address, std::string detail) {
  Fault f;
  f.kind = kind;
  f.kernel = kernel_->source->name;
  f.function = w.fn->source->name;
  f.disassembly = isa::disassemble(*in.instr);
  f.pc = static_cast<uint32_t>(&in - w.fn->code.data());
  f.ptx_line = in.instr->line;
  f.block = ctaid_;
  f.thread = thread_of(w, lane);
  f.has_address = address.has_value();
  f.address = address.value_or(0);
  f.detail = std::move(detail);
  fault_ = std::move(f);
  return false;
}

// Removes the top entry; a function's base entry leaving means the function is done (all its lanes
// returned or exited), so the call returns.
template <int W>
void CtaRunner<W>::pop_entry(Warp<W>& w) {
  if (!w.calls.empty() && w.stack.size() - 1 == w.calls.back().stack_base) {
    do_return(w);
    return;
  }
  w.stack.pop_back();
}

template <int W>
void CtaRunner<W>::do_return(Warp<W>& w) {
  w.stack.pop_back();
  const CallFrame<W> f = w.calls.back();
  w.calls.pop_back();
  w.fn = f.caller;
  w.reg_base = f.reg_base;
  w.pred_base = f.pred_base;
  w.frame_base = f.frame_base;
  w.rebase();
  w.stack.back().pc = f.return_pc;
}

template <int W>
bool CtaRunner<W>::do_call(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, uint32_t callee_index) {
  const ExecFunction<W>& callee = module_->functions[callee_index];
  const isa::Function& caller = *w.fn->source;
  uint64_t frame = w.frame_base + caller.local_bytes;
  // Each live call also charges 16 bytes for its return address, so empty frames still overflow.
  uint64_t need = frame + callee.source->local_bytes + 16 * (w.calls.size() + 1);
  if (need > spec_.local_bytes)
    return fault(w, in, "stack overflow", std::countr_zero(exec), std::nullopt,
                 "call to '" + callee.source->name + "' needs " + std::to_string(need) + " bytes of local memory, " +
                 std::to_string(spec_.local_bytes) + " per thread available (kernel frame + stack limit)");
  w.calls.push_back({w.fn, w.stack.back().pc + 1, w.reg_base, w.pred_base, w.frame_base,
                     static_cast<uint32_t>(w.stack.size())});
  w.reg_base += caller.num_regs;
  w.pred_base += caller.num_preds;
  w.frame_base = frame;
  size_t regs_needed = (size_t{w.reg_base} + callee.source->num_regs) * W;
  if (w.regs.size() < regs_needed) w.regs.resize(regs_needed, 0);
  size_t preds_needed = (size_t{w.pred_base} + callee.source->num_preds) * W;
  if (w.preds.size() < preds_needed) w.preds.resize(preds_needed, 0);
  w.fn = &callee;
  w.rebase();
  w.stack.push_back({0, kNoTarget, exec});
  return true;
}

// A call by a subset of the active lanes, or an indirect call whose lanes disagree on the target,
// runs as nested stack entries that all rejoin after the call instruction.
template <int W>
bool CtaRunner<W>::exec_call(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec) {
  SimtEntry& top = w.stack.back();
  uint32_t pc = top.pc;
  if (exec == 0) {
    ++top.pc;
    return true;
  }
  uint32_t callee = in.target;
  uint64_t group = exec;
  if (callee == kNoTarget) {
    const uint64_t* addr = operand_row(w, in.src[0]);
    int lead = std::countr_zero(exec);
    uint64_t a = addr[lead];
    uint64_t rel = a - kFunctionAddressBase;
    uint64_t slot = rel / 16;
    if (a < kFunctionAddressBase || rel % 16 != 0 || (slot >> 20) != module_->module_id ||
        (slot & 0xfffff) >= module_->functions.size() || module_->functions[slot & 0xfffff].source->is_kernel)
      return fault(w, in, "invalid call target", lead, a, "indirect call to an address that is no function of this module");
    callee = static_cast<uint32_t>(slot & 0xfffff);
    group = 0;
    for_each_lane<W>(exec, [&](int lane) { group |= uint64_t{addr[lane] == a} << lane; });
  }
  if (group != active) {
    top.pc = pc + 1;  // the rejoin point for every split part
    if (exec != group) w.stack.push_back({pc, pc + 1, exec & ~group});
    w.stack.push_back({pc, pc + 1, group});
  }
  return do_call(w, in, group, callee);
}

template <int W>
void CtaRunner<W>::exit_lanes(Warp<W>& w, uint64_t lanes) {
  w.exited |= lanes;
  // A thread's outstanding cp.asyncs complete when it exits.
  w.async_copies.complete_all(lanes, std::span<uint8_t>(shared_.data(), shared_bytes_));
  for (auto& e : w.stack) e.mask &= ~lanes;
}

template <int W>
void CtaRunner<W>::warp_finished(Warp<W>& w) {
  w.state = WarpState::Done;
  w.stack.clear();
  w.calls.clear();
  ++done_warps_;
  // Exited threads count as arrived at every full-CTA barrier.
  for (uint32_t id = 0; id < barriers_.size(); ++id)
    if (barriers_[id].pending) check_barrier(id);
}

template <int W>
void CtaRunner<W>::check_barrier(uint32_t id) {
  Barrier& b = barriers_[id];
  bool complete = b.expected ? b.arrived_threads >= b.expected : b.arrived_warps + done_warps_ >= nwarps_;
  if (complete) release_barrier(id);
}

template <int W>
void CtaRunner<W>::release_barrier(uint32_t id) {
  Barrier b = barriers_[id];
  barriers_[id] = {};
  for (uint32_t i = 0; i < nwarps_; ++i) {
    Warp<W>& w = warps_[i];
    if (w.state != WarpState::AtBarrier || w.barrier != id) continue;
    w.state = WarpState::Ready;
    const ExecInstr<W>& in = *w.barrier_instr;
    auto op = in.instr->mods.bar;
    if (op == isa::BarOp::Sync || op == isa::BarOp::Arrive) continue;
    uint64_t* d = dst_row(w, in.dst[0]);
    uint64_t lanes = w.barrier_exec;
    if (op == isa::BarOp::RedPopc) {
      for_each_lane<W>(lanes, [&](int lane) { d[lane] = b.popc; });
    } else {
      bool r = op == isa::BarOp::RedAnd ? b.all : b.any;
      if (in.dst[0].kind == OperandRef::Pred)
        d[0] = (d[0] & ~lanes) | (r ? lanes : 0);
      else
        for_each_lane<W>(lanes, [&](int lane) { d[lane] = r ? 1 : 0; });
    }
  }
}

// Barriers count whole warps: an arriving warp contributes all its threads (as before Volta).
template <int W>
bool CtaRunner<W>::exec_barrier(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  ++counters_.barrier_instructions;
  ++w.stack.back().pc;
  if (exec == 0) return true;
  uint64_t id = first_lane_value(w, in.src[0], exec);
  if (id >= barriers_.size())
    return fault(w, in, "invalid barrier", std::countr_zero(exec), std::nullopt,
                 "barrier id " + std::to_string(id) + " outside 0..15");
  uint64_t count = in.nsrc >= 2 && in.src[1].kind != OperandRef::None ? first_lane_value(w, in.src[1], exec) : 0;
  if (count > threads_ && count != 0) count = threads_;
  Barrier& b = barriers_[id];
  if (!b.pending) {
    b = {};
    b.pending = true;
    b.expected = static_cast<uint32_t>(count);
  }
  b.arrived_warps += 1;
  b.arrived_threads += static_cast<uint32_t>(std::popcount(w.valid));
  auto op = in.instr->mods.bar;
  if (op == isa::BarOp::RedPopc || op == isa::BarOp::RedAnd || op == isa::BarOp::RedOr) {
    const uint64_t* p = operand_row(w, in.src[2]);
    uint64_t truth = 0;
    if (in.src[2].kind == OperandRef::Reg)
      for_each_lane<W>(exec, [&](int lane) { truth |= uint64_t{p[lane] != 0} << lane; });
    else
      truth = (in.src[2].kind == OperandRef::Pred ? p[0] : (p[0] ? ~uint64_t{0} : 0)) & exec;
    b.popc += static_cast<uint32_t>(std::popcount(truth));
    b.all = b.all && truth == exec;
    b.any = b.any || truth != 0;
  }
  if (op != isa::BarOp::Arrive) {
    w.state = WarpState::AtBarrier;
    w.barrier = static_cast<uint32_t>(id);
    w.barrier_exec = exec;
    w.barrier_instr = &in;
  }
  check_barrier(static_cast<uint32_t>(id));
  return true;
}

template class CtaRunner<32>;
template class CtaRunner<64>;

}  // namespace canopy::gpu
