// ld / st / atom / red / cvta: every lane's access is checked before any lane touches memory, so a
// faulting instruction performs no access at all.
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <string>

#include "gpu/alu/lanes.h"
#include "gpu/exec/cta_runner.h"
#include "gpu/memory/address_map.h"

namespace canopy::gpu {

using isa::AtomOp;
using isa::DataType;
using isa::Space;

namespace {

std::string hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

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

uint64_t load_bytes(const uint8_t* p, unsigned n) {
  switch (n) {
    case 1: return *p;
    case 2: { uint16_t v; std::memcpy(&v, p, 2); return v; }
    case 4: { uint32_t v; std::memcpy(&v, p, 4); return v; }
    default: { uint64_t v; std::memcpy(&v, p, 8); return v; }
  }
}

void store_bytes(uint8_t* p, uint64_t v, unsigned n) {
  switch (n) {
    case 1: *p = static_cast<uint8_t>(v); break;
    case 2: { auto x = static_cast<uint16_t>(v); std::memcpy(p, &x, 2); break; }
    case 4: { auto x = static_cast<uint32_t>(v); std::memcpy(p, &x, 4); break; }
    default: std::memcpy(p, &v, 8); break;
  }
}

// The register value of a loaded element: signed narrow types sign-extend to the destination register
// width (type2, or 32 bits when type2 is None); everything else zero-extends.
uint64_t extend_loaded(uint64_t raw, const isa::Instr& in, unsigned bits) {
  if (!isa::is_signed(in.type) || bits >= 64) return raw;
  unsigned to = in.type2 != DataType::None ? isa::bit_width(in.type2) : 32;
  if (to <= bits) return raw;
  uint64_t sign = uint64_t{1} << (bits - 1);
  uint64_t extended = (raw ^ sign) - sign;  // two's-complement sign extension in unsigned arithmetic
  return zero_extend(extended, to);
}

template <typename F>
F from_bits(uint64_t v) {
  if constexpr (sizeof(F) == 4) return std::bit_cast<float>(static_cast<uint32_t>(v));
  else return std::bit_cast<double>(v);
}
template <typename F>
uint64_t to_bits(F f) {
  if constexpr (sizeof(F) == 4) return std::bit_cast<uint32_t>(f);
  else return std::bit_cast<uint64_t>(f);
}

// atom.add.f32 flushes subnormal inputs and results to sign-preserving zero (PTX ISA); f64 does not.
float flush(float f) { return std::fpclassify(f) == FP_SUBNORMAL ? std::copysign(0.0f, f) : f; }

template <typename F>
uint64_t float_atom(AtomOp op, uint64_t old_bits, uint64_t b_bits) {
  F old = from_bits<F>(old_bits), b = from_bits<F>(b_bits);
  switch (op) {
    case AtomOp::Add:
      if constexpr (sizeof(F) == 4) return to_bits<F>(flush(flush(old) + flush(b)));
      else return to_bits<F>(old + b);
    case AtomOp::Min: case AtomOp::Max: {
      if (std::isnan(old)) return b_bits;
      if (std::isnan(b)) return old_bits;
      bool take_b = op == AtomOp::Min ? (b < old || (b == old && std::signbit(b))) : (b > old || (b == old && !std::signbit(b)));
      return take_b ? b_bits : old_bits;
    }
    default: return b_bits;  // exch
  }
}

// The new memory value for an atomic on a `bits`-wide location (values zero-extended).
uint64_t atom_result(const isa::Instr& in, unsigned bits, uint64_t old, uint64_t b, uint64_t c) {
  AtomOp op = in.mods.atom;
  if (op == AtomOp::Cas) return old == b ? c : old;
  if (op == AtomOp::Exch) return b;
  if (isa::is_float(in.type))
    return bits == 32 ? float_atom<float>(op, old, b) : float_atom<double>(op, old, b);
  bool is_signed = isa::is_signed(in.type);
  uint64_t sign = uint64_t{1} << (bits - 1);
  auto less = [&](uint64_t x, uint64_t y) { return is_signed ? (x ^ sign) < (y ^ sign) : x < y; };
  uint64_t r = 0;
  switch (op) {
    case AtomOp::Add: r = old + b; break;
    case AtomOp::Sub: r = old - b; break;
    case AtomOp::And: r = old & b; break;
    case AtomOp::Or: r = old | b; break;
    case AtomOp::Xor: r = old ^ b; break;
    case AtomOp::Min: r = less(b, old) ? b : old; break;
    case AtomOp::Max: r = less(old, b) ? b : old; break;
    case AtomOp::Inc: r = old >= b ? 0 : old + 1; break;
    case AtomOp::Dec: r = (old == 0 || old > b) ? b : old - 1; break;
    default: r = b; break;
  }
  return zero_extend(r, bits);
}

template <typename T>
uint64_t atomic_rmw(uint8_t* p, const isa::Instr& in, uint64_t b, uint64_t c) {
  std::atomic_ref<T> ref(*reinterpret_cast<T*>(p));
  T old = ref.load();
  T desired;
  do {
    desired = static_cast<T>(atom_result(in, sizeof(T) * 8, old, b, c));
  } while (!ref.compare_exchange_weak(old, desired));
  return old;
}

}  // namespace

// Fills lane_ptr_ for every lane of exec, or reports the lowest faulting lane.
template <int W>
bool CtaRunner<W>::resolve_lanes(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, bool is_write) {
  const isa::Instr& instr = *in.instr;
  const unsigned size = unsigned{in.elem_bytes} * in.vec;
  const uint64_t* base = in.addr.kind != OperandRef::None ? operand_row(w, in.addr) : nullptr;
  const uint64_t offset = static_cast<uint64_t>(instr.offset);
  const Space space = instr.mods.space;
  const bool frame_relative = instr.mods.frame_relative;
  global_lanes_ = 0;
  for (int lane = 0; lane < W; ++lane) {
    if (!((exec >> lane) & 1)) continue;
    uint64_t a = (base ? base[lane] : 0) + offset;
    if (space == Space::Local && frame_relative) a += w.frame_base;
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
        const Allocation* al = w.cache;
        if (!al || a - al->base >= al->size || size > al->size - (a - al->base)) {
          al = spec_.global->find(a, size);
          if (al) w.cache = al;
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
          p = local_.data() + (w.first_thread + lane) * spec_.local_bytes + off;
          if (is_write && off + size > local_dirty_) local_dirty_ = off + size;
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

template <int W>
bool CtaRunner<W>::exec_memory(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const isa::Instr& instr = *in.instr;
  const bool is_write = in.kind != ExecKind::Ld;
  if (!resolve_lanes(w, in, exec, is_write)) return false;
  const unsigned eb = in.elem_bytes;
  const unsigned bits = eb * 8;
  switch (in.kind) {
    case ExecKind::Ld:
      for (unsigned v = 0; v < in.vec; ++v) {
        uint64_t* d = dst_row(w, in.dst[v]);
        for_each_lane<W>(exec, [&](int lane) { d[lane] = extend_loaded(load_bytes(lane_ptr_[lane] + v * eb, eb), instr, bits); });
      }
      break;
    case ExecKind::St:
      for (unsigned v = 0; v < in.vec; ++v) {
        const uint64_t* s = operand_row(w, in.src[v]);
        for_each_lane<W>(exec, [&](int lane) { store_bytes(lane_ptr_[lane] + v * eb, s[lane], eb); });
      }
      break;
    default: {  // atom / red, lanes in ascending order
      const uint64_t* b = operand_row(w, in.src[0]);
      const uint64_t* c = in.nsrc > 1 ? operand_row(w, in.src[1]) : nullptr;
      uint64_t* d = in.kind == ExecKind::Atom ? dst_row(w, in.dst[0]) : nullptr;
      for_each_lane<W>(exec, [&](int lane) {
        uint64_t bv = zero_extend(b[lane], bits), cv = c ? zero_extend(c[lane], bits) : 0;
        uint8_t* p = lane_ptr_[lane];
        uint64_t old;
        if ((global_lanes_ >> lane) & 1) {  // other host threads may touch global memory
          old = eb == 4 ? atomic_rmw<uint32_t>(p, instr, bv, cv) : atomic_rmw<uint64_t>(p, instr, bv, cv);
        } else {
          old = load_bytes(p, eb);
          store_bytes(p, atom_result(instr, bits, old, bv, cv), eb);
        }
        if (d) d[lane] = old;
      });
      break;
    }
  }
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
  for_each_lane<W>(exec, [&](int lane) { d[lane] = zero_extend(to_space ? a[lane] - window : a[lane] + window, bits); });
}

template bool CtaRunner<32>::exec_memory(Warp<32>&, const ExecInstr<32>&, uint64_t);
template bool CtaRunner<64>::exec_memory(Warp<64>&, const ExecInstr<64>&, uint64_t);
template void CtaRunner<32>::exec_cvta(Warp<32>&, const ExecInstr<32>&, uint64_t);
template void CtaRunner<64>::exec_cvta(Warp<64>&, const ExecInstr<64>&, uint64_t);

}  // namespace canopy::gpu
