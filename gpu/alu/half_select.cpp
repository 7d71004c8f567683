// Selection and lane loops of the half-precision instructions (.f16, .bf16, .f16x2, .bf16x2): add,
// sub, mul, fma, neg, abs, min, max, ex2.approx, tanh.approx, setp and set. Semantics in half_ops.h.
// A packed form applies the operation to both 16-bit halves of the 32-bit register (element 0 = low).
#include "gpu/alu/float_handlers.h"
#include "gpu/alu/half_ops.h"

namespace canopy::gpu::alu {
namespace {

using isa::BoolOp;
using isa::CmpOp;
using isa::DataType;
using isa::Opcode;
using isa::Rounding;

constexpr bool is_bf16(DataType t) { return t == DataType::BF16 || t == DataType::BF16x2; }
constexpr bool is_x2(DataType t) { return t == DataType::F16x2 || t == DataType::BF16x2; }

half::Mods half_mods(const isa::Instr& in) {
  half::Mods m;
  m.ftz = in.mods.ftz;
  m.sat = in.mods.sat;
  m.nan = in.mods.nan;
  switch (in.mods.rnd) {
    case Rounding::Rz:
      m.rnd = fp::RoundMode::Rz;
      break;
    case Rounding::Rm:
      m.rnd = fp::RoundMode::Rm;
      break;
    case Rounding::Rp:
      m.rnd = fp::RoundMode::Rp;
      break;
    default:
      m.rnd = fp::RoundMode::Rn;
      break;
  }
  return m;
}

template <int W, bool BF, bool X2, half::Kind K>
void half_lanes(const isa::Instr& in, const AluOperands<W>& o) {
  const half::Mods m = half_mods(in);
  const int n = in.nsrc;
  uint64_t* d = o.dst[0];
  const uint64_t* a = o.src[0];
  const uint64_t* b = o.src[n > 1 ? 1 : 0];
  const uint64_t* c = o.src[n > 2 ? 2 : 0];
  for_each_lane<W>(o.exec, [&](int l) {
    uint64_t r = 0;
    for (int h = 0; h < (X2 ? 2 : 1); ++h) {
      const int s = 16 * h;
      const auto e = half::apply<BF, K>(m, static_cast<uint16_t>(a[l] >> s), static_cast<uint16_t>(b[l] >> s),
                                        static_cast<uint16_t>(c[l] >> s));
      r |= uint64_t{e} << s;
    }
    d[l] = r;
  });
}

// The lane mask of the comparison on element `h` (0 = low half).
template <int W, bool BF>
uint64_t half_compare_mask(const isa::Instr& in, const AluOperands<W>& o, int h) {
  uint64_t m = 0;
  for (int l = 0; l < W; ++l) {
    const auto x = static_cast<uint16_t>(o.src[0][l] >> (16 * h)), y = static_cast<uint16_t>(o.src[1][l] >> (16 * h));
    m |= uint64_t{half::compare<BF>(in.mods.cmp, in.mods.ftz, x, y)} << l;
  }
  return m;
}

uint64_t apply_boolop(BoolOp b, uint64_t x, uint64_t c) {
  switch (b) {
    case BoolOp::And:
      return x & c;
    case BoolOp::Or:
      return x | c;
    case BoolOp::Xor:
      return x ^ c;
    default:
      return x;
  }
}

// setp.f16/.bf16: d0 = cmp, d1 = !cmp. setp.f16x2/.bf16x2 p|q: p = cmp(low halves), q = cmp(high).
template <int W, bool BF, bool X2>
void half_setp_lanes(const isa::Instr& in, const AluOperands<W>& o) {
  const BoolOp bop = in.mods.boolop;
  const uint64_t c = bop == BoolOp::None ? 0 : *o.src[2];
  const uint64_t lo = half_compare_mask<W, BF>(in, o, 0);
  const uint64_t second = X2 ? half_compare_mask<W, BF>(in, o, 1) : ~lo;
  write_predicate(o.dst[0], apply_boolop(bop, lo, c), o.exec);
  if (in.ndst > 1 && o.dst[1] != nullptr) write_predicate(o.dst[1], apply_boolop(bop, second, c), o.exec);
}

// The "true" bits of set's result type; a packed comparison writes them into each half.
constexpr uint64_t set_true_bits(DataType t, bool x2) {
  switch (t) {
    case DataType::F16:
    case DataType::F16x2:
      return 0x3c00;
    case DataType::BF16:
    case DataType::BF16x2:
      return 0x3f80;
    case DataType::F32:
      return 0x3f800000u;
    case DataType::U16:
    case DataType::S16:
    case DataType::B16:
      return 0xffff;
    default:
      return x2 ? 0xffff : 0xffffffffu;
  }
}

template <int W, bool BF, bool X2>
void half_set_lanes(const isa::Instr& in, const AluOperands<W>& o) {
  const BoolOp bop = in.mods.boolop;
  const uint64_t c = bop == BoolOp::None ? 0 : *o.src[2];
  const uint64_t t = set_true_bits(in.type, X2);
  const uint64_t lo = apply_boolop(bop, half_compare_mask<W, BF>(in, o, 0), c);
  const uint64_t hi = X2 ? apply_boolop(bop, half_compare_mask<W, BF>(in, o, 1), c) : 0;
  uint64_t* d = o.dst[0];
  for_each_lane<W>(o.exec, [&](int l) {
    d[l] = (((lo >> l) & 1) ? t : 0) | (((hi >> l) & 1) ? t << 16 : 0);
  });
}

template <int W, bool BF, bool X2>
AluHandler<W> pick_kind(Opcode op) {
  using half::Kind;
  switch (op) {
    case Opcode::Add:
      return &half_lanes<W, BF, X2, Kind::Add>;
    case Opcode::Sub:
      return &half_lanes<W, BF, X2, Kind::Sub>;
    case Opcode::Mul:
      return &half_lanes<W, BF, X2, Kind::Mul>;
    case Opcode::Fma:
      return &half_lanes<W, BF, X2, Kind::Fma>;
    case Opcode::Neg:
      return &half_lanes<W, BF, X2, Kind::Neg>;
    case Opcode::Abs:
      return &half_lanes<W, BF, X2, Kind::Abs>;
    case Opcode::Min:
      return &half_lanes<W, BF, X2, Kind::Min>;
    case Opcode::Max:
      return &half_lanes<W, BF, X2, Kind::Max>;
    case Opcode::Ex2:
      return &half_lanes<W, BF, X2, Kind::Ex2>;
    case Opcode::Tanh:
      return &half_lanes<W, BF, X2, Kind::Tanh>;
    case Opcode::Setp:
      return &half_setp_lanes<W, BF, X2>;
    case Opcode::Set:
      return &half_set_lanes<W, BF, X2>;
    default:
      return nullptr;
  }
}

template <int W>
AluHandler<W> pick_format(DataType t, Opcode op) {
  if (t == DataType::F16) return pick_kind<W, false, false>(op);
  if (t == DataType::F16x2) return pick_kind<W, false, true>(op);
  if (t == DataType::BF16) return pick_kind<W, true, false>(op);
  return pick_kind<W, true, true>(op);
}

bool is_arith(Opcode op) { return op == Opcode::Add || op == Opcode::Sub || op == Opcode::Mul || op == Opcode::Fma; }

// The PTX rules on which modifiers each form takes; returns an error or nullptr.
const char* check_mods(const isa::Instr& in, DataType t) {
  const Opcode op = in.op;
  const bool bf = is_bf16(t), cmp = op == Opcode::Setp || op == Opcode::Set;
  const Rounding r = in.mods.rnd;
  if (in.mods.approx != (op == Opcode::Ex2 || op == Opcode::Tanh))
    return in.mods.approx ? ".approx is only defined on ex2 and tanh" : "half-precision ex2/tanh need .approx";
  if (r != Rounding::None && !(is_arith(op) && (r == Rounding::Rn || r == Rounding::Rz || r == Rounding::Rm ||
                                                r == Rounding::Rp)))
    return "half-precision rounding is .rn (or .rz/.rm/.rp) on add, sub, mul and fma only";
  if (in.mods.sat && (bf || !is_arith(op))) return ".sat applies only to f16 add, sub, mul and fma";
  if (in.mods.ftz && bf && op != Opcode::Ex2) return ".ftz applies to bf16 only on ex2.approx";
  if (in.mods.ftz && op == Opcode::Tanh) return "tanh.approx takes no .ftz";
  if (in.mods.nan && op != Opcode::Min && op != Opcode::Max) return ".NaN applies only to min and max";
  if (cmp && in.mods.boolop != BoolOp::None && in.nsrc < 3) return "a boolean operation needs a predicate in src2";
  if (cmp && (in.mods.cmp == CmpOp::Lo || in.mods.cmp == CmpOp::Ls || in.mods.cmp == CmpOp::Hi ||
              in.mods.cmp == CmpOp::Hs))
    return "comparison lo/ls/hi/hs is not defined for floating-point types";
  if (op == Opcode::Setp && is_x2(t) && in.ndst != 2) return "setp on a packed type writes two predicates p|q";
  return nullptr;
}

}  // namespace

bool is_half_type(DataType t) {
  return t == DataType::F16 || t == DataType::BF16 || t == DataType::F16x2 || t == DataType::BF16x2;
}

template <int W>
AluHandler<W> select_half(const isa::Instr& in, std::string* why) {
  const DataType t = in.op == Opcode::Set ? in.type2 : in.type;
  if (const char* err = check_mods(in, t)) {
    *why = err;
    return nullptr;
  }
  if (in.op == Opcode::Set) {
    const bool ok = is_x2(t) ? (in.type == t || in.type == DataType::U32 || in.type == DataType::S32 ||
                                in.type == DataType::B32)
                             : (in.type == t || in.type == DataType::F32 || in.type == DataType::U32 ||
                                in.type == DataType::S32 || in.type == DataType::B32 ||
                                in.type == DataType::U16 || in.type == DataType::S16 || in.type == DataType::B16);
    if (!ok) {
      *why = is_x2(t) ? "set on a packed half type writes the same packed type or a 32-bit integer"
                      : "set on a half type writes that type, f32 or an integer type";
      return nullptr;
    }
  }
  AluHandler<W> h = pick_format<W>(t, in.op);
  if (!h) *why = "no half-precision form of this instruction (add, sub, mul, fma, neg, abs, min, max, ex2, tanh, "
                 "setp, set; cvt converts)";
  return h;
}

template AluHandler<32> select_half<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_half<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu::alu
