// How the ALU is split inside gpu/alu/: integer-side handlers (int_*.cpp) and floating-point-side
// handlers (float_*.cpp, cvt) each offer a selector; select.cpp asks them in turn.
#pragma once

#include "gpu/alu/alu.h"

namespace canopy::gpu::alu {

// Integer, bit-manipulation, logic, predicate, comparison (integer types), selection, pack/unpack,
// mov, carry ops, dp4a/dp2a. Returns nullptr if the instruction is not theirs (why untouched) or
// unsupported (why set).
template <int W>
AluHandler<W> select_integer_handler(const isa::Instr& instr, std::string* why);

// Floating-point arithmetic (f16, bf16 and their x2 forms, f32, f64), float comparisons (setp/set/slct/min/max on
// float types), special functions, testp, copysign, and cvt between every pair of types.
template <int W>
AluHandler<W> select_float_handler(const isa::Instr& instr, std::string* why);

}  // namespace canopy::gpu::alu
