// Lane loops for the floating-point ALU handlers. Each handler is instantiated for one instruction
// form (an Op from float_ops.h, or a compare/class parameter), so the loop body is straight-line code.
#pragma once

#include <cstdint>
#include <string>

#include "gpu/alu/alu.h"
#include "gpu/alu/float_ops.h"
#include "gpu/alu/lanes.h"

namespace canopy::gpu::alu {

// d = Op(a[, b[, c]]) on every exec lane; T is float (low 32 bits of the slot) or double.
template <int W, class T, int N, class Op>
void float_lanes(const isa::Instr&, const AluOperands<W>& o) {
  uint64_t* d = o.dst[0];
  const uint64_t* a = o.src[0];
  const uint64_t* b = o.src[N > 1 ? 1 : 0];
  const uint64_t* c = o.src[N > 2 ? 2 : 0];
  for_each_lane<W>(o.exec, [&](int l) {
    T r;
    if constexpr (N == 1) r = Op::apply(fp::lane_value<T>(a[l]));
    if constexpr (N == 2) r = Op::apply(fp::lane_value<T>(a[l]), fp::lane_value<T>(b[l]));
    if constexpr (N == 3)
      r = Op::apply(fp::lane_value<T>(a[l]), fp::lane_value<T>(b[l]), fp::lane_value<T>(c[l]));
    d[l] = fp::lane_slot(r);
  });
}

// Writes the exec lanes of a predicate mask.
inline void write_predicate(uint64_t* p, uint64_t value, uint64_t exec) {
  *p = (*p & ~exec) | (value & exec);
}

template <isa::BoolOp B>
inline uint64_t combine(uint64_t x, uint64_t c) {
  if constexpr (B == isa::BoolOp::And) return x & c;
  if constexpr (B == isa::BoolOp::Or) return x | c;
  if constexpr (B == isa::BoolOp::Xor) return x ^ c;
  return x;
}

// The lane mask of compare<T, C>(a, b) over all W lanes (inactive lanes are masked when written).
template <int W, class T, isa::CmpOp C, bool Ftz>
inline uint64_t compare_mask(const uint64_t* a, const uint64_t* b) {
  uint64_t m = 0;
  for (int l = 0; l < W; ++l) {
    const bool r = fop::compare<T, C>(fop::flush_in<Ftz>(fp::lane_value<T>(a[l])),
                                      fop::flush_in<Ftz>(fp::lane_value<T>(b[l])));
    m |= uint64_t{r} << l;
  }
  return m;
}

// setp: d0 = cmp BOOLOP c, d1 (optional) = !cmp BOOLOP c; c is the predicate in src2.
template <int W, class T, isa::CmpOp C, bool Ftz, isa::BoolOp B>
void setp_lanes(const isa::Instr& in, const AluOperands<W>& o) {
  const uint64_t m = compare_mask<W, T, C, Ftz>(o.src[0], o.src[1]);
  const uint64_t c = B == isa::BoolOp::None ? 0 : *o.src[2];
  write_predicate(o.dst[0], combine<B>(m, c), o.exec);
  if (in.ndst > 1 && o.dst[1] != nullptr) write_predicate(o.dst[1], combine<B>(~m, c), o.exec);
}

// set: d = (cmp BOOLOP c) ? true_bits : 0 (all ones for integer results, 1.0f for f32).
template <int W, class T, isa::CmpOp C, bool Ftz, isa::BoolOp B>
void set_lanes(const isa::Instr& in, const AluOperands<W>& o) {
  uint64_t m = compare_mask<W, T, C, Ftz>(o.src[0], o.src[1]);
  if constexpr (B != isa::BoolOp::None) m = combine<B>(m, *o.src[2]);
  const uint64_t true_bits = in.type == isa::DataType::F32 ? 0x3f800000u : 0xffffffffu;
  uint64_t* d = o.dst[0];
  for_each_lane<W>(o.exec, [&](int l) { d[l] = ((m >> l) & 1) ? true_bits : 0; });
}

template <int W, class T, isa::TestClass C>
void testp_lanes(const isa::Instr&, const AluOperands<W>& o) {
  const uint64_t* a = o.src[0];
  uint64_t m = 0;
  for (int l = 0; l < W; ++l) m |= uint64_t{fop::test_class<T, C>(fp::lane_value<T>(a[l]))} << l;
  write_predicate(o.dst[0], m, o.exec);
}

// Sub-selectors of select_float_handler (float_select.cpp): arithmetic and special functions
// (float_arith.cpp), comparisons/classification/min/max/sign ops (float_compare.cpp), cvt.
template <int W>
AluHandler<W> select_float_arith(const isa::Instr& in, std::string* why);
template <int W>
AluHandler<W> select_float_compare(const isa::Instr& in, std::string* why);
// The half-precision forms (.f16, .bf16, .f16x2, .bf16x2) of arithmetic, min/max, neg/abs, ex2/tanh,
// setp and set (half_select.cpp); `in.type` (set: `in.type2`) is a half type.
bool is_half_type(isa::DataType t);
template <int W>
AluHandler<W> select_half(const isa::Instr& in, std::string* why);
// cvt between every pair of scalar types (cvt_select.cpp).
template <int W>
AluHandler<W> select_cvt(const isa::Instr& in, std::string* why);

}  // namespace canopy::gpu::alu
