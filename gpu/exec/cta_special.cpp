// Special registers (s2r) and warp-level operations (shfl, vote, match, redux, activemask).
#include <bit>

#include "gpu/alu/lanes.h"
#include "gpu/exec/cta_runner.h"
#include "gpu/exec/warp_ops.h"

namespace canopy::gpu {

using isa::SpecialReg;

namespace {
uint32_t component(const Dim3& d, unsigned c) { return c == 0 ? d.x : c == 1 ? d.y : d.z; }
}  // namespace

// %clock/%clock64 count the warp's issued instructions (one cycle each) and %globaltimer converts that
// count to nanoseconds at the preset's clock: deterministic, monotonic per warp.
template <int W>
void CtaRunner<W>::exec_s2r(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const isa::Instr& instr = *in.instr;
  const unsigned c = instr.mods.sreg_comp;
  uint64_t* d = dst_row(w, in.dst[0]);
  auto uniform = [&](uint64_t v) { for_each_lane<W>(exec, [&](int lane) { d[lane] = v; }); };
  auto per_lane = [&](auto f) { for_each_lane<W>(exec, [&](int lane) { d[lane] = f(lane); }); };
  constexpr uint64_t lanes = full_lane_mask<W>();
  switch (instr.mods.sreg) {
    case SpecialReg::Tid: {
      // The lanes' coordinates step like an odometer from lane 0's: no divisions per lane.
      Dim3 t = thread_of(w, 0);
      for (int lane = 0; lane < W; ++lane) {
        if ((exec >> lane) & 1) d[lane] = component(t, c);
        if (++t.x == spec_.block.x) {
          t.x = 0;
          if (++t.y == spec_.block.y) t.y = 0, ++t.z;
        }
      }
      break;
    }
    case SpecialReg::Ntid: uniform(component(spec_.block, c)); break;
    case SpecialReg::Ctaid: uniform(component(ctaid_, c)); break;
    case SpecialReg::Nctaid: uniform(component(spec_.grid, c)); break;
    case SpecialReg::LaneId: per_lane([](int lane) { return uint64_t(lane); }); break;
    case SpecialReg::WarpId: uniform(w.id); break;
    case SpecialReg::NWarpId: uniform(spec_.config->max_threads_per_sm / W); break;
    case SpecialReg::SmId: uniform(cta_linear_ % spec_.config->sm_count); break;
    case SpecialReg::NSmId: uniform(spec_.config->sm_count); break;
    case SpecialReg::GridId: uniform(spec_.grid_id); break;
    case SpecialReg::Clock: uniform(w.issued & 0xffffffffu); break;
    case SpecialReg::Clock64: uniform(w.issued); break;
    case SpecialReg::GlobalTimer: uniform(w.issued * 1000 / spec_.config->clock_mhz); break;
    case SpecialReg::LanemaskEq: per_lane([](int lane) { return uint64_t{1} << lane; }); break;
    case SpecialReg::LanemaskLe: per_lane([](int lane) { return lanes & ((uint64_t{2} << lane) - 1); }); break;
    case SpecialReg::LanemaskLt: per_lane([](int lane) { return (uint64_t{1} << lane) - 1; }); break;
    case SpecialReg::LanemaskGe: per_lane([](int lane) { return lanes & ~((uint64_t{1} << lane) - 1); }); break;
    case SpecialReg::LanemaskGt: per_lane([](int lane) { return lanes & ~((uint64_t{2} << lane) - 1); }); break;
    case SpecialReg::DynamicSmemSize: uniform(spec_.dynamic_shared); break;
    case SpecialReg::TotalSmemSize: uniform(shared_bytes_); break;
    case SpecialReg::WarpSize: uniform(W); break;
    case SpecialReg::FrameBase: uniform(w.frame_base); break;
    default: uniform(0); break;
  }
}

// The warp-level instructions: operand plumbing here, lane semantics in warp_ops.h. Each takes its member
// mask as its last source (shfl src3, vote/match/redux src1); an absent mask is the legacy non-.sync form.

template <int W>
void CtaRunner<W>::exec_collective(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec) {
  switch (in.kind) {
    case ExecKind::Shfl: if (exec) exec_shfl(w, in, exec); break;
    case ExecKind::Vote: exec_vote(w, in, active, exec); break;
    case ExecKind::Match: if (exec) exec_match(w, in, exec); break;
    case ExecKind::Redux: if (exec) exec_redux(w, in, exec); break;
    default: break;  // warpsync: the lanes are together
  }
}

// shfl: src0 = value, src1 = lane/offset b, src2 = c (clamp in the low bits, segment mask from bit 8),
// src3 = member mask. dst1 (optional predicate) = source lane in range. A source lane that does not execute
// the shfl (PTX: undefined value) gives its register's current value.
template <int W>
void CtaRunner<W>::exec_shfl(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const isa::ShflMode mode = in.instr->mods.shfl;
  const uint64_t* a = operand_row(w, in.src[0]);
  const uint64_t* b = operand_row(w, in.src[1]);
  const uint64_t* c = operand_row(w, in.src[2]);
  std::array<uint64_t, W> value;
  for (int lane = 0; lane < W; ++lane) value[lane] = a[lane];  // d may alias a
  uint64_t valid = 0;
  uint64_t* d = dst_row(w, in.dst[0]);
  for_each_lane<W>(exec, [&](int lane) {
    const warp_ops::ShflSource s = warp_ops::shfl_source<W>(mode, lane, b[lane], c[lane]);
    d[lane] = value[s.lane];
    valid |= uint64_t{s.in_range} << lane;
  });
  if (in.ndst > 1 && in.dst[1].kind == OperandRef::Pred) {
    uint64_t* p = dst_row(w, in.dst[1]);
    p[0] = (p[0] & ~exec) | (valid & exec);
  }
}

// vote: src0 = predicate (a predicate register, or a register/immediate read as non-zero), src1 = member
// mask. all/any/uni write a predicate (or 0/1 into a register); ballot writes the 32-bit mask of the
// participating lanes whose predicate is true.
template <int W>
void CtaRunner<W>::exec_vote(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec) {
  (void)active;
  if (exec == 0) return;
  const uint64_t* p = operand_row(w, in.src[0]);
  const uint64_t* mask = member_mask_row(w, in, 1);
  uint64_t truth = 0;
  if (in.src[0].kind == OperandRef::Pred)
    truth = p[0];
  else
    for_each_lane<W>(exec, [&](int lane) { truth |= uint64_t{p[lane] != 0} << lane; });
  const isa::VoteMode mode = in.instr->mods.vote;
  uint64_t* d = dst_row(w, in.dst[0]);
  uint64_t result_pred = 0;
  for_each_lane<W>(exec, [&](int lane) {
    const uint64_t part = warp_ops::participants<W>(lane, exec, mask != nullptr, mask ? mask[lane] : 0);
    if (mode == isa::VoteMode::Ballot) {
      d[lane] = warp_ops::ballot<W>(truth, part, lane);
      return;
    }
    const bool r = mode == isa::VoteMode::All   ? warp_ops::vote_all(truth, part)
                   : mode == isa::VoteMode::Any ? warp_ops::vote_any(truth, part)
                                                : warp_ops::vote_uni(truth, part);
    if (in.dst[0].kind == OperandRef::Pred)
      result_pred |= uint64_t{r} << lane;
    else
      d[lane] = r ? 1 : 0;
  });
  if (mode != isa::VoteMode::Ballot && in.dst[0].kind == OperandRef::Pred)
    d[0] = (d[0] & ~exec) | result_pred;
}

// match: src0 = value (b32 or b64), src1 = member mask. any: d = the 32-bit mask of participants holding
// the lane's value. all: d = the participants' mask if they all agree, else 0; optional dst1 = agreement.
template <int W>
void CtaRunner<W>::exec_match(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const uint64_t* a = operand_row(w, in.src[0]);
  const uint64_t* mask = member_mask_row(w, in, 1);
  const uint64_t width_mask = isa::bit_width(in.instr->type) >= 64 ? ~uint64_t{0} : 0xffffffffu;
  std::array<uint64_t, W> value;
  for (int lane = 0; lane < W; ++lane) value[lane] = a[lane] & width_mask;  // d may alias a
  uint64_t* d = dst_row(w, in.dst[0]);
  uint64_t agree = 0;
  const bool any = in.instr->mods.vote == isa::VoteMode::Any;
  for_each_lane<W>(exec, [&](int lane) {
    const uint64_t part = warp_ops::participants<W>(lane, exec, mask != nullptr, mask ? mask[lane] : 0);
    if (any) {
      d[lane] = warp_ops::match_any<W>(value.data(), part, lane);
      return;
    }
    const bool all = warp_ops::match_all(value.data(), part);
    d[lane] = all ? warp_ops::view32<W>(part, lane) : 0;
    agree |= uint64_t{all} << lane;
  });
  if (!any && in.ndst > 1 && in.dst[1].kind == OperandRef::Pred) {
    uint64_t* p = dst_row(w, in.dst[1]);
    p[0] = (p[0] & ~exec) | agree;
  }
}

// redux: src0 = 32-bit value, src1 = member mask; d = the reduction over the participants (mods.atom;
// min/max are signed for s32).
template <int W>
void CtaRunner<W>::exec_redux(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const uint64_t* a = operand_row(w, in.src[0]);
  const uint64_t* mask = member_mask_row(w, in, 1);
  std::array<uint64_t, W> value;
  for (int lane = 0; lane < W; ++lane) value[lane] = a[lane];  // d may alias a
  uint64_t* d = dst_row(w, in.dst[0]);
  const isa::AtomOp op = in.instr->mods.atom;
  const bool is_signed = in.instr->type == isa::DataType::S32;
  uint64_t last_part = 0;
  uint32_t last = 0;
  bool have_last = false;
  for_each_lane<W>(exec, [&](int lane) {
    const uint64_t part = warp_ops::participants<W>(lane, exec, mask != nullptr, mask ? mask[lane] : 0);
    if (!have_last || part != last_part)  // lanes of one group share the result: reduce once per group
      last = warp_ops::redux(op, is_signed, value.data(), part), last_part = part, have_last = true;
    d[lane] = last;
  });
}

// activemask: the 32-bit view of the active lanes (on 64 lanes: the lane's half).
template <int W>
void CtaRunner<W>::exec_activemask(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec) {
  uint64_t* d = dst_row(w, in.dst[0]);
  for_each_lane<W>(exec, [&](int lane) { d[lane] = warp_ops::view32<W>(active, lane); });
}

template void CtaRunner<32>::exec_s2r(Warp<32>&, const ExecInstr<32>&, uint64_t);
template void CtaRunner<64>::exec_s2r(Warp<64>&, const ExecInstr<64>&, uint64_t);
template void CtaRunner<32>::exec_shfl(Warp<32>&, const ExecInstr<32>&, uint64_t);
template void CtaRunner<64>::exec_shfl(Warp<64>&, const ExecInstr<64>&, uint64_t);
template void CtaRunner<32>::exec_vote(Warp<32>&, const ExecInstr<32>&, uint64_t, uint64_t);
template void CtaRunner<64>::exec_vote(Warp<64>&, const ExecInstr<64>&, uint64_t, uint64_t);
template void CtaRunner<32>::exec_match(Warp<32>&, const ExecInstr<32>&, uint64_t);
template void CtaRunner<64>::exec_match(Warp<64>&, const ExecInstr<64>&, uint64_t);
template void CtaRunner<32>::exec_redux(Warp<32>&, const ExecInstr<32>&, uint64_t);
template void CtaRunner<64>::exec_redux(Warp<64>&, const ExecInstr<64>&, uint64_t);
template void CtaRunner<32>::exec_activemask(Warp<32>&, const ExecInstr<32>&, uint64_t, uint64_t);
template void CtaRunner<64>::exec_activemask(Warp<64>&, const ExecInstr<64>&, uint64_t, uint64_t);
template void CtaRunner<32>::exec_collective(Warp<32>&, const ExecInstr<32>&, uint64_t, uint64_t);
template void CtaRunner<64>::exec_collective(Warp<64>&, const ExecInstr<64>&, uint64_t, uint64_t);

}  // namespace canopy::gpu

