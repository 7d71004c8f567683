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

// Tells the compiler a lane loop has no dependence between lanes. A destination row may be one of the
// source rows (add r1, r1, r2), but lane l only ever reads lane l of each row before writing lane l, so
// vectorizing is safe; without the hint GCC -O2 gives up on the possible aliasing.
#if defined(__clang__)
#define CANOPY_INDEPENDENT_LANES _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define CANOPY_INDEPENDENT_LANES _Pragma("GCC ivdep")
#else
#define CANOPY_INDEPENDENT_LANES
#endif

// d[l] = value(l) for the lanes exec selects. value(l) may read only lane l of any row that can be the
// destination. With a full mask this is one branch-free loop that vectorizes.
template <int W, class Value>
inline void write_lanes(uint64_t* d, uint64_t exec, Value value) {
  if (exec == full_lane_mask<W>()) {
    CANOPY_INDEPENDENT_LANES
    for (int l = 0; l < W; ++l) d[l] = value(l);
    return;
  }
  for (int l = 0; l < W; ++l)
    if ((exec >> l) & 1) d[l] = value(l);
}

// d = Op(src0 .. src{N-1}) for every active lane.
template <int W, class Op>
void run1(const isa::Instr&, const AluOperands<W>& o) {
  const uint64_t* a = o.src[0];
  write_lanes<W>(o.dst[0], o.exec, [&](int l) { return Op::apply(a[l]); });
}
template <int W, class Op>
void run2(const isa::Instr&, const AluOperands<W>& o) {
  const uint64_t *a = o.src[0], *b = o.src[1];
  write_lanes<W>(o.dst[0], o.exec, [&](int l) { return Op::apply(a[l], b[l]); });
}
template <int W, class Op>
void run3(const isa::Instr&, const AluOperands<W>& o) {
  const uint64_t *a = o.src[0], *b = o.src[1], *c = o.src[2];
  write_lanes<W>(o.dst[0], o.exec, [&](int l) { return Op::apply(a[l], b[l], c[l]); });
}
template <int W, class Op>
void run4(const isa::Instr&, const AluOperands<W>& o) {
  const uint64_t *a = o.src[0], *b = o.src[1], *c = o.src[2], *e = o.src[3];
  write_lanes<W>(o.dst[0], o.exec, [&](int l) { return Op::apply(a[l], b[l], c[l], e[l]); });
}

// Each lane's bit of a mask as an all-ones or all-zeros 64-bit value, for branch-free selects. Done a
// nibble at a time from a table (per-lane variable shifts do not vectorize on baseline x86-64).
struct NibbleLanes {
  uint64_t lane[16][4];
};
constexpr NibbleLanes make_nibble_lanes() {
  NibbleLanes t{};
  for (int n = 0; n < 16; ++n)
    for (int i = 0; i < 4; ++i) t.lane[n][i] = uint64_t{0} - ((static_cast<unsigned>(n) >> i) & 1);
  return t;
}
inline constexpr NibbleLanes kNibbleLanes = make_nibble_lanes();

template <int W>
inline void expand_mask(uint64_t mask, uint64_t (&lanes)[W]) {
  static_assert(W % 4 == 0);
  for (int g = 0; g < W / 4; ++g) {
    const uint64_t* row = kNibbleLanes.lane[(mask >> (4 * g)) & 15];
    for (int i = 0; i < 4; ++i) lanes[4 * g + i] = row[i];
  }
}

// Packs one 0/1 byte per lane into a lane mask, 8 lanes at a time: multiplying a word of eight 0/1
// bytes by 0x0102040810204080 gathers byte i's low bit into bit 56 + i, with no carries into that byte.
template <int W>
inline uint64_t pack_mask(const uint8_t (&bits)[W]) {
  static_assert(W % 8 == 0);
  uint64_t mask = 0;
  for (int g = 0; g < W / 8; ++g) {
    uint64_t word = 0;
    for (int i = 0; i < 8; ++i) word |= uint64_t{bits[8 * g + i]} << (8 * i);
    mask |= ((word * 0x0102040810204080u) >> 56) << (8 * g);
  }
  return mask;
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
    case isa::BoolOp::And:
      return t & read_predicate<W>(instr, o, 2);
    case isa::BoolOp::Or:
      return t | read_predicate<W>(instr, o, 2);
    case isa::BoolOp::Xor:
      return t ^ read_predicate<W>(instr, o, 2);
    case isa::BoolOp::None:
      break;
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
    case DataType::U16:
    case DataType::B16:
      return make.template operator()<uint16_t, false>();
    case DataType::S16:
      return make.template operator()<uint16_t, true>();
    case DataType::U32:
    case DataType::B32:
      return make.template operator()<uint32_t, false>();
    case DataType::S32:
      return make.template operator()<uint32_t, true>();
    case DataType::U64:
    case DataType::B64:
      return make.template operator()<uint64_t, false>();
    case DataType::S64:
      return make.template operator()<uint64_t, true>();
    default:
      return nullptr;
  }
}

// Calls make.template operator()<U>() with the unsigned type of the width of t (8, 16, 32 or 64 bits).
template <int W, class Make>
AluHandler<W> by_width(unsigned bits, Make make) {
  switch (bits) {
    case 8:
      return make.template operator()<uint8_t>();
    case 16:
      return make.template operator()<uint16_t>();
    case 32:
      return make.template operator()<uint32_t>();
    case 64:
      return make.template operator()<uint64_t>();
    default:
      return nullptr;
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
