// cp.async, the mbarrier operations and nanosleep: the engine's meaning of each (docs/engine.md,
// "Asynchronous copies and mbarrier"). The pending copies live per warp (async_copy.h); the mbarrier
// object's layout is mbarrier_word.h. Lanes act in ascending order, so the outcome is deterministic.
#include <bit>
#include <cstring>

#include "gpu/exec/cta_runner.h"
#include "gpu/exec/lane_loops.h"
#include "gpu/exec/mbarrier_word.h"
#include "gpu/memory/address_map.h"
#include "support/hex.h"

namespace canopy::gpu {

using isa::Opcode;

template <int W>
uint64_t CtaRunner<W>::lane_address(Warp<W>& w, const ExecInstr<W>& in, int lane) const {
  const uint64_t base = in.addr.kind != OperandRef::None ? operand_row(w, in.addr)[lane] : 0;
  return base + in.offset;
}

// The shared-memory mbarrier object lane `lane` names, or null with fault_ set.
template <int W>
uint8_t* CtaRunner<W>::mbarrier_at(Warp<W>& w, const ExecInstr<W>& in, int lane) {
  const uint64_t a = lane_address(w, in, lane);
  uint64_t off = a;
  if (in.space == isa::Space::Generic) {
    if (a - kSharedWindowBase >= kWindowSize) {
      fault(w, in, "illegal address", lane, a,
            "mbarrier object at generic address " + hex(a) + " is not in shared memory");
      return nullptr;
    }
    off = a - kSharedWindowBase;
  }
  if (off % 8 != 0) {
    fault(w, in, "misaligned address", lane, a, "mbarrier object at " + hex(a) + " is not 8-byte aligned");
    return nullptr;
  }
  if (off >= shared_bytes_ || shared_bytes_ - off < 8) {
    fault(w, in, "illegal address", lane, a,
          "mbarrier object at " + hex(a) + " (8 bytes): shared window is " + std::to_string(shared_bytes_) +
              " bytes");
    return nullptr;
  }
  return shared_.data() + off;
}

// Every lane is checked before any copy is recorded, so a faulting cp.async copies nothing.
template <int W>
bool CtaRunner<W>::exec_cp_async(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const unsigned size = in.access_bytes;
  const uint64_t* dst_row = operand_row(w, in.src[0]);
  const uint64_t* size_row = operand_row(w, in.src[1]);
  for (int lane = 0; lane < W; ++lane) {
    if (!((exec >> lane) & 1)) continue;
    const uint64_t src = lane_address(w, in, lane);
    const uint64_t dst = dst_row[lane];
    const uint64_t src_size = size_row[lane] & 0xffffffffu;
    if (src_size > size)
      return fault(w, in, "illegal instruction", lane, std::nullopt,
                   "cp.async source size " + std::to_string(src_size) + " exceeds the copy size " +
                       std::to_string(size));
    if (dst % size != 0)
      return fault(w, in, "misaligned address", lane, dst,
                   "cp.async to shared address " + hex(dst) + " not aligned to the copy size of " +
                       std::to_string(size) + " bytes");
    if (dst >= shared_bytes_ || shared_bytes_ - dst < size)
      return fault(w, in, "illegal address", lane, dst,
                   "cp.async to shared address " + hex(dst) + " (" + std::to_string(size) +
                       " bytes): shared window is " + std::to_string(shared_bytes_) + " bytes");
    if (src_size == 0) continue;  // ignore-src / src-size 0: the source is not read
    if (src % size != 0)
      return fault(w, in, "misaligned address", lane, src,
                   "cp.async from global address " + hex(src) + " not aligned to the copy size of " +
                       std::to_string(size) + " bytes");
    const Allocation* al = spec_.global->find_mapped(src, src_size);
    if (!al)
      return fault(w, in, "illegal address", lane, src,
                   "cp.async from global address " + hex(src) + " (" + std::to_string(src_size) +
                       " bytes): no live allocation contains it");
    lane_ptr_[lane] = al->data + (src - al->base);
  }
  const std::span<uint8_t> shared(shared_.data(), shared_bytes_);
  for (int lane = 0; lane < W; ++lane) {
    if (!((exec >> lane) & 1)) continue;
    std::array<uint8_t, AsyncCopyQueue::kMaxBytes> data{};
    const unsigned src_size = static_cast<unsigned>(size_row[lane] & 0xffffffffu);
    if (src_size) std::memcpy(data.data(), lane_ptr_[lane], src_size);
    w.async_copies.issue(lane, static_cast<uint32_t>(dst_row[lane]), data.data(), size, shared);
  }
  return true;
}

template <int W>
bool CtaRunner<W>::exec_async(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, bool& yield) {
  if (!exec) return true;
  const std::span<uint8_t> shared(shared_.data(), shared_bytes_);
  const Opcode op = in.instr->op;
  switch (op) {
    case Opcode::CpAsync:
      return exec_cp_async(w, in, exec);
    case Opcode::CpAsyncCommit:
      w.async_copies.commit(exec);
      return true;
    case Opcode::CpAsyncWait:
      w.async_copies.wait(exec, in.target, shared);
      return true;
    case Opcode::Nanosleep:
      yield = true;
      return true;
    case Opcode::MbarPending: {
      const uint64_t* s = operand_row(w, in.src[0]);
      uint64_t* d = dst_row(w, in.dst[0]);
      for_active_lanes<W>(exec, [&](int lane) { d[lane] = mbarrier::pending(s[lane]); });
      return true;
    }
    default:
      break;
  }
  // The mbarrier operations (and cp.async.mbarrier.arrive), lane by lane.
  const uint64_t* src = in.nsrc ? operand_row(w, in.src[0]) : nullptr;
  uint64_t* out = in.ndst ? dst_row(w, in.dst[0]) : nullptr;
  const bool pred_out = in.ndst && in.dst[0].kind == OperandRef::Pred;
  uint64_t pred_bits = pred_out ? out[0] : 0;
  for (int lane = 0; lane < W; ++lane) {
    if (!((exec >> lane) & 1)) continue;
    uint8_t* obj = mbarrier_at(w, in, lane);
    if (!obj) return false;
    uint64_t word;
    std::memcpy(&word, obj, sizeof word);
    switch (op) {
      case Opcode::MbarInit: {
        const uint64_t count = src[lane] & 0xffffffffu;
        if (count == 0 || count > mbarrier::kMaxCount)
          return fault(w, in, "illegal instruction", lane, std::nullopt,
                       "mbarrier.init count " + std::to_string(count) + " is outside 1..2^20-1");
        word = mbarrier::init(static_cast<uint32_t>(count));
        break;
      }
      case Opcode::MbarInval:
        word = 0;
        break;
      case Opcode::CpAsyncArrive:
        w.async_copies.complete_all(uint64_t{1} << lane, shared);
        // Without .noinc the pending count is raised by one and the copies' arrival lowers it again.
        if (!in.instr->mods.noinc) continue;
        [[fallthrough]];
      case Opcode::MbarArrive: {
        const uint64_t count = src ? src[lane] & 0xffffffffu : 1;
        auto r = mbarrier::arrive(word, static_cast<uint32_t>(std::min<uint64_t>(count, UINT32_MAX)),
                                  in.instr->mods.drop);
        if (!r.error.empty()) return fault(w, in, "invalid mbarrier", lane, lane_address(w, in, lane), r.error);
        if (out) out[lane] = r.token;
        break;
      }
      case Opcode::MbarTestWait:
      case Opcode::MbarTryWait: {
        const bool done = in.instr->mods.parity ? mbarrier::parity_complete(word, src[lane])
                                                : mbarrier::phase_complete(word, src[lane]);
        if (done)
          pred_bits |= uint64_t{1} << lane;
        else
          pred_bits &= ~(uint64_t{1} << lane);
        if (!done && op == Opcode::MbarTryWait) yield = true;
        continue;
      }
      default:
        return fault(w, in, "illegal instruction", lane, std::nullopt, "not an asynchronous operation");
    }
    std::memcpy(obj, &word, sizeof word);
  }
  if (pred_out) out[0] = pred_bits;
  return true;
}

template bool CtaRunner<32>::exec_async(Warp<32>&, const ExecInstr<32>&, uint64_t, bool&);
template bool CtaRunner<64>::exec_async(Warp<64>&, const ExecInstr<64>&, uint64_t, bool&);

}  // namespace canopy::gpu
