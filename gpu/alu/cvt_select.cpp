// Selection of cvt handlers: validates the (destination, source, rounding) combination against the
// PTX rules and instantiates one lane loop per valid combination (see cvt_ops.h).
#include "gpu/alu/cvt_ops.h"
#include "gpu/alu/float_handlers.h"

namespace canopy::gpu::alu {
namespace {

using cvt::is_int_type;
using isa::DataType;
using isa::Rounding;

template <int W, DataType D, DataType S, Rounding R>
void cvt_lanes(const isa::Instr& in, const AluOperands<W>& o) {
  const bool ftz = in.mods.ftz, sat = in.mods.sat;
  uint64_t* d = o.dst[0];
  const uint64_t* a = o.src[0];
  for_each_lane<W>(o.exec, [&](int l) { d[l] = cvt::convert<D, S, R>(a[l], ftz, sat); });
}

template <int W, DataType D, DataType S>
AluHandler<W> pick_ieee(Rounding r, bool allow_rna) {
  switch (r) {
    case Rounding::None:
    case Rounding::Rn:
      return &cvt_lanes<W, D, S, Rounding::Rn>;
    case Rounding::Rz:
      return &cvt_lanes<W, D, S, Rounding::Rz>;
    case Rounding::Rm:
      return &cvt_lanes<W, D, S, Rounding::Rm>;
    case Rounding::Rp:
      return &cvt_lanes<W, D, S, Rounding::Rp>;
    case Rounding::Rna:
      return allow_rna ? &cvt_lanes<W, D, S, Rounding::Rna> : nullptr;
    default:
      return nullptr;
  }
}

template <int W, DataType D, DataType S>
AluHandler<W> pick_integral(Rounding r) {
  switch (r) {
    case Rounding::Rni:
      return &cvt_lanes<W, D, S, Rounding::Rni>;
    case Rounding::Rzi:
      return &cvt_lanes<W, D, S, Rounding::Rzi>;
    case Rounding::Rmi:
      return &cvt_lanes<W, D, S, Rounding::Rmi>;
    case Rounding::Rpi:
      return &cvt_lanes<W, D, S, Rounding::Rpi>;
    default:
      return nullptr;
  }
}

// Precision order of the float formats; f16 and bf16 do not contain each other.
constexpr bool widens(DataType d, DataType s) {
  if (s == DataType::F16 || s == DataType::BF16) return d == DataType::F32 || d == DataType::F64;
  return s == DataType::F32 && d == DataType::F64;
}

template <int W, DataType D, DataType S>
AluHandler<W> pick_pair(Rounding r, std::string* why) {
  AluHandler<W> h = nullptr;
  if constexpr (D == DataType::TF32 || S == DataType::TF32) {
    if constexpr (D == DataType::TF32 && S == DataType::F32) {
      if (r == Rounding::Rna || r == Rounding::Rn || r == Rounding::Rz) h = pick_ieee<W, D, S>(r, true);
    }
    if (!h) *why = "tf32 is only produced by cvt.rna/.rn/.rz.tf32.f32";
    return h;
  } else if constexpr (is_int_type(D) && is_int_type(S)) {
    if (r == Rounding::None) return &cvt_lanes<W, D, S, Rounding::None>;
    *why = "integer-to-integer cvt takes no rounding modifier";
    return nullptr;
  } else if constexpr (is_int_type(D)) {
    h = pick_integral<W, D, S>(r);
    if (!h) *why = "float-to-integer cvt needs .rni, .rzi, .rmi or .rpi";
    return h;
  } else if constexpr (is_int_type(S)) {
    h = pick_ieee<W, D, S>(r, false);
    if (!h) *why = "integer-to-float cvt takes .rn, .rz, .rm or .rp";
    return h;
  } else if constexpr (D == S) {
    h = r == Rounding::None ? &cvt_lanes<W, D, S, Rounding::None> : pick_integral<W, D, S>(r);
    if (!h) *why = "same-type float cvt takes .rni, .rzi, .rmi, .rpi or no rounding";
    return h;
  } else if constexpr (widens(D, S)) {
    if (r == Rounding::None || r == Rounding::Rn || r == Rounding::Rz || r == Rounding::Rm ||
        r == Rounding::Rp)
      return &cvt_lanes<W, D, S, Rounding::None>;
    *why = "widening float cvt is exact and takes no integer rounding";
    return nullptr;
  } else {
    h = pick_ieee<W, D, S>(r, false);
    if (!h) *why = "narrowing float cvt takes .rn, .rz, .rm or .rp";
    return h;
  }
}

#define CANOPY_CVT_TYPES(X) \
  X(U8) X(U16) X(U32) X(U64) X(S8) X(S16) X(S32) X(S64) X(F16) X(BF16) X(F32) X(F64) X(TF32)

template <int W, DataType D>
AluHandler<W> pick_source(DataType s, Rounding r, std::string* why) {
  switch (s) {
#define CANOPY_CVT_SRC(t) \
  case DataType::t:       \
    return pick_pair<W, D, DataType::t>(r, why);
    CANOPY_CVT_TYPES(CANOPY_CVT_SRC)
#undef CANOPY_CVT_SRC
    default:
      break;
  }
  *why = "cvt source must be an integer, f16, bf16, f32 or f64 type";
  return nullptr;
}

}  // namespace

template <int W>
AluHandler<W> select_cvt(const isa::Instr& in, std::string* why) {
  const DataType d = cvt::canonical_type(in.type), s = cvt::canonical_type(in.type2);
  // float -> int always saturates, so .sat there is accepted and changes nothing.
  switch (d) {
#define CANOPY_CVT_DST(t) \
  case DataType::t:       \
    return pick_source<W, DataType::t>(s, in.mods.rnd, why);
    CANOPY_CVT_TYPES(CANOPY_CVT_DST)
#undef CANOPY_CVT_DST
    default:
      break;
  }
  *why = "cvt destination must be an integer, f16, bf16, tf32, f32 or f64 type";
  return nullptr;
}

template AluHandler<32> select_cvt<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_cvt<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu::alu
