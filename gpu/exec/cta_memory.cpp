// ld / st / atom / red / cvta. Every lane's access is checked before any lane touches memory, so a
// faulting instruction performs no access at all.
//
// Checking each lane separately (window, allocation lookup, bounds) dominated memory-heavy kernels.
// Instead the warp's lowest and highest address and the OR of all addresses are computed in one pass:
// if every address is aligned and [lowest, highest + size) lies inside one region (the last-hit global
// allocation, or the CTA's shared memory, ...), every lane is valid and one subtraction per lane turns
// addresses into host pointers. Anything else (a fault, lanes spread over several allocations) goes to
// the exact per-lane check in cta_memory_checked.cpp, which also picks the faulting lane to report.
#include <array>
#include <bit>
#include <cstring>
#include <optional>
#include <type_traits>

#include "gpu/exec/cta_runner.h"
#include "gpu/exec/lane_loops.h"
#include "gpu/memory/address_map.h"

namespace canopy::gpu {

using isa::Space;

namespace {

static_assert(kSharedWindowBase == 1 * kWindowSize && kLocalWindowBase == 2 * kWindowSize &&
                  kConstWindowBase == 3 * kWindowSize,
              "window_of() relies on the generic windows being the 2nd to 4th 4-GiB blocks");

// Generic address -> explicit space by its 4-GiB block (global outside the three windows).
Space window_of(uint64_t a) {
  switch (a / kWindowSize) {
    case 1: return Space::Shared;
    case 2: return Space::Local;
    case 3: return Space::Const;
    default: return Space::Global;
  }
}

// Where each lane's bytes are: after the fast check, host + (address - dev) (local memory folds each
// thread's slice into the address array); after the exact check, a pointer per lane.
struct BulkLanes {
  uint8_t* host;
  uint64_t dev;
  const uint64_t* address;
  uint8_t* at(int lane) const { return host + (address[lane] - dev); }
};
struct PointerLanes {
  uint8_t* const* ptr;
  uint8_t* at(int lane) const { return ptr[lane]; }
};

template <int W, typename T, typename Lanes>
void load_element(uint64_t exec, const Lanes& lanes, unsigned byte_offset, uint64_t* d, unsigned sext_bits) {
  if (sext_bits == 0) {
    for_active_lanes<W>(exec, [&](int lane) {
      T x;
      std::memcpy(&x, lanes.at(lane) + byte_offset, sizeof(T));
      d[lane] = x;
    });
    return;
  }
  using S = std::make_signed_t<T>;
  const uint64_t keep = zero_extend(~uint64_t{0}, sext_bits);
  for_active_lanes<W>(exec, [&](int lane) {
    S x;
    std::memcpy(&x, lanes.at(lane) + byte_offset, sizeof(S));
    d[lane] = static_cast<uint64_t>(int64_t{x}) & keep;
  });
}

template <int W, typename T, typename Lanes>
void store_element(uint64_t exec, const Lanes& lanes, unsigned byte_offset, const uint64_t* s) {
  for_active_lanes<W>(exec, [&](int lane) {
    auto x = static_cast<T>(s[lane]);
    std::memcpy(lanes.at(lane) + byte_offset, &x, sizeof(T));
  });
}

// ld / st of every vector element, lanes in ascending order within an element.
template <int W, typename Lanes, typename DstRow, typename SrcRow>
void load_store(const ExecInstr<W>& in, uint64_t exec, const Lanes& lanes, DstRow dst_row, SrcRow src_row) {
  const unsigned eb = in.elem_bytes;
  for (unsigned v = 0; v < in.vec; ++v) {
    const unsigned at = v * eb;
    if (in.kind == ExecKind::Ld) {
      uint64_t* d = dst_row(v);
      switch (eb) {
        case 1: load_element<W, uint8_t>(exec, lanes, at, d, in.sext_bits); break;
        case 2: load_element<W, uint16_t>(exec, lanes, at, d, in.sext_bits); break;
        case 4: load_element<W, uint32_t>(exec, lanes, at, d, in.sext_bits); break;
        default: load_element<W, uint64_t>(exec, lanes, at, d, in.sext_bits); break;
      }
    } else {
      const uint64_t* s = src_row(v);
      switch (eb) {
        case 1: store_element<W, uint8_t>(exec, lanes, at, s); break;
        case 2: store_element<W, uint16_t>(exec, lanes, at, s); break;
        case 4: store_element<W, uint32_t>(exec, lanes, at, s); break;
        default: store_element<W, uint64_t>(exec, lanes, at, s); break;
      }
    }
  }
}

// Computes every active lane's address into `a` and tests that each is aligned to `size` and lies in
// [lo, lo + span] (span < 2^63). A lane with x = address - lo > span has the top bit of x set or makes
// span - x wrap, so OR-ing x | (span - x) over the lanes needs only 64-bit add/sub/or: the full-warp
// loop vectorizes on every host (SSE2 has no 64-bit compare for a min/max scan).
template <int W>
bool lanes_within(uint64_t exec, const uint64_t* base, uint64_t bias, uint64_t size, uint64_t lo,
                  uint64_t span, std::array<uint64_t, W>& a) {
  uint64_t out = 0, bits = 0;
  auto lane_address = [&](int lane, uint64_t address) {
    a[lane] = address;
    const uint64_t x = address - lo;
    out |= x | (span - x);
    bits |= address;
  };
  if (base)
    for_active_lanes<W>(exec, [&](int lane) { lane_address(lane, base[lane] + bias); });
  else
    for_active_lanes<W>(exec, [&](int lane) { lane_address(lane, bias); });
  return (out >> 63) == 0 && (bits & (size - 1)) == 0;
}

}  // namespace

// Proves every lane of exec valid in bulk and says where the lanes' bytes are (lane_addr_ holds the
// addresses); nullopt means "not proven" (the exact check decides). The region to test is the one of
// the first active lane: if all lanes are valid and in one region, it is that one.
template <int W>
std::optional<BulkAccess> CtaRunner<W>::fast_resolve(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec,
                                                     bool is_write) {
  const uint64_t size = in.access_bytes;
  const uint64_t bias = in.offset + (in.frame_relative ? w.frame_base : 0);
  const uint64_t* base = in.addr.kind != OperandRef::None ? operand_row(w, in.addr) : nullptr;
  const uint64_t first = (base ? base[std::countr_zero(exec)] : 0) + bias;

  Space space = in.space;
  uint64_t window = 0;
  if (space == Space::Generic) {
    space = window_of(first);
    if (space != Space::Global) window = first / kWindowSize * kWindowSize;
  }

  if (space == Space::Global) {
    const Allocation*& cached = allocation_cache(in);
    const Allocation* al = cached;
    if (!al || first - al->base >= al->size || size > al->size - (first - al->base)) {
      al = spec_.global->find_mapped(first, size);
      if (!al) return std::nullopt;
      cached = al;
    }
    if (!lanes_within<W>(exec, base, bias, size, al->base, al->size - size, lane_addr_)) return std::nullopt;
    global_lanes_ = exec;
    return BulkAccess{al->data, al->base};
  }

  // The other spaces are offsets into one host buffer.
  uint8_t* host;
  uint64_t limit;
  switch (space) {
    case Space::Shared: host = shared_.data(), limit = shared_bytes_; break;
    case Space::Local: host = local_.thread(w.first_thread), limit = spec_.local_bytes; break;
    case Space::Const:
      if (is_write) return std::nullopt;
      host = spec_.const_bank, limit = spec_.const_bytes;
      break;
    default: host = const_cast<uint8_t*>(spec_.params), limit = spec_.param_bytes; break;
  }
  if (limit < size || !lanes_within<W>(exec, base, bias, size, window, limit - size, lane_addr_))
    return std::nullopt;
  global_lanes_ = 0;
  if (space == Space::Local) {
    std::array<uint64_t, W>& a = lane_addr_;
    if (is_write) {
      uint64_t top = 0;
      for_active_lanes<W>(exec, [&](int lane) { top = a[lane] - window > top ? a[lane] - window : top; });
      local_.written(top + size);
    }
    // Lane L's slice starts L slices after lane 0's: fold that into its address.
    const uint64_t stride = spec_.local_bytes;
    for_active_lanes<W>(exec, [&](int lane) { a[lane] += static_cast<uint64_t>(lane) * stride; });
  }
  return BulkAccess{host, window};
}

template <int W>
bool CtaRunner<W>::exec_memory(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const bool is_write = in.kind != ExecKind::Ld;
  auto dst = [&](unsigned v) { return dst_row(w, in.dst[v]); };
  auto src = [&](unsigned v) { return operand_row(w, in.src[v]); };
  if (auto bulk = fast_resolve(w, in, exec, is_write)) {
    const BulkLanes lanes{bulk->host, bulk->dev, lane_addr_.data()};
    if (in.kind == ExecKind::Ld || in.kind == ExecKind::St) {
      load_store<W>(in, exec, lanes, dst, src);
    } else {
      for_active_lanes<W>(exec, [&](int lane) { lane_ptr_[lane] = lanes.at(lane); });
      exec_atomic(w, in, exec);
    }
    return true;
  }
  if (!resolve_lanes(w, in, exec, is_write)) return false;
  if (in.kind == ExecKind::Ld || in.kind == ExecKind::St)
    load_store<W>(in, exec, PointerLanes{lane_ptr_.data()}, dst, src);
  else
    exec_atomic(w, in, exec);
  return true;
}

template <int W>
void CtaRunner<W>::exec_cvta(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const isa::Instr& instr = *in.instr;
  uint64_t window = 0;
  switch (instr.mods.space) {
    case Space::Shared: window = kSharedWindowBase; break;
    case Space::Local: window = kLocalWindowBase; break;
    case Space::Const: window = kConstWindowBase; break;
    default: break;  // global: generic and global addresses are the same
  }
  const bool to_space = instr.mods.cvta_to_space;
  const unsigned bits = isa::bit_width(instr.type) == 32 ? 32 : 64;
  const uint64_t* a = operand_row(w, in.src[0]);
  uint64_t* d = dst_row(w, in.dst[0]);
  for_active_lanes<W>(exec, [&](int lane) { d[lane] = zero_extend(to_space ? a[lane] - window : a[lane] + window, bits); });
}

template bool CtaRunner<32>::exec_memory(Warp<32>&, const ExecInstr<32>&, uint64_t);
template bool CtaRunner<64>::exec_memory(Warp<64>&, const ExecInstr<64>&, uint64_t);
template void CtaRunner<32>::exec_cvta(Warp<32>&, const ExecInstr<32>&, uint64_t);
template void CtaRunner<64>::exec_cvta(Warp<64>&, const ExecInstr<64>&, uint64_t);

}  // namespace canopy::gpu
