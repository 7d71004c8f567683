// Handler selection for integer arithmetic: add sub mul mad mul24 mad24 sad div rem abs neg min max.
// Type conventions (notably mul/mad .wide): see int_semantics.h.
#include "gpu/alu/int_handlers.h"
#include "gpu/alu/int_semantics.h"

namespace canopy::gpu::alu {

namespace {

using isa::DataType;
using isa::MulMode;
using isa::Opcode;

constexpr bool is_arith_type(DataType t) {
  unsigned w = isa::bit_width(t);
  return is_int_type(t) && (w == 16 || w == 32 || w == 64);
}

template <int W>
AluHandler<W> select_add_sub(const isa::Instr& in, std::string* why) {
  bool add = in.op == Opcode::Add;
  if (in.mods.sat) {
    if (in.type != DataType::S32) return reject<W>(why, in, ".sat is only defined for s32");
    return add ? &run2<W, Lane<&isem::add_sat_s32>> : &run2<W, Lane<&isem::sub_sat_s32>>;
  }
  return by_int_type<W>(in.type, [&]<class U, bool S>() -> AluHandler<W> {
    return add ? &run2<W, Lane<&isem::add<U>>> : &run2<W, Lane<&isem::sub<U>>>;
  });
}

// mul/mad .wide: type is the result, type2 the source (see int_semantics.h).
template <int W>
AluHandler<W> select_wide(const isa::Instr& in, std::string* why) {
  DataType src = in.type2;
  unsigned src_bits = isa::bit_width(src);
  if (!is_arith_type(src) || src_bits > 32 || isa::bit_width(in.type) != 2 * src_bits ||
      isa::is_signed(src) != isa::is_signed(in.type)) {
    return reject<W>(why, in,
                     ".wide needs type2 = 16/32-bit source type and type = the result type of twice its "
                     "width and the same signedness");
  }
  if (in.mods.sat) return reject<W>(why, in, ".sat is not defined for .wide");
  bool mad = in.op == Opcode::Mad;
  return by_int_type<W>(src, [&]<class U, bool S>() -> AluHandler<W> {
    if constexpr (sizeof(U) <= 4) {
      return mad ? &run3<W, Lane<&isem::mad_wide<U, S>>> : &run2<W, Lane<&isem::mul_wide<U, S>>>;
    } else {
      return nullptr;
    }
  });
}

template <int W>
AluHandler<W> select_mul_mad(const isa::Instr& in, std::string* why) {
  if (in.mods.mul == MulMode::Wide) return select_wide<W>(in, why);
  bool mad = in.op == Opcode::Mad;
  bool hi = in.mods.mul == MulMode::Hi;
  if (in.mods.sat) {
    if (!(mad && hi && in.type == DataType::S32))
      return reject<W>(why, in, ".sat is only defined for mad.hi.s32");
    return &run3<W, Lane<&isem::mad_hi_sat_s32>>;
  }
  return by_int_type<W>(in.type, [&]<class U, bool S>() -> AluHandler<W> {
    if (mad) return hi ? &run3<W, Lane<&isem::mad_hi<U, S>>> : &run3<W, Lane<&isem::mad_lo<U>>>;
    return hi ? &run2<W, Lane<&isem::mul_hi<U, S>>> : &run2<W, Lane<&isem::mul_lo<U>>>;
  });
}

template <int W, bool S>
AluHandler<W> mul24_handler(bool mad, bool hi) {
  if (mad) return hi ? &run3<W, Lane<&isem::mad24<S, true>>> : &run3<W, Lane<&isem::mad24<S, false>>>;
  return hi ? &run2<W, Lane<&isem::mul24<S, true>>> : &run2<W, Lane<&isem::mul24<S, false>>>;
}

template <int W>
AluHandler<W> select_mul24(const isa::Instr& in, std::string* why) {
  if (in.type != DataType::U32 && in.type != DataType::S32)
    return reject<W>(why, in, "type must be u32 or s32");
  if (in.mods.mul == MulMode::Wide) return reject<W>(why, in, "only .lo and .hi are defined");
  bool mad = in.op == Opcode::Mad24;
  bool hi = in.mods.mul == MulMode::Hi;
  if (in.mods.sat) {
    if (!(mad && hi && in.type == DataType::S32))
      return reject<W>(why, in, ".sat is only defined for mad24.hi.s32");
    return &run3<W, Lane<&isem::mad24_hi_sat_s32>>;
  }
  return in.type == DataType::S32 ? mul24_handler<W, true>(mad, hi) : mul24_handler<W, false>(mad, hi);
}

// The one-handler-per-type instructions: sad div rem abs neg min max.
template <int W>
AluHandler<W> select_simple(const isa::Instr& in, std::string* why) {
  if (in.mods.sat) return reject<W>(why, in, ".sat is not defined for this instruction");
  Opcode op = in.op;
  return by_int_type<W>(in.type, [&]<class U, bool S>() -> AluHandler<W> {
    switch (op) {
      case Opcode::Sad:
        return &run3<W, Lane<&isem::sad<U, S>>>;
      case Opcode::Div:
        return &run2<W, Lane<&isem::div<U, S>>>;
      case Opcode::Rem:
        return &run2<W, Lane<&isem::rem<U, S>>>;
      case Opcode::Abs:
        return &run1<W, Lane<&isem::abs<U>>>;
      case Opcode::Neg:
        return &run1<W, Lane<&isem::neg<U>>>;
      case Opcode::Min:
        return &run2<W, Lane<&isem::min<U, S>>>;
      case Opcode::Max:
        return &run2<W, Lane<&isem::max<U, S>>>;
      default:
        return nullptr;
    }
  });
}

}  // namespace

template <int W>
AluHandler<W> select_int_arith(const isa::Instr& in, std::string* why) {
  if (in.op == Opcode::Mul24 || in.op == Opcode::Mad24) return select_mul24<W>(in, why);
  bool wide = (in.op == Opcode::Mul || in.op == Opcode::Mad) && in.mods.mul == MulMode::Wide;
  if (!wide && !is_arith_type(in.type)) return reject<W>(why, in, "type must be a 16, 32 or 64-bit integer");
  AluHandler<W> handler = nullptr;
  switch (in.op) {
    case Opcode::Add:
    case Opcode::Sub:
      handler = select_add_sub<W>(in, why);
      break;
    case Opcode::Mul:
    case Opcode::Mad:
      handler = select_mul_mad<W>(in, why);
      break;
    default:
      handler = select_simple<W>(in, why);
      break;
  }
  if (!handler && why && why->empty()) return reject<W>(why, in, "unsupported type");
  return handler;
}

template AluHandler<32> select_int_arith<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_int_arith<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu::alu
