// Handler selection for bit manipulation, logic (registers and predicate masks), shifts, prmt and the
// dot products.
#include "gpu/alu/int_bit_semantics.h"
#include "gpu/alu/int_handlers.h"

namespace canopy::gpu::alu {

namespace {

using isa::DataType;
using isa::Opcode;

// Lane adapters for semantics whose modifiers are fixed at selection time.
template <class U, bool S, bool kShiftAmt>
constexpr uint32_t bfind_lane(U a) {
  return isem::bfind<U, S>(a, kShiftAmt);
}
template <bool kLeft, bool kClamp>
constexpr uint32_t shf_lane(uint32_t a, uint32_t b, uint32_t c) {
  return isem::shf(a, b, c, kLeft, kClamp);
}
template <isa::PrmtMode kMode>
constexpr uint32_t prmt_lane(uint32_t a, uint32_t b, uint32_t c) {
  return isem::prmt(a, b, c, kMode);
}
template <class U>
constexpr U lop3_lane(U a, U b, U c, uint32_t lut) {
  return static_cast<U>(isem::lop3(a, b, c, lut));
}

// and/or/xor/not on predicate masks.
template <int W, Opcode kOp>
void predicate_logic(const isa::Instr& in, const AluOperands<W>& o) {
  uint64_t a = read_predicate<W>(in, o, 0);
  uint64_t r;
  if constexpr (kOp == Opcode::Not) {
    r = ~a;
  } else {
    uint64_t b = read_predicate<W>(in, o, 1);
    r = kOp == Opcode::And ? (a & b) : kOp == Opcode::Or ? (a | b) : (a ^ b);
  }
  write_mask(o.dst[0], r, o.exec);
}

// Shift by an immediate: one amount for every lane, so the lane loop is a plain vector shift.
template <int W, class U, bool kSigned, bool kLeft>
void shift_by_immediate(const isa::Instr&, const AluOperands<W>& o) {
  constexpr uint32_t kBits = isem::kBits<U>;
  uint32_t amount = static_cast<uint32_t>(o.src[1][0]);
  const uint64_t* a = o.src[0];
  if (amount >= kBits && (kLeft || !kSigned)) {
    write_lanes<W>(o.dst[0], o.exec, [](int) { return uint64_t{0}; });
    return;
  }
  uint32_t n = amount >= kBits ? kBits - 1 : amount;
  write_lanes<W>(o.dst[0], o.exec, [&](int l) -> uint64_t {
    U v = static_cast<U>(a[l]);
    if constexpr (kLeft) return static_cast<U>(isem::Promoted<U>(v) << n);
    if constexpr (kSigned) return static_cast<U>(isem::as_signed(v) >> n);
    return static_cast<U>(v >> n);
  });
}

template <int W>
AluHandler<W> select_shift(const isa::Instr& in) {
  bool left = in.op == Opcode::Shl;
  bool immediate = in.src[1].kind == isa::OperandKind::Imm;
  return by_int_type<W>(in.type, [&]<class U, bool S>() -> AluHandler<W> {
    if (immediate) return left ? &shift_by_immediate<W, U, false, true> : &shift_by_immediate<W, U, S, false>;
    return left ? &run2<W, Lane<&isem::shl<U>>> : &run2<W, Lane<&isem::shr<U, S>>>;
  });
}

template <int W>
AluHandler<W> select_logic(const isa::Instr& in, std::string* why) {
  if (in.type == DataType::Pred) {
    switch (in.op) {
      case Opcode::And:
        return &predicate_logic<W, Opcode::And>;
      case Opcode::Or:
        return &predicate_logic<W, Opcode::Or>;
      case Opcode::Xor:
        return &predicate_logic<W, Opcode::Xor>;
      case Opcode::Not:
        return &predicate_logic<W, Opcode::Not>;
      default:
        return reject<W>(why, in, "not defined for predicates");
    }
  }
  Opcode op = in.op;
  return by_int_type<W>(in.type, [&]<class U, bool S>() -> AluHandler<W> {
    switch (op) {
      case Opcode::And:
        return &run2<W, Lane<&isem::bit_and<U>>>;
      case Opcode::Or:
        return &run2<W, Lane<&isem::bit_or<U>>>;
      case Opcode::Xor:
        return &run2<W, Lane<&isem::bit_xor<U>>>;
      case Opcode::Not:
        return &run1<W, Lane<&isem::bit_not<U>>>;
      default:
        return &run1<W, Lane<&isem::cnot<U>>>;  // Cnot
    }
  });
}

// popc clz bfind brev bfe bfi lop3 on 32/64-bit types.
template <int W>
AluHandler<W> select_bitfield(const isa::Instr& in, std::string* why) {
  Opcode op = in.op;
  bool shiftamt = in.mods.shiftamt;
  return by_int_type<W>(in.type, [&]<class U, bool S>() -> AluHandler<W> {
    if constexpr (sizeof(U) < 4) {
      return nullptr;
    } else {
      switch (op) {
        case Opcode::Popc:
          return &run1<W, Lane<&isem::popc<U>>>;
        case Opcode::Clz:
          return &run1<W, Lane<&isem::clz<U>>>;
        case Opcode::Bfind:
          return shiftamt ? &run1<W, Lane<&bfind_lane<U, S, true>>>
                          : &run1<W, Lane<&bfind_lane<U, S, false>>>;
        case Opcode::Brev:
          return &run1<W, Lane<&isem::brev<U>>>;
        case Opcode::Bfe:
          return &run3<W, Lane<&isem::bfe<U, S>>>;
        case Opcode::Bfi:
          return &run4<W, Lane<&isem::bfi<U>>>;
        default:
          return &run4<W, Lane<&lop3_lane<U>>>;  // Lop3
      }
    }
  });
}

template <int W>
AluHandler<W> select_prmt(const isa::Instr& in) {
  switch (in.mods.prmt) {
    case isa::PrmtMode::Default:
      return &run3<W, Lane<&prmt_lane<isa::PrmtMode::Default>>>;
    case isa::PrmtMode::F4e:
      return &run3<W, Lane<&prmt_lane<isa::PrmtMode::F4e>>>;
    case isa::PrmtMode::B4e:
      return &run3<W, Lane<&prmt_lane<isa::PrmtMode::B4e>>>;
    case isa::PrmtMode::Rc8:
      return &run3<W, Lane<&prmt_lane<isa::PrmtMode::Rc8>>>;
    case isa::PrmtMode::Ecl:
      return &run3<W, Lane<&prmt_lane<isa::PrmtMode::Ecl>>>;
    case isa::PrmtMode::Ecr:
      return &run3<W, Lane<&prmt_lane<isa::PrmtMode::Ecr>>>;
    case isa::PrmtMode::Rc16:
      return &run3<W, Lane<&prmt_lane<isa::PrmtMode::Rc16>>>;
  }
  return nullptr;
}

template <int W>
AluHandler<W> select_shf(const isa::Instr& in) {
  bool left = in.mods.shf_left, clamp = in.mods.shf_clamp;
  if (left) return clamp ? &run3<W, Lane<&shf_lane<true, true>>> : &run3<W, Lane<&shf_lane<true, false>>>;
  return clamp ? &run3<W, Lane<&shf_lane<false, true>>> : &run3<W, Lane<&shf_lane<false, false>>>;
}

// dp4a/dp2a: type = signedness of a, type2 = signedness of b (u32 or s32 each).
template <int W, bool kASigned, bool kBSigned>
AluHandler<W> dot_handler(bool dp4a, bool hi) {
  if (dp4a) return &run3<W, Lane<&isem::dp4a<kASigned, kBSigned>>>;
  return hi ? &run3<W, Lane<&isem::dp2a<kASigned, kBSigned, true>>>
            : &run3<W, Lane<&isem::dp2a<kASigned, kBSigned, false>>>;
}

template <int W>
AluHandler<W> select_dot(const isa::Instr& in, std::string* why) {
  auto is_u32_or_s32 = [](DataType t) { return t == DataType::U32 || t == DataType::S32; };
  if (!is_u32_or_s32(in.type) || !is_u32_or_s32(in.type2)) {
    return reject<W>(why, in, "type (a) and type2 (b) must each be u32 or s32");
  }
  bool dp4a = in.op == Opcode::Dp4a;
  if (!dp4a && in.mods.mul == isa::MulMode::Wide) return reject<W>(why, in, "mode must be .lo or .hi");
  bool hi = in.mods.mul == isa::MulMode::Hi;
  bool a_signed = in.type == DataType::S32, b_signed = in.type2 == DataType::S32;
  if (a_signed)
    return b_signed ? dot_handler<W, true, true>(dp4a, hi) : dot_handler<W, true, false>(dp4a, hi);
  return b_signed ? dot_handler<W, false, true>(dp4a, hi) : dot_handler<W, false, false>(dp4a, hi);
}

bool is_width(DataType t, unsigned bits) { return is_int_type(t) && isa::bit_width(t) == bits; }
bool is_width_16_32_64(DataType t) { return is_width(t, 16) || is_width(t, 32) || is_width(t, 64); }

}  // namespace

template <int W>
AluHandler<W> select_int_bits(const isa::Instr& in, std::string* why) {
  DataType t = in.type;
  switch (in.op) {
    case Opcode::And:
    case Opcode::Or:
    case Opcode::Xor:
    case Opcode::Not:
      if (t != DataType::Pred && !is_width_16_32_64(t))
        return reject<W>(why, in, "type must be pred or 16/32/64-bit");
      return select_logic<W>(in, why);
    case Opcode::Cnot:
      if (!is_width_16_32_64(t)) return reject<W>(why, in, "type must be a 16, 32 or 64-bit integer");
      return select_logic<W>(in, why);
    case Opcode::Shl:
    case Opcode::Shr:
      if (!is_width_16_32_64(t)) return reject<W>(why, in, "type must be a 16, 32 or 64-bit integer");
      return select_shift<W>(in);
    case Opcode::Popc:
    case Opcode::Clz:
    case Opcode::Bfind:
    case Opcode::Brev:
    case Opcode::Bfe:
    case Opcode::Bfi:
    case Opcode::Lop3:
      if (!is_width(t, 32) && !is_width(t, 64))
        return reject<W>(why, in, "type must be a 32 or 64-bit integer");
      return select_bitfield<W>(in, why);
    case Opcode::Fns:
      if (!is_width(t, 32)) return reject<W>(why, in, "type must be b32");
      return &run3<W, Lane<&isem::fns>>;
    case Opcode::Shf:
      if (!is_width(t, 32)) return reject<W>(why, in, "type must be b32");
      return select_shf<W>(in);
    case Opcode::Prmt:
      if (!is_width(t, 32)) return reject<W>(why, in, "type must be b32");
      return select_prmt<W>(in);
    case Opcode::Dp4a:
    case Opcode::Dp2a:
      return select_dot<W>(in, why);
    default:
      return reject<W>(why, in, "not a bit-manipulation instruction");
  }
}

template AluHandler<32> select_int_bits<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_int_bits<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu::alu
