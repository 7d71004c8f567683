// The exact per-lane check of a memory instruction: every lane in ascending order, stopping at the first
// one that faults, with the fault's message. The fast path (cta_memory.cpp) handles every access whose
// lanes it can prove valid in bulk; this runs for the rest (faults, lanes spread over several global
// allocations or generic windows), so it defines which lane and address a fault reports.
#include <string>

#include "support/hex.h"
#include "gpu/exec/cta_runner.h"
#include "gpu/memory/address_map.h"

namespace canopy::gpu {

using isa::Space;

namespace {

std::string_view space_name(Space s) {
  switch (s) {
    case Space::Global: return "global";
    case Space::Shared: return "shared";
    case Space::Local: return "local";
    case Space::Const: return "const";
    case Space::Param: case Space::ParamKernel: return "param";
    default: return "generic";
  }
}

}  // namespace

// Fills lane_ptr_ for every lane of exec, or reports the lowest faulting lane.
template <int W>
bool CtaRunner<W>::resolve_lanes(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, bool is_write) {
  const unsigned size = in.access_bytes;
  const uint64_t* base = in.addr.kind != OperandRef::None ? operand_row(w, in.addr) : nullptr;
  const Space space = in.space;
  global_lanes_ = 0;
  for (int lane = 0; lane < W; ++lane) {
    if (!((exec >> lane) & 1)) continue;
    uint64_t a = (base ? base[lane] : 0) + in.offset;
    if (in.frame_relative) a += w.frame_base;
    // A .shared address is 32 bits on hardware: register plus offset wraps modulo 2^32 (the bulk path
    // declines such lanes, since the unwrapped sum lies outside the window).
    if (space == Space::Shared) a = static_cast<uint32_t>(a);
    const char* what = is_write ? "store to" : "load from";
    if (a % size != 0)
      return fault(w, in, "misaligned address", lane, a,
                   std::string(what) + " " + std::string(space_name(space)) + " address " + hex(a) +
                   " not aligned to the access size of " + std::to_string(size) + " bytes");
    Space s = space;
    uint64_t off = a;
    if (s == Space::Generic) {
      if (a - kSharedWindowBase < kWindowSize) s = Space::Shared, off = a - kSharedWindowBase;
      else if (a - kLocalWindowBase < kWindowSize) s = Space::Local, off = a - kLocalWindowBase;
      else if (a - kConstWindowBase < kWindowSize) s = Space::Const, off = a - kConstWindowBase;
      else s = Space::Global;
    }
    uint8_t* p = nullptr;
    uint64_t limit = 0;
    switch (s) {
      case Space::Global: {
        const Allocation*& cached = allocation_cache(in);
        const Allocation* al = cached;
        if (!al || a - al->base >= al->size || size > al->size - (a - al->base)) {
          al = spec_.global->find_mapped(a, size);
          if (al) cached = al;
        }
        if (al) {
          p = al->data + (a - al->base);
          global_lanes_ |= uint64_t{1} << lane;
        }
        break;
      }
      case Space::Shared:
        limit = shared_bytes_;
        if (off < limit && size <= limit - off) p = shared_.data() + off;
        break;
      case Space::Local:
        limit = spec_.local_bytes;
        if (off < limit && size <= limit - off) {
          p = local_.thread(w.first_thread + lane) + off;
          if (is_write) local_.written(off + size);
        }
        break;
      case Space::Const:
        limit = spec_.const_bytes;
        if (is_write) break;  // read-only
        if (off < limit && size <= limit - off) p = spec_.const_bank + off;
        break;
      default:  // kernel parameters
        limit = spec_.param_bytes;
        if (off < limit && size <= limit - off) p = const_cast<uint8_t*>(spec_.params) + off;
        break;
    }
    if (!p) {
      std::string where = s == Space::Global ? "no live allocation contains it"
                          : s == Space::Const && is_write ? "const memory is read-only"
                          : std::string(space_name(s)) + " window is " + std::to_string(limit) + " bytes";
      return fault(w, in, "illegal address", lane, a,
                   std::string(what) + " " + std::string(space_name(space)) + " address " + hex(a) + " (" +
                   std::to_string(size) + " bytes): " + where);
    }
    lane_ptr_[lane] = p;
  }
  return true;
}

template bool CtaRunner<32>::resolve_lanes(Warp<32>&, const ExecInstr<32>&, uint64_t, bool);
template bool CtaRunner<64>::resolve_lanes(Warp<64>&, const ExecInstr<64>&, uint64_t, bool);

}  // namespace canopy::gpu
