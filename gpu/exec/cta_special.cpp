// Special registers (s2r) and warp-level operations (shfl, vote).
#include <bit>

#include "gpu/alu/lanes.h"
#include "gpu/exec/cta_runner.h"

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

// shfl.sync: src0 = value, src1 = lane/offset b, src2 = c (clamp in the low bits, segment mask from
// bit 8), optional src3 = member mask (not checked). dst1 (optional predicate) = source lane in range.
template <int W>
void CtaRunner<W>::exec_shfl(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const isa::Instr& instr = *in.instr;
  constexpr uint64_t kLaneBits = W - 1;
  const uint64_t* a = operand_row(w, in.src[0]);
  const uint64_t* b = operand_row(w, in.src[1]);
  const uint64_t* c = operand_row(w, in.src[2]);
  std::array<uint64_t, W> value;
  for (int lane = 0; lane < W; ++lane) value[lane] = a[lane];  // d may alias a
  uint64_t valid = 0;
  uint64_t* d = dst_row(w, in.dst[0]);
  for_each_lane<W>(exec, [&](int lane) {
    uint64_t bval = b[lane] & kLaneBits;
    uint64_t cval = c[lane] & kLaneBits;
    uint64_t segmask = (c[lane] >> 8) & kLaneBits;
    uint64_t l = static_cast<uint64_t>(lane);
    uint64_t max_lane = (l & segmask) | (cval & ~segmask);
    uint64_t min_lane = l & segmask;
    uint64_t j = l;
    bool ok = false;
    switch (instr.mods.shfl) {
      case isa::ShflMode::Up: j = l - bval; ok = static_cast<int64_t>(j) >= static_cast<int64_t>(max_lane); break;
      case isa::ShflMode::Down: j = l + bval; ok = j <= max_lane; break;
      case isa::ShflMode::Bfly: j = l ^ bval; ok = j <= max_lane; break;
      case isa::ShflMode::Idx: j = min_lane | (bval & ~segmask); ok = j <= max_lane; break;
    }
    if (!ok) j = l;
    d[lane] = value[j];
    valid |= uint64_t{ok} << lane;
  });
  if (in.ndst > 1 && in.dst[1].kind == OperandRef::Pred) {
    uint64_t* p = dst_row(w, in.dst[1]);
    p[0] = (p[0] & ~exec) | (valid & exec);
  }
}

// vote.sync: src0 = predicate (a predicate register, or a register/immediate read as non-zero).
// all/any/uni write a predicate; ballot writes the mask of lanes whose predicate is true.
template <int W>
void CtaRunner<W>::exec_vote(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec) {
  if (exec == 0) return;
  const uint64_t* p = operand_row(w, in.src[0]);
  uint64_t truth = 0;
  if (in.src[0].kind == OperandRef::Pred)
    truth = p[0];
  else
    for_each_lane<W>(exec, [&](int lane) { truth |= uint64_t{p[lane] != 0} << lane; });
  truth &= exec;
  uint64_t* d = dst_row(w, in.dst[0]);
  auto write_pred = [&](bool r) {
    if (in.dst[0].kind == OperandRef::Pred)
      d[0] = (d[0] & ~exec) | (r ? exec : 0);
    else
      for_each_lane<W>(exec, [&](int lane) { d[lane] = r ? 1 : 0; });
  };
  switch (in.instr->mods.vote) {
    case isa::VoteMode::All: write_pred(truth == exec); break;
    case isa::VoteMode::Any: write_pred(truth != 0); break;
    case isa::VoteMode::Uni: write_pred(truth == 0 || truth == exec); break;
    case isa::VoteMode::Ballot:
      if (in.dst[0].kind == OperandRef::Reg) for_each_lane<W>(exec, [&](int lane) { d[lane] = truth; });
      break;
  }
  (void)active;
}

template void CtaRunner<32>::exec_s2r(Warp<32>&, const ExecInstr<32>&, uint64_t);
template void CtaRunner<64>::exec_s2r(Warp<64>&, const ExecInstr<64>&, uint64_t);
template void CtaRunner<32>::exec_shfl(Warp<32>&, const ExecInstr<32>&, uint64_t);
template void CtaRunner<64>::exec_shfl(Warp<64>&, const ExecInstr<64>&, uint64_t);
template void CtaRunner<32>::exec_vote(Warp<32>&, const ExecInstr<32>&, uint64_t, uint64_t);
template void CtaRunner<64>::exec_vote(Warp<64>&, const ExecInstr<64>&, uint64_t, uint64_t);

}  // namespace canopy::gpu
