// atom / red: lanes apply in ascending order. Global memory may be touched by other host threads at the
// same time, so global lanes use compare-exchange loops; shared memory belongs to this CTA alone.
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>

#include "gpu/exec/cta_runner.h"
#include "gpu/exec/lane_loops.h"

namespace canopy::gpu {

using isa::AtomOp;

namespace {

// Atomics are 32 or 64 bits wide (checked at load).
uint64_t load_bytes(const uint8_t* p, unsigned n) {
  if (n == 4) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

void store_bytes(uint8_t* p, uint64_t v, unsigned n) {
  if (n == 4) {
    auto x = static_cast<uint32_t>(v);
    std::memcpy(p, &x, 4);
    return;
  }
  std::memcpy(p, &v, 8);
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

// lane_ptr_ and global_lanes_ are filled for every lane of exec (the access is valid).
template <int W>
void CtaRunner<W>::exec_atomic(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const isa::Instr& instr = *in.instr;
  const unsigned eb = in.elem_bytes;
  const unsigned bits = eb * 8;
  const uint64_t* b = operand_row(w, in.src[0]);
  const uint64_t* c = in.nsrc > 1 ? operand_row(w, in.src[1]) : nullptr;
  uint64_t* d = in.kind == ExecKind::Atom ? dst_row(w, in.dst[0]) : nullptr;
  for_active_lanes<W>(exec, [&](int lane) {
    uint64_t bv = zero_extend(b[lane], bits), cv = c ? zero_extend(c[lane], bits) : 0;
    uint8_t* p = lane_ptr_[lane];
    uint64_t old;
    if ((global_lanes_ >> lane) & 1) {
      old = eb == 4 ? atomic_rmw<uint32_t>(p, instr, bv, cv) : atomic_rmw<uint64_t>(p, instr, bv, cv);
    } else {
      old = load_bytes(p, eb);
      store_bytes(p, atom_result(instr, bits, old, bv, cv), eb);
    }
    if (d) d[lane] = old;
  });
}

template void CtaRunner<32>::exec_atomic(Warp<32>&, const ExecInstr<32>&, uint64_t);
template void CtaRunner<64>::exec_atomic(Warp<64>&, const ExecInstr<64>&, uint64_t);

}  // namespace canopy::gpu
