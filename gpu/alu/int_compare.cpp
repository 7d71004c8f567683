// Handler selection for integer comparisons: setp (type = compared type) and set (type = result type,
// type2 = compared type). Float compared types belong to the float side.
//
// PTX: with t = (a cmp b) and c = the predicate src2 combined by mods.boolop,
//   setp: d0 = t boolop c, d1 (if present) = !t boolop c   (without boolop: d0 = t, d1 = !t)
//   set:  d = (t boolop c) ? (f32 result: 1.0f, else 0xffffffff) : 0
#include "gpu/alu/int_handlers.h"
#include "gpu/alu/int_semantics.h"

namespace canopy::gpu::alu {

namespace {

using isa::CmpOp;
using isa::DataType;

// The comparison for every lane (inactive ones too: comparing never traps), one bit per lane.
template <int W, class U, bool S, CmpOp kCmp>
uint64_t compare_mask(const uint64_t* a, const uint64_t* b) {
  uint8_t t[W];
  for (int l = 0; l < W; ++l) t[l] = isem::compare<U, S>(kCmp, static_cast<U>(a[l]), static_cast<U>(b[l]));
  return pack_mask<W>(t);
}

template <int W, class U, bool S, CmpOp kCmp>
void setp(const isa::Instr& in, const AluOperands<W>& o) {
  uint64_t t = compare_mask<W, U, S, kCmp>(o.src[0], o.src[1]);
  write_mask(o.dst[0], combine_boolop<W>(in, o, t), o.exec);
  if (in.ndst > 1 && o.dst[1])
    write_mask(o.dst[1], combine_boolop<W>(in, o, ~t & full_lane_mask<W>()), o.exec);
}

template <int W, class U, bool S, CmpOp kCmp, bool kF32Result>
void set(const isa::Instr& in, const AluOperands<W>& o) {
  constexpr uint64_t kTrue = kF32Result ? 0x3f800000u : 0xffffffffu;
  uint64_t p = combine_boolop<W>(in, o, compare_mask<W, U, S, kCmp>(o.src[0], o.src[1]));
  uint64_t lanes[W];
  expand_mask<W>(p, lanes);
  write_lanes<W>(o.dst[0], o.exec, [&](int l) { return kTrue & lanes[l]; });
}

// Calls make.template operator()<kCmp>() for an integer comparison operator.
template <int W, class Make>
AluHandler<W> by_cmp(CmpOp op, Make make) {
  switch (op) {
    case CmpOp::Eq:
      return make.template operator()<CmpOp::Eq>();
    case CmpOp::Ne:
      return make.template operator()<CmpOp::Ne>();
    case CmpOp::Lt:
      return make.template operator()<CmpOp::Lt>();
    case CmpOp::Le:
      return make.template operator()<CmpOp::Le>();
    case CmpOp::Gt:
      return make.template operator()<CmpOp::Gt>();
    case CmpOp::Ge:
      return make.template operator()<CmpOp::Ge>();
    case CmpOp::Lo:
      return make.template operator()<CmpOp::Lo>();
    case CmpOp::Ls:
      return make.template operator()<CmpOp::Ls>();
    case CmpOp::Hi:
      return make.template operator()<CmpOp::Hi>();
    case CmpOp::Hs:
      return make.template operator()<CmpOp::Hs>();
    default:
      return nullptr;
  }
}

bool is_compare_type(DataType t) {
  unsigned w = isa::bit_width(t);
  return is_int_type(t) && (w == 16 || w == 32 || w == 64);
}

}  // namespace

template <int W>
AluHandler<W> select_int_compare(const isa::Instr& in, std::string* why) {
  bool is_setp = in.op == isa::Opcode::Setp;
  DataType compared = is_setp ? in.type : in.type2;
  if (!is_compare_type(compared))
    return reject<W>(why, in, "compared type must be a 16, 32 or 64-bit integer");
  if (!isem::is_integer_cmp(in.mods.cmp))
    return reject<W>(why, in, "comparison operator is only defined for floats");
  if (in.mods.boolop != isa::BoolOp::None && in.nsrc < 3) {
    return reject<W>(why, in, ".and/.or/.xor need a predicate src2");
  }
  bool f32_result = in.type == DataType::F32;
  if (!is_setp && !f32_result && in.type != DataType::U32 && in.type != DataType::S32 &&
      in.type != DataType::B32) {
    return reject<W>(why, in, "result type must be u32, s32 or f32");
  }
  CmpOp cmp = in.mods.cmp;
  return by_int_type<W>(compared, [&]<class U, bool S>() -> AluHandler<W> {
    return by_cmp<W>(cmp, [&]<CmpOp kCmp>() -> AluHandler<W> {
      if (is_setp) return &setp<W, U, S, kCmp>;
      return f32_result ? &set<W, U, S, kCmp, true> : &set<W, U, S, kCmp, false>;
    });
  });
}

template AluHandler<32> select_int_compare<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_int_compare<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu::alu
