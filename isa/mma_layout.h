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
// Every shape is a grid of m16n8 mma.sync tiles (m16n8k16; m16n8k8 for tf32), and each fragment lists
// the distinct elements of its tiles' PTX mma fragments, tile after tile:
//   m16n16k16 / m16n16k8: A one m16 tile; B the tiles of columns 0-7 and 8-15; C/D the same two tiles.
//   m32n8k16: A the tiles of rows 0-15 and 16-31; B one tile; C/D rows 0-15, then rows 16-31.
//   m8n32k16: rows 0-7 only (the first 8-row half of an m16 tile, which the native mma computes alone):
//             A the row 0-7 elements of one tile; B the tiles of columns 0-7, ..., 24-31; C/D likewise.
// PTX gives f16 A and B fragments 16 elements whatever the shape, so f16 fragments with fewer distinct
// elements hold them 2 or 4 times over (element i is distinct element i % distinct).
enum class WmmaShape : uint8_t { M16n16k16, M16n16k8, M32n8k16, M8n32k16 };
MmaDims wmma_dims(WmmaShape shape);
MmaShape wmma_base_shape(WmmaShape shape);  // the m16n8 mma shape of its tiles
// The grid of base tiles: tiles along M (each 16 rows, or 8 for m8n32k16) and along N (8 columns each).
struct WmmaTiles {
  unsigned m, n, rows;
};
WmmaTiles wmma_tiles(WmmaShape shape);
unsigned wmma_fragment_elements(WmmaShape shape, DataType elem, MmaOperand op);  // 0: not supported
// Elements of one tile's part of the fragment (distinct ones, before any f16 copies).
unsigned wmma_tile_elements(WmmaShape shape, DataType elem, MmaOperand op);
FragCoord wmma_fragment_coord(WmmaShape shape, DataType elem, MmaOperand op, unsigned lane, unsigned i);

}  // namespace canopy::isa
