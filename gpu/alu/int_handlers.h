// Building blocks of the integer-side ALU handlers (internal to gpu/alu/int_*.cpp): lane loops that
// apply a per-lane function from int_semantics.h / int_bit_semantics.h, predicate-mask helpers, the
// type dispatch used at selection time, and the per-group selectors.
#pragma once

#include <string>
#include <type_traits>

#include "gpu/alu/alu.h"
#include "gpu/alu/lanes.h"

namespace canopy::gpu::alu {

// Lane<&f>::apply calls f on one lane: each 64-bit register value is truncated to the parameter type
// of f and the result is zero-extended back to 64 bits (the register convention).
template <auto F, class Signature = decltype(F)>
struct Lane;
template <auto F, class R, class... A>
struct Lane<F, R (*)(A...)> {
  static uint64_t apply(std::conditional_t<true, uint64_t, A>... v) {
    return static_cast<uint64_t>(F(static_cast<A>(v)...));
  }
};

// d = Op(src0 .. src{N-1}) for every active lane. With a full exec mask this is a branch-free loop the
// compiler vectorizes.
template <int W, class Op>
void run1(const isa::Instr&, const AluOperands<W>& o) {
  uint64_t* d = o.dst[0];
  const uint64_t* a = o.src[0];
  for_each_lane<W>(o.exec, [&](int l) { d[l] = Op::apply(a[l]); });
}
template <int W, class Op>
void run2(const isa::Instr&, const AluOperands<W>& o) {
  uint64_t* d = o.dst[0];
  const uint64_t *a = o.src[0], *b = o.src[1];
  for_each_lane<W>(o.exec, [&](int l) { d[l] = Op::apply(a[l], b[l]); });
}
template <int W, class Op>
void run3(const isa::Instr&, const AluOperands<W>& o) {
  uint64_t* d = o.dst[0];
  const uint64_t *a = o.src[0], *b = o.src[1], *c = o.src[2];
  for_each_lane<W>(o.exec, [&](int l) { d[l] = Op::apply(a[l], b[l], c[l]); });
}
template <int W, class Op>
void run4(const isa::Instr&, const AluOperands<W>& o) {
  uint64_t* d = o.dst[0];
  const uint64_t *a = o.src[0], *b = o.src[1], *c = o.src[2], *e = o.src[3];
  for_each_lane<W>(o.exec, [&](int l) { d[l] = Op::apply(a[l], b[l], c[l], e[l]); });
}

// Writes `value` into the lanes of a predicate mask that exec selects.
inline void write_mask(uint64_t* mask, uint64_t value, uint64_t exec) {
  *mask = (*mask & ~exec) | (value & exec);
}

// A source used as a predicate: a predicate register's mask, or (immediate / register) the lanes whose
// value is nonzero.
template <int W>
uint64_t read_predicate(const isa::Instr& instr, const AluOperands<W>& o, int i) {
  if (instr.src[i].kind == isa::OperandKind::Pred) return *o.src[i] & full_lane_mask<W>();
  uint64_t mask = 0;
  for (int l = 0; l < W; ++l) mask |= uint64_t{o.src[i][l] != 0} << l;
  return mask;
}

// Combines a comparison mask with the predicate src2 by mods.boolop (PTX setp/set `.and/.or/.xor`).
template <int W>
uint64_t combine_boolop(const isa::Instr& instr, const AluOperands<W>& o, uint64_t t) {
  switch (instr.mods.boolop) {
    case isa::BoolOp::And: return t & read_predicate<W>(instr, o, 2);
    case isa::BoolOp::Or: return t | read_predicate<W>(instr, o, 2);
    case isa::BoolOp::Xor: return t ^ read_predicate<W>(instr, o, 2);
    case isa::BoolOp::None: break;
  }
  return t;
}

constexpr bool is_int_type(isa::DataType t) {
  unsigned w = isa::bit_width(t);
  return !isa::is_float(t) && t != isa::DataType::Pred && w >= 8 && w <= 64;
}

// Calls make.template operator()<U, kSigned>() for a 16-, 32- or 64-bit integer type (b types count
// as unsigned); nullptr for any other type.
template <int W, class Make>
AluHandler<W> by_int_type(isa::DataType t, Make make) {
  using isa::DataType;
  switch (t) {
    case DataType::U16: case DataType::B16: return make.template operator()<uint16_t, false>();
    case DataType::S16: return make.template operator()<uint16_t, true>();
    case DataType::U32: case DataType::B32: return make.template operator()<uint32_t, false>();
    case DataType::S32: return make.template operator()<uint32_t, true>();
    case DataType::U64: case DataType::B64: return make.template operator()<uint64_t, false>();
    case DataType::S64: return make.template operator()<uint64_t, true>();
    default: return nullptr;
  }
}

// Calls make.template operator()<U>() with the unsigned type of the width of t (8, 16, 32 or 64 bits).
template <int W, class Make>
AluHandler<W> by_width(unsigned bits, Make make) {
  switch (bits) {
    case 8: return make.template operator()<uint8_t>();
    case 16: return make.template operator()<uint16_t>();
    case 32: return make.template operator()<uint32_t>();
    case 64: return make.template operator()<uint64_t>();
    default: return nullptr;
  }
}

// Sets *why (if given) and returns nullptr: the instruction is ours but this combination is invalid.
template <int W>
AluHandler<W> reject(std::string* why, const isa::Instr& instr, const char* reason) {
  if (why) *why = std::string(isa::info(instr.op).mnemonic) + ": " + reason;
  return nullptr;
}

// Per-group selectors (int_arith.cpp, int_carry.cpp, int_bits.cpp, int_move.cpp, int_compare.cpp).
// Each is called only for opcodes of its group and always either returns a handler or sets *why.
template <int W>
AluHandler<W> select_int_arith(const isa::Instr& instr, std::string* why);
template <int W>
AluHandler<W> select_int_carry(const isa::Instr& instr, std::string* why);
template <int W>
AluHandler<W> select_int_bits(const isa::Instr& instr, std::string* why);
template <int W>
AluHandler<W> select_int_move(const isa::Instr& instr, std::string* why);
template <int W>
AluHandler<W> select_int_compare(const isa::Instr& instr, std::string* why);

}  // namespace canopy::gpu::alu
