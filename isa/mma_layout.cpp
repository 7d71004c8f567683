#include "isa/mma_layout.h"

namespace canopy::isa {

namespace {

bool is_int8(DataType t) { return t == DataType::S8 || t == DataType::U8; }
bool is_half16(DataType t) { return t == DataType::F16 || t == DataType::BF16; }

}  // namespace

MmaDims mma_dims(MmaShape shape) {
  switch (shape) {
    case MmaShape::M8n8k16: return {8, 8, 16};
    case MmaShape::M16n8k8: return {16, 8, 8};
    case MmaShape::M16n8k16: return {16, 8, 16};
    case MmaShape::M16n8k32: return {16, 8, 32};
    case MmaShape::M16n8k4: return {16, 8, 4};
  }
  return {0, 0, 0};
}

bool mma_shape_takes(MmaShape s, DataType ab) {
  switch (s) {
    case MmaShape::M8n8k16: case MmaShape::M16n8k32: return is_int8(ab);
    case MmaShape::M16n8k16: return is_int8(ab) || is_half16(ab);
    case MmaShape::M16n8k8: return is_half16(ab) || ab == DataType::TF32;
    case MmaShape::M16n8k4: return ab == DataType::TF32;
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
// (.f16/.bf16) and mma.m16n8k16/k32 (.s8/.u8).
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
  switch (s) {  // 8-bit integers
    case MmaShape::M8n8k16: return a ? FragCoord{g, 4 * t + i} : FragCoord{4 * t + i, g};
    case MmaShape::M16n8k16: return a ? FragCoord{g + 8 * (i >> 2), 4 * t + (i & 3)} : FragCoord{4 * t + i, g};
    default:  // m16n8k32
      return a ? FragCoord{g + 8 * ((i >> 2) & 1), 4 * t + (i & 3) + 16 * (i >> 3)}
               : FragCoord{4 * t + (i & 3) + 16 * (i >> 2), g};
  }
}

MmaShape wmma_base_shape(WmmaShape shape) {
  return shape == WmmaShape::M16n16k8 ? MmaShape::M16n8k8 : MmaShape::M16n8k16;
}

unsigned wmma_fragment_elements(WmmaShape shape, DataType elem, MmaOperand op) {
  const MmaShape base = wmma_base_shape(shape);
  if (op == MmaOperand::C) {
    if (elem != DataType::F32 && elem != DataType::F16 && elem != DataType::S32) return 0;
    return 8;
  }
  if (shape == WmmaShape::M16n16k8 ? elem != DataType::TF32 : elem == DataType::TF32) return 0;
  const unsigned n = mma_fragment_elements(base, elem, op);
  const unsigned copies = elem == DataType::F16 ? 2 : 1;
  return n * copies * (op == MmaOperand::B ? 2 : 1);
}

FragCoord wmma_fragment_coord(WmmaShape shape, DataType elem, MmaOperand op, unsigned lane, unsigned i) {
  const MmaShape base = wmma_base_shape(shape);
  if (op == MmaOperand::C) {
    FragCoord c = mma_fragment_coord(base, DataType::F16, op, lane, i % 4);
    return {c.row, c.col + 8 * (i / 4)};
  }
  const unsigned n = mma_fragment_elements(base, elem, op);
  if (op == MmaOperand::A) return mma_fragment_coord(base, elem, op, lane, i % n);
  const unsigned j = i % (2 * n);  // B: drop the f16 copy, then pick the column half
  FragCoord b = mma_fragment_coord(base, elem, op, lane, j % n);
  return {b.row, b.col + 8 * (j / n)};
}

}  // namespace canopy::isa
