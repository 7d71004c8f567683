// Fragment layouts of the matrix instructions: which lane holds which element of A, B and C/D. For
// the native mma these are the PTX ISA's layouts of each mma.sync shape (one definition, read by the
// engine's arithmetic in gpu/alu/mma_ops.cpp and by the finalizer); the WMMA layouts are the
// finalizer's choice (PTX leaves them opaque), built from the mma.sync m16n8 layouts so that one
// wmma.mma is a handful of native mma instructions with no data movement between lanes.
#pragma once

#include <cstdint>

#include "isa/isa.h"

namespace canopy::isa {

inline constexpr unsigned kMmaLanes = 32;

enum class MmaOperand : uint8_t { A, B, C };  // C also describes D

struct MmaDims {
  unsigned m, n, k;
};
MmaDims mma_dims(MmaShape shape);

// Coordinates of a fragment element: A (row m, col k), B (row k, col n), C/D (row m, col n).
struct FragCoord {
  unsigned row, col;
  friend bool operator==(const FragCoord&, const FragCoord&) = default;
};

// Whether A/B element type `ab` (F16, BF16, TF32, S8, U8) goes with `shape`.
bool mma_shape_takes(MmaShape shape, DataType ab);
// Elements of `op` one lane holds in the PTX mma fragment of `shape` with A/B type `ab` (0: no such mma).
unsigned mma_fragment_elements(MmaShape shape, DataType ab, MmaOperand op);
// Where element `i` of lane `lane`'s PTX mma fragment of `op` lives, with groupID = lane / 4 and
// threadID_in_group = lane % 4 as the PTX ISA's figures name them.
FragCoord mma_fragment_coord(MmaShape shape, DataType ab, MmaOperand op, unsigned lane, unsigned i);

// ---- WMMA (the finalizer's layouts) ----
// m16n16k16 (f16, bf16, s8, u8) and m16n16k8 (tf32) are built from mma.sync m16n8k16 / m16n8k8:
//   A: the m16n8 A fragment (f16: stored twice, as 16 elements in 8 registers);
//   B: the m16n8 B fragment of columns 0-7, then that of columns 8-15 (f16: the 8 stored twice);
//   C/D: the m16n8 C fragment of columns 0-7, then that of columns 8-15.
enum class WmmaShape : uint8_t { M16n16k16, M16n16k8 };
MmaShape wmma_base_shape(WmmaShape shape);  // the m16n8 mma shape it is built from
unsigned wmma_fragment_elements(WmmaShape shape, DataType elem, MmaOperand op);  // 0: not supported
FragCoord wmma_fragment_coord(WmmaShape shape, DataType elem, MmaOperand op, unsigned lane, unsigned i);

}  // namespace canopy::isa
