// .relu and .satfinite on half-precision results (fma, cvt): lowered as min/max.NaN against constants,
// so their meaning stays the ALU's min/max. relu: max.NaN(x, +0) keeps NaN (canonical) and turns negative
// values and -0 into +0. satfinite: min.NaN(x, MAX) then max.NaN(x, -MAX) turns infinities into the
// largest finite value of their sign and keeps NaN.
#include "compiler/lower.h"

namespace canopy::compiler {

namespace {

using isa::DataType;

bool is_half(DataType t) {
  return t == DataType::F16 || t == DataType::BF16 || t == DataType::F16x2 || t == DataType::BF16x2;
}

// The 16-bit constant in every element of the type.
uint64_t splat(DataType t, uint16_t bits) {
  const bool x2 = t == DataType::F16x2 || t == DataType::BF16x2;
  return x2 ? (uint64_t{bits} << 16) | bits : bits;
}

void emit_minmax(Lowerer& L, isa::Opcode op, DataType t, isa::Operand d, uint64_t constant) {
  size_t i = L.emit(op, t);
  isa::Instr& in = L.at(i);
  in.mods.nan = true;
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = 2;
  in.src[0] = d;
  in.src[1] = isa::Operand::immediate(constant);
}

}  // namespace

bool emit_half_clamps(Lowerer& L, DataType t, isa::Operand d, bool relu, bool satfinite) {
  if (!relu && !satfinite) return true;
  if (!is_half(t)) {
    L.fail(relu ? "'.relu' applies only to f16, bf16, f16x2 and bf16x2 results"
                : "'.satfinite' applies only to f16, bf16, f16x2 and bf16x2 results");
    return false;
  }
  const bool bf = t == DataType::BF16 || t == DataType::BF16x2;
  if (satfinite) {
    const uint16_t max = bf ? 0x7f7f : 0x7bff;
    emit_minmax(L, isa::Opcode::Min, t, d, splat(t, max));
    emit_minmax(L, isa::Opcode::Max, t, d, splat(t, static_cast<uint16_t>(max | 0x8000)));
  }
  if (relu) emit_minmax(L, isa::Opcode::Max, t, d, 0);
  return true;
}

}  // namespace canopy::compiler
