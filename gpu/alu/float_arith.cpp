// Selection of f32/f64 arithmetic and special-function handlers: every (opcode, type, rounding,
// .ftz, .sat, .approx/.full) combination PTX defines maps to one instantiated lane loop.
#include <type_traits>

#include "gpu/alu/float_handlers.h"

namespace canopy::gpu::alu {
namespace {

using fp::RoundMode;
using isa::DataType;
using isa::Opcode;
using isa::Rounding;

template <int W, class T, template <class, RoundMode, bool, bool> class Op, int N, bool F, bool S>
AluHandler<W> pick_round(RoundMode r) {
  switch (r) {
    case RoundMode::Rn:
      return &float_lanes<W, T, N, Op<T, RoundMode::Rn, F, S>>;
    case RoundMode::Rz:
      return &float_lanes<W, T, N, Op<T, RoundMode::Rz, F, S>>;
    case RoundMode::Rm:
      return &float_lanes<W, T, N, Op<T, RoundMode::Rm, F, S>>;
    case RoundMode::Rp:
      return &float_lanes<W, T, N, Op<T, RoundMode::Rp, F, S>>;
    default:
      return nullptr;
  }
}

// f64 arithmetic has neither .ftz nor .sat (rejected before this is called).
template <int W, class T, template <class, RoundMode, bool, bool> class Op, int N>
AluHandler<W> pick_rounded(RoundMode r, bool ftz, bool sat) {
  if constexpr (std::is_same_v<T, double>) {
    return pick_round<W, T, Op, N, false, false>(r);
  } else {
    if (ftz) return sat ? pick_round<W, T, Op, N, true, true>(r) : pick_round<W, T, Op, N, true, false>(r);
    return sat ? pick_round<W, T, Op, N, false, true>(r) : pick_round<W, T, Op, N, false, false>(r);
  }
}

template <int W, template <bool> class Op, int N>
AluHandler<W> pick_ftz_f32(bool ftz) {
  return ftz ? &float_lanes<W, float, N, Op<true>> : &float_lanes<W, float, N, Op<false>>;
}

template <int W, fop::Special F>
AluHandler<W> pick_special(bool ftz) {
  return ftz ? &float_lanes<W, float, 1, fop::SpecialFn<F, true>>
             : &float_lanes<W, float, 1, fop::SpecialFn<F, false>>;
}

bool ieee_mode(Rounding r, RoundMode* out) {
  switch (r) {
    case Rounding::None:
    case Rounding::Rn:
      *out = RoundMode::Rn;
      return true;
    case Rounding::Rz:
      *out = RoundMode::Rz;
      return true;
    case Rounding::Rm:
      *out = RoundMode::Rm;
      return true;
    case Rounding::Rp:
      *out = RoundMode::Rp;
      return true;
    default:
      return false;
  }
}

template <int W, class T>
AluHandler<W> select_rounded(const isa::Instr& in, RoundMode r, std::string* why) {
  const bool ftz = in.mods.ftz, sat = in.mods.sat;
  switch (in.op) {
    case Opcode::Add:
      return pick_rounded<W, T, fop::Add, 2>(r, ftz, sat);
    case Opcode::Sub:
      return pick_rounded<W, T, fop::Sub, 2>(r, ftz, sat);
    case Opcode::Mul:
      return pick_rounded<W, T, fop::Mul, 2>(r, ftz, sat);
    case Opcode::Mad:
    case Opcode::Fma:
      return pick_rounded<W, T, fop::Fma, 3>(r, ftz, sat);
    case Opcode::Div:
      return pick_rounded<W, T, fop::Div, 2>(r, ftz, sat);
    case Opcode::Rcp:
      return pick_rounded<W, T, fop::Rcp, 1>(r, ftz, sat);
    case Opcode::Sqrt:
      return pick_rounded<W, T, fop::Sqrt, 1>(r, ftz, sat);
    default:
      break;
  }
  *why = "not a floating-point arithmetic instruction";
  return nullptr;
}

template <int W>
AluHandler<W> select_approx_f32(const isa::Instr& in, std::string* why) {
  const bool ftz = in.mods.ftz;
  switch (in.op) {
    case Opcode::Div:
      return in.mods.full ? pick_ftz_f32<W, fop::DivFull, 2>(ftz) : pick_ftz_f32<W, fop::DivApprox, 2>(ftz);
    case Opcode::Rcp:
      return ftz ? &float_lanes<W, float, 1, fop::RcpApprox<float, true>>
                 : &float_lanes<W, float, 1, fop::RcpApprox<float, false>>;
    case Opcode::Sqrt:
      return pick_ftz_f32<W, fop::SqrtApprox, 1>(ftz);
    case Opcode::Rsqrt:
      return ftz ? &float_lanes<W, float, 1, fop::RsqrtApprox<float, true>>
                 : &float_lanes<W, float, 1, fop::RsqrtApprox<float, false>>;
    case Opcode::Sin:
      return pick_special<W, fop::Special::Sin>(ftz);
    case Opcode::Cos:
      return pick_special<W, fop::Special::Cos>(ftz);
    case Opcode::Lg2:
      return pick_special<W, fop::Special::Lg2>(ftz);
    case Opcode::Ex2:
      return pick_special<W, fop::Special::Ex2>(ftz);
    case Opcode::Tanh:
      return pick_special<W, fop::Special::Tanh>(ftz);
    default:
      break;
  }
  *why = "no .approx form of this instruction for f32";
  return nullptr;
}

template <int W>
AluHandler<W> select_approx_f64(const isa::Instr& in, std::string* why) {
  const bool ftz = in.mods.ftz;
  if (in.op == Opcode::Rcp)
    return ftz ? &float_lanes<W, double, 1, fop::RcpApprox<double, true>>
               : &float_lanes<W, double, 1, fop::RcpApprox<double, false>>;
  if (in.op == Opcode::Rsqrt)
    return ftz ? &float_lanes<W, double, 1, fop::RsqrtApprox<double, true>>
               : &float_lanes<W, double, 1, fop::RsqrtApprox<double, false>>;
  *why = "f64 has only rcp.approx.ftz and rsqrt.approx";
  return nullptr;
}

bool is_always_approx(Opcode op) {
  return op == Opcode::Rsqrt || op == Opcode::Sin || op == Opcode::Cos || op == Opcode::Lg2 ||
         op == Opcode::Ex2 || op == Opcode::Tanh;
}

}  // namespace

template <int W>
AluHandler<W> select_float_arith(const isa::Instr& in, std::string* why) {
  const bool f32 = in.type == DataType::F32;
  if (!f32 && in.type != DataType::F64) {
    *why = "floating-point arithmetic needs type f32 or f64";
    return nullptr;
  }
  const bool approx = in.mods.approx || (in.op == Opcode::Div && in.mods.full) || is_always_approx(in.op);
  if (approx) {
    if (in.mods.sat) {
      *why = ".sat is not defined on approximate instructions";
      return nullptr;
    }
    return f32 ? select_approx_f32<W>(in, why) : select_approx_f64<W>(in, why);
  }
  RoundMode r;
  if (!ieee_mode(in.mods.rnd, &r)) {
    *why = "floating-point arithmetic takes rounding .rn, .rz, .rm or .rp";
    return nullptr;
  }
  if (!f32 && (in.mods.ftz || in.mods.sat)) {
    *why = ".ftz and .sat apply only to f32 arithmetic";
    return nullptr;
  }
  return f32 ? select_rounded<W, float>(in, r, why) : select_rounded<W, double>(in, r, why);
}

template AluHandler<32> select_float_arith<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_float_arith<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu::alu
