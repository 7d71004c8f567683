// Selection of float comparisons (setp, set), classification (testp), min/max and the sign-bit
// operations (abs, neg, copysign).
//
// Type fields: setp's `type` is the compared type; set's `type` is the result type (u32, s32, b32
// or f32) and `type2` the compared type; testp's `type` is the tested type. .ftz (f32 only) flushes
// subnormal operands before comparing; testp has no .ftz and classifies the raw bits.
#include <type_traits>

#include "gpu/alu/float_handlers.h"

namespace canopy::gpu::alu {
namespace {

using isa::BoolOp;
using isa::CmpOp;
using isa::DataType;
using isa::Opcode;

template <bool IsSetp, int W, class T, CmpOp C, bool Ftz>
AluHandler<W> pick_boolop(BoolOp b) {
  switch (b) {
    case BoolOp::None:
      return IsSetp ? &setp_lanes<W, T, C, Ftz, BoolOp::None> : &set_lanes<W, T, C, Ftz, BoolOp::None>;
    case BoolOp::And:
      return IsSetp ? &setp_lanes<W, T, C, Ftz, BoolOp::And> : &set_lanes<W, T, C, Ftz, BoolOp::And>;
    case BoolOp::Or:
      return IsSetp ? &setp_lanes<W, T, C, Ftz, BoolOp::Or> : &set_lanes<W, T, C, Ftz, BoolOp::Or>;
    case BoolOp::Xor:
      return IsSetp ? &setp_lanes<W, T, C, Ftz, BoolOp::Xor> : &set_lanes<W, T, C, Ftz, BoolOp::Xor>;
  }
  return nullptr;
}

template <bool IsSetp, int W, class T, CmpOp C>
AluHandler<W> pick_ftz(bool ftz, BoolOp b) {
  if constexpr (std::is_same_v<T, float>) {
    if (ftz) return pick_boolop<IsSetp, W, T, C, true>(b);
  }
  return pick_boolop<IsSetp, W, T, C, false>(b);
}

template <bool IsSetp, int W, class T>
AluHandler<W> pick_compare(CmpOp c, bool ftz, BoolOp b) {
  switch (c) {
#define CANOPY_FLOAT_CMP(name) \
  case CmpOp::name:            \
    return pick_ftz<IsSetp, W, T, CmpOp::name>(ftz, b);
    CANOPY_FLOAT_CMP(Eq)
    CANOPY_FLOAT_CMP(Ne) CANOPY_FLOAT_CMP(Lt) CANOPY_FLOAT_CMP(Le) CANOPY_FLOAT_CMP(Gt) CANOPY_FLOAT_CMP(Ge)
        CANOPY_FLOAT_CMP(Equ) CANOPY_FLOAT_CMP(Neu) CANOPY_FLOAT_CMP(Ltu) CANOPY_FLOAT_CMP(Leu)
            CANOPY_FLOAT_CMP(Gtu) CANOPY_FLOAT_CMP(Geu) CANOPY_FLOAT_CMP(Num) CANOPY_FLOAT_CMP(Nan)
#undef CANOPY_FLOAT_CMP
                default : return nullptr;  // lo/ls/hi/hs are unsigned-integer comparisons
  }
}

template <int W>
AluHandler<W> select_compare(const isa::Instr& in, std::string* why) {
  const bool setp = in.op == Opcode::Setp;
  const DataType cmp_type = setp ? in.type : in.type2;
  if (!setp && in.type != DataType::U32 && in.type != DataType::S32 && in.type != DataType::B32 &&
      in.type != DataType::F32) {
    *why = "set writes u32, s32, b32 or f32";
    return nullptr;
  }
  if (in.mods.boolop != BoolOp::None && in.nsrc < 3) {
    *why = "a boolean operation needs a predicate in src2";
    return nullptr;
  }
  if (cmp_type == DataType::F64 && in.mods.ftz) {
    *why = ".ftz applies only to f32 comparisons";
    return nullptr;
  }
  AluHandler<W> h = nullptr;
  if (cmp_type == DataType::F32) {
    h = setp ? pick_compare<true, W, float>(in.mods.cmp, in.mods.ftz, in.mods.boolop)
             : pick_compare<false, W, float>(in.mods.cmp, in.mods.ftz, in.mods.boolop);
  } else if (cmp_type == DataType::F64) {
    h = setp ? pick_compare<true, W, double>(in.mods.cmp, false, in.mods.boolop)
             : pick_compare<false, W, double>(in.mods.cmp, false, in.mods.boolop);
  } else {
    *why = "float comparison needs an f32 or f64 compare type";
    return nullptr;
  }
  if (!h) *why = "comparison lo/ls/hi/hs is not defined for floating-point types";
  return h;
}

template <int W, class T>
AluHandler<W> select_testp(isa::TestClass c) {
  using isa::TestClass;
  switch (c) {
    case TestClass::Finite:
      return &testp_lanes<W, T, TestClass::Finite>;
    case TestClass::Infinite:
      return &testp_lanes<W, T, TestClass::Infinite>;
    case TestClass::Number:
      return &testp_lanes<W, T, TestClass::Number>;
    case TestClass::NotANumber:
      return &testp_lanes<W, T, TestClass::NotANumber>;
    case TestClass::Normal:
      return &testp_lanes<W, T, TestClass::Normal>;
    case TestClass::Subnormal:
      return &testp_lanes<W, T, TestClass::Subnormal>;
  }
  return nullptr;
}

template <int W, class T, bool IsMax>
AluHandler<W> select_minmax(bool ftz, bool nan) {
  if constexpr (std::is_same_v<T, float>) {
    if (ftz)
      return nan ? &float_lanes<W, T, 2, fop::MinMax<T, IsMax, true, true>>
                 : &float_lanes<W, T, 2, fop::MinMax<T, IsMax, true, false>>;
  }
  return nan ? &float_lanes<W, T, 2, fop::MinMax<T, IsMax, false, true>>
             : &float_lanes<W, T, 2, fop::MinMax<T, IsMax, false, false>>;
}

template <int W, class T>
AluHandler<W> select_simple(const isa::Instr& in, std::string* why) {
  constexpr bool kF32 = std::is_same_v<T, float>;
  if (!kF32 && in.mods.ftz) {
    *why = ".ftz applies only to f32";
    return nullptr;
  }
  const bool ftz = kF32 && in.mods.ftz;
  switch (in.op) {
    case Opcode::Min:
      return select_minmax<W, T, false>(ftz, in.mods.nan);
    case Opcode::Max:
      return select_minmax<W, T, true>(ftz, in.mods.nan);
    case Opcode::Abs:
      return ftz ? &float_lanes<W, T, 1, fop::Abs<T, kF32>> : &float_lanes<W, T, 1, fop::Abs<T, false>>;
    case Opcode::Neg:
      return ftz ? &float_lanes<W, T, 1, fop::Neg<T, kF32>> : &float_lanes<W, T, 1, fop::Neg<T, false>>;
    case Opcode::Copysign:
      return &float_lanes<W, T, 2, fop::Copysign<T>>;
    case Opcode::Testp:
      return select_testp<W, T>(in.mods.testp);
    default:
      break;
  }
  *why = "not a floating-point comparison or sign instruction";
  return nullptr;
}

}  // namespace

template <int W>
AluHandler<W> select_float_compare(const isa::Instr& in, std::string* why) {
  if (in.op == Opcode::Setp || in.op == Opcode::Set) return select_compare<W>(in, why);
  if (in.type == DataType::F32) return select_simple<W, float>(in, why);
  if (in.type == DataType::F64) return select_simple<W, double>(in, why);
  *why = "floating-point instruction needs type f32 or f64";
  return nullptr;
}

template AluHandler<32> select_float_compare<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_float_compare<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu::alu
