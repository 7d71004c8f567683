#include "isa/mma_layout.h"

namespace canopy::isa {

namespace {

bool is_int8(DataType t) { return t == DataType::S8 || t == DataType::U8; }
bool is_int4(DataType t) { return t == DataType::S4 || t == DataType::U4; }
bool is_half16(DataType t) { return t == DataType::F16 || t == DataType::BF16; }

}  // namespace

MmaDims mma_dims(MmaShape shape) {
  switch (shape) {
    case MmaShape::M8n8k16: return {8, 8, 16};
    case MmaShape::M16n8k8: return {16, 8, 8};
    case MmaShape::M16n8k16: return {16, 8, 16};
    case MmaShape::M16n8k32: return {16, 8, 32};
    case MmaShape::M16n8k4: return {16, 8, 4};
    case MmaShape::M8n8k32: return {8, 8, 32};
    case MmaShape::M16n8k64: return {16, 8, 64};
    case MmaShape::M8n8k128: return {8, 8, 128};
    case MmaShape::M16n8k128: return {16, 8, 128};
    case MmaShape::M16n8k256: return {16, 8, 256};
  }
  return {0, 0, 0};
}

bool mma_shape_takes(MmaShape s, DataType ab) {
  switch (s) {
    case MmaShape::M8n8k16: return is_int8(ab);
    case MmaShape::M16n8k32: return is_int8(ab) || is_int4(ab);
    case MmaShape::M16n8k16: return is_int8(ab) || is_half16(ab);
    case MmaShape::M16n8k8: return is_half16(ab) || ab == DataType::TF32;
    case MmaShape::M16n8k4: return ab == DataType::TF32;
    case MmaShape::M8n8k32: case MmaShape::M16n8k64: return is_int4(ab);
    case MmaShape::M8n8k128: case MmaShape::M16n8k128: case MmaShape::M16n8k256: return ab == DataType::B1;
  }
  return false;
}

unsigned mma_fragment_elements(MmaShape s, DataType ab, MmaOperand op) {
  if (!mma_shape_takes(s, ab)) return 0;
  const MmaDims d = mma_dims(s);
  const unsigned rows = op == MmaOperand::B ? d.k : d.m;
  const unsigned cols = op == MmaOperand::A ? d.k : d.n;
  return rows * cols / kMmaLanes;
}

// The PTX ISA's fragment figures for mma.m8n8k16 (.s8/.u8), mma.m16n8k4/k8 (.tf32), mma.m16n8k8/k16
// (.f16/.bf16), mma.m16n8k16/k32 (.s8/.u8), mma.m8n8k32, m16n8k32, m16n8k64 (.s4/.u4) and mma.m8n8k128,
// m16n8k128, m16n8k256 (.b1). The integer figures share one pattern: with e = elements per 32-bit
// register (4, 8 or 32), an M=8 shape (K = 4e) gives each lane e consecutive k of row groupID; an M=16
// shape with K = 4e adds a register for row groupID + 8, and one with K = 8e two more for k + 4e.
FragCoord mma_fragment_coord(MmaShape s, DataType ab, MmaOperand op, unsigned lane, unsigned i) {
  const unsigned g = lane >> 2, t = lane & 3;
  if (op == MmaOperand::C) {
    if (s == MmaShape::M8n8k16) return {g, 2 * t + i};
    return {g + 8 * (i >> 1), 2 * t + (i & 1)};
  }
  const bool a = op == MmaOperand::A;
  if (ab == DataType::TF32) {
    if (s == MmaShape::M16n8k4) return a ? FragCoord{g + 8 * i, t} : FragCoord{t, g};
    return a ? FragCoord{g + 8 * (i & 1), t + 4 * (i >> 1)} : FragCoord{t + 4 * i, g};
  }
  if (is_half16(ab)) {
    if (s == MmaShape::M16n8k8) return a ? FragCoord{g + 8 * (i >> 1), 2 * t + (i & 1)} : FragCoord{2 * t + i, g};
    return a ? FragCoord{g + 8 * ((i >> 1) & 1), 2 * t + (i & 1) + 8 * (i >> 2)}
             : FragCoord{2 * t + (i & 1) + 8 * (i >> 1), g};
  }
  // Integers: s8/u8, s4/u4, b1.
  const unsigned e = 32 / bit_width(ab), k = mma_dims(s).k;
  if (mma_dims(s).m == 8) return a ? FragCoord{g, e * t + i} : FragCoord{e * t + i, g};
  if (k == 4 * e) return a ? FragCoord{g + 8 * (i / e), e * t + i % e} : FragCoord{e * t + i, g};
  return a ? FragCoord{g + 8 * ((i / e) & 1), e * t + i % e + 4 * e * (i / (2 * e))}
           : FragCoord{e * t + i % e + 4 * e * (i / e), g};
}

MmaDims wmma_dims(WmmaShape shape) {
  switch (shape) {
    case WmmaShape::M16n16k16: return {16, 16, 16};
    case WmmaShape::M16n16k8: return {16, 16, 8};
    case WmmaShape::M32n8k16: return {32, 8, 16};
    case WmmaShape::M8n32k16: return {8, 32, 16};
  }
  return {0, 0, 0};
}

MmaShape wmma_base_shape(WmmaShape shape) {
  return shape == WmmaShape::M16n16k8 ? MmaShape::M16n8k8 : MmaShape::M16n8k16;
}

WmmaTiles wmma_tiles(WmmaShape shape) {
  const MmaDims d = wmma_dims(shape);
  const unsigned rows = d.m < 16 ? d.m : 16;
  return {d.m / rows, d.n / 8, rows};
}

namespace {

// The index in the base PTX fragment of the j-th element this shape keeps of one tile (all of them,
// or for 8-row tiles those of rows 0-7).
unsigned base_index(WmmaShape shape, DataType elem, MmaOperand op, unsigned j) {
  const MmaShape base = wmma_base_shape(shape);
  if (wmma_tiles(shape).rows == 16 || op == MmaOperand::B) return j;
  const DataType ab = op == MmaOperand::C ? DataType::F16 : elem;
  const unsigned n = mma_fragment_elements(base, ab, op);
  for (unsigned i = 0, seen = 0; i < n; ++i)
    if (mma_fragment_coord(base, ab, op, 0, i).row < 8 && seen++ == j) return i;
  return 0;
}

bool wmma_types_ok(WmmaShape shape, DataType elem, MmaOperand op) {
  if (op == MmaOperand::C) return elem == DataType::F32 || elem == DataType::F16 || elem == DataType::S32;
  if (shape == WmmaShape::M16n16k8) return elem == DataType::TF32;
  return elem == DataType::F16 || elem == DataType::BF16 || is_int8(elem);
}

}  // namespace

unsigned wmma_tile_elements(WmmaShape shape, DataType elem, MmaOperand op) {
  if (!wmma_types_ok(shape, elem, op)) return 0;
  const DataType ab = op == MmaOperand::C ? DataType::F16 : elem;  // C layouts do not depend on the type
  const unsigned n = mma_fragment_elements(wmma_base_shape(shape), ab, op);
  return op != MmaOperand::B && wmma_tiles(shape).rows == 8 ? n / 2 : n;
}

unsigned wmma_fragment_elements(WmmaShape shape, DataType elem, MmaOperand op) {
  const unsigned per_tile = wmma_tile_elements(shape, elem, op);
  if (per_tile == 0) return 0;
  const WmmaTiles t = wmma_tiles(shape);
  const unsigned tiles = op == MmaOperand::A ? t.m : op == MmaOperand::B ? t.n : t.m * t.n;
  const unsigned distinct = per_tile * tiles;
  return elem == DataType::F16 && op != MmaOperand::C ? 16 : distinct;
}

FragCoord wmma_fragment_coord(WmmaShape shape, DataType elem, MmaOperand op, unsigned lane, unsigned i) {
  const MmaShape base = wmma_base_shape(shape);
  const WmmaTiles t = wmma_tiles(shape);
  const unsigned per_tile = wmma_tile_elements(shape, elem, op);
  const unsigned tiles = op == MmaOperand::A ? t.m : op == MmaOperand::B ? t.n : t.m * t.n;
  const unsigned j = i % (per_tile * tiles), tile = j / per_tile;
  const DataType ab = op == MmaOperand::C ? DataType::F16 : elem;
  FragCoord c = mma_fragment_coord(base, ab, op, lane, base_index(shape, elem, op, j % per_tile));
  // C tiles go along N first (m16n16, m8n32) or along M (m32n8, whose N is one tile).
  const unsigned tile_m = op == MmaOperand::A ? tile : op == MmaOperand::B ? 0 : tile / t.n;
  const unsigned tile_n = op == MmaOperand::A ? 0 : op == MmaOperand::B ? tile : tile % t.n;
  return {c.row + t.rows * tile_m, c.col + 8 * tile_n};
}

}  // namespace canopy::isa
