// The meaning of the warp-collective matrix instructions (isa Mma, Ldmatrix): the PTX ISA's fragment
// layouts (isa/mma_layout.h) applied to registers, an ldmatrix matrix's layout, and the arithmetic of
// one mma. Pure functions over 32 lanes' register values, so the engine
// (gpu/exec/cta_matrix.cpp) only gathers rows and the layouts can be tested alone.
//
// Arithmetic model (real hardware's internal order is not documented): every element of D is
// computed as acc = C[r][n] (widened exactly to f32), then for k = 0, 1, ..., K-1 in order
// acc = fma(A[r][k], B[k][n], acc) rounded to f32 with round-to-nearest-even (products of f16, bf16
// and tf32 values are exact, so this is "exact product, one rounding per addition"); an f16 D is
// acc rounded once to f16 (RN). No flush of subnormals; NaN results are the canonical NaN. tf32
// operands use only their upper 19 bits (the low 13 bits of the f32 register are ignored). Integer
// mma is exact: D = C + sum(A*B) with s8/u8/s4/u4 elements widened by their signedness, wrapped to s32,
// or clamped to the s32 range with .satfinite (mods.sat). b1 mma is D = C + sum over k of
// (A[r][k] AND B[k][n]) or (A[r][k] XOR B[k][n]) (mods.atom And / Xor: PTX .and.popc / .xor.popc),
// wrapped to s32.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "isa/isa.h"
#include "isa/mma_layout.h"

namespace canopy::gpu::alu {

using isa::FragCoord;
using isa::kMmaLanes;
using isa::MmaOperand;

// Checks the types of an Mma instruction (type = D, type2 = A, mods.mma_btype = B, mods.mma_ctype = C,
// None meaning "as A" / "as D") and its half; returns an empty string if valid, else why not.
std::string mma_check(const isa::Instr& in);

// One Mma instruction: a, b, c are the 32 lanes' src0/src1/src2 values, d receives dst0 (may alias).
void mma_execute(const isa::Instr& in, const uint64_t* a, const uint64_t* b, const uint64_t* c, uint64_t* d);

// ldmatrix: lane `lane`'s 32-bit piece of an 8x8 b16 matrix given as its 8 rows of 8 elements.
uint32_t ldmatrix_fragment(const std::array<std::array<uint16_t, 8>, 8>& rows, unsigned lane, bool trans);

}  // namespace canopy::gpu::alu
