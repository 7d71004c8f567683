// The matrix instructions at the ISA level: every mma and WMMA fragment layout covers each element of
// its matrix exactly once across the 32 lanes, the WMMA layouts are the documented compositions of the
// m16n8 mma layouts, and mma/ldmatrix disassemble and round-trip through the encoding.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "isa/disasm.h"
#include "isa/encoding.h"
#include "isa/mma_layout.h"
#include "isa_test_util.h"

namespace canopy::isa {
namespace {

struct ShapeType {
  MmaShape shape;
  DataType ab;
};

const ShapeType kMmas[] = {{MmaShape::M8n8k16, DataType::S8},   {MmaShape::M16n8k16, DataType::U8},
                           {MmaShape::M16n8k32, DataType::S8},  {MmaShape::M16n8k8, DataType::F16},
                           {MmaShape::M16n8k16, DataType::F16}, {MmaShape::M16n8k16, DataType::BF16},
                           {MmaShape::M16n8k8, DataType::TF32}, {MmaShape::M16n8k4, DataType::TF32},
                           {MmaShape::M8n8k32, DataType::S4},   {MmaShape::M16n8k32, DataType::U4},
                           {MmaShape::M16n8k64, DataType::S4},  {MmaShape::M8n8k128, DataType::B1},
                           {MmaShape::M16n8k128, DataType::B1}, {MmaShape::M16n8k256, DataType::B1}};

TEST(MmaLayout, EveryMmaFragmentCoversItsMatrixOnce) {
  for (const ShapeType& st : kMmas) {
    const MmaDims d = mma_dims(st.shape);
    for (MmaOperand op : {MmaOperand::A, MmaOperand::B, MmaOperand::C}) {
      const unsigned rows = op == MmaOperand::B ? d.k : d.m, cols = op == MmaOperand::A ? d.k : d.n;
      const unsigned n = mma_fragment_elements(st.shape, st.ab, op);
      ASSERT_EQ(n * kMmaLanes, rows * cols) << name(st.shape) << " " << name(st.ab);
      std::set<std::pair<unsigned, unsigned>> seen;
      for (unsigned lane = 0; lane < kMmaLanes; ++lane)
        for (unsigned i = 0; i < n; ++i) {
          FragCoord c = mma_fragment_coord(st.shape, st.ab, op, lane, i);
          ASSERT_LT(c.row, rows);
          ASSERT_LT(c.col, cols);
          EXPECT_TRUE(seen.insert({c.row, c.col}).second) << name(st.shape) << " lane " << lane << " i " << i;
        }
    }
  }
}

TEST(MmaLayout, ShapesTakeTheirPtxTypesOnly) {
  EXPECT_TRUE(mma_shape_takes(MmaShape::M16n8k32, DataType::S4));
  EXPECT_FALSE(mma_shape_takes(MmaShape::M16n8k64, DataType::S8));
  EXPECT_FALSE(mma_shape_takes(MmaShape::M8n8k128, DataType::U4));
  EXPECT_EQ(mma_fragment_elements(MmaShape::M16n8k256, DataType::B1, MmaOperand::A), 128u);
  EXPECT_TRUE(mma_shape_takes(MmaShape::M16n8k16, DataType::BF16));
  EXPECT_FALSE(mma_shape_takes(MmaShape::M16n8k16, DataType::TF32));
  EXPECT_FALSE(mma_shape_takes(MmaShape::M8n8k16, DataType::F16));
  EXPECT_FALSE(mma_shape_takes(MmaShape::M16n8k4, DataType::F16));
  EXPECT_EQ(mma_fragment_elements(MmaShape::M16n8k32, DataType::F16, MmaOperand::A), 0u);
}

// WMMA m16n16k16 half: A = the m16n8k16 A fragment twice; B = columns 0-7 then 8-15, twice;
// C = columns 0-7 then 8-15. Written out for f16 from the PTX m16n8k16 figure.
TEST(MmaLayout, WmmaHalfLayoutIsTwoM16n8k16Halves) {
  for (unsigned lane = 0; lane < 32; ++lane) {
    const unsigned g = lane / 4, t = lane % 4;
    for (unsigned i = 0; i < 16; ++i) {
      const unsigned e = i % 8;
      FragCoord a{g + ((e / 2) % 2) * 8, 2 * t + e % 2 + (e / 4) * 8};
      EXPECT_EQ(wmma_fragment_coord(WmmaShape::M16n16k16, DataType::F16, MmaOperand::A, lane, i), a);
      const unsigned j = e % 4;
      FragCoord b{2 * t + j % 2 + (j / 2) * 8, g + (e / 4) * 8};
      EXPECT_EQ(wmma_fragment_coord(WmmaShape::M16n16k16, DataType::F16, MmaOperand::B, lane, i), b);
    }
    for (unsigned i = 0; i < 8; ++i) {
      FragCoord c{g + ((i % 4) / 2) * 8, 2 * t + i % 2 + (i / 4) * 8};
      EXPECT_EQ(wmma_fragment_coord(WmmaShape::M16n16k16, DataType::F32, MmaOperand::C, lane, i), c);
    }
  }
}

TEST(MmaLayout, EveryWmmaFragmentCoversItsMatrix) {
  struct W {
    WmmaShape shape;
    DataType ab;
    unsigned m, n, k, copies_a, copies_b;
  };
  const W shapes[] = {{WmmaShape::M16n16k16, DataType::F16, 16, 16, 16, 2, 2},
                      {WmmaShape::M16n16k16, DataType::BF16, 16, 16, 16, 1, 1},
                      {WmmaShape::M16n16k16, DataType::S8, 16, 16, 16, 1, 1},
                      {WmmaShape::M16n16k16, DataType::U8, 16, 16, 16, 1, 1},
                      {WmmaShape::M16n16k8, DataType::TF32, 16, 16, 8, 1, 1},
                      {WmmaShape::M32n8k16, DataType::F16, 32, 8, 16, 1, 4},
                      {WmmaShape::M32n8k16, DataType::BF16, 32, 8, 16, 1, 1},
                      {WmmaShape::M32n8k16, DataType::S8, 32, 8, 16, 1, 1},
                      {WmmaShape::M32n8k16, DataType::U8, 32, 8, 16, 1, 1},
                      {WmmaShape::M8n32k16, DataType::F16, 8, 32, 16, 4, 1},
                      {WmmaShape::M8n32k16, DataType::BF16, 8, 32, 16, 1, 1},
                      {WmmaShape::M8n32k16, DataType::S8, 8, 32, 16, 1, 1},
                      {WmmaShape::M8n32k16, DataType::U8, 8, 32, 16, 1, 1}};
  for (const W& w : shapes) {
    for (MmaOperand op : {MmaOperand::A, MmaOperand::B, MmaOperand::C}) {
      const DataType type = op == MmaOperand::C ? DataType::F32 : w.ab;
      const unsigned n = wmma_fragment_elements(w.shape, type, op);
      const unsigned rows = op == MmaOperand::B ? w.k : w.m, cols = op == MmaOperand::A ? w.k : w.n;
      const unsigned copies = op == MmaOperand::A ? w.copies_a : op == MmaOperand::B ? w.copies_b : 1;
      ASSERT_EQ(n * 32, rows * cols * copies);
      std::set<std::pair<unsigned, unsigned>> seen;
      for (unsigned lane = 0; lane < 32; ++lane)
        for (unsigned i = 0; i < n / copies; ++i) {
          FragCoord c = wmma_fragment_coord(w.shape, type, op, lane, i);
          EXPECT_LT(c.row, rows);
          EXPECT_LT(c.col, cols);
          EXPECT_TRUE(seen.insert({c.row, c.col}).second);
          for (unsigned copy = 1; copy < copies; ++copy)
            EXPECT_EQ(wmma_fragment_coord(w.shape, type, op, lane, i + n / copies * copy), c);
        }
      EXPECT_EQ(seen.size(), rows * cols);
    }
  }
  EXPECT_EQ(wmma_fragment_elements(WmmaShape::M16n16k8, DataType::F16, MmaOperand::A), 0u);
  EXPECT_EQ(wmma_fragment_elements(WmmaShape::M16n16k16, DataType::TF32, MmaOperand::A), 0u);
  EXPECT_EQ(wmma_fragment_elements(WmmaShape::M32n8k16, DataType::TF32, MmaOperand::B), 0u);
  EXPECT_EQ(wmma_fragment_elements(WmmaShape::M16n16k16, DataType::S32, MmaOperand::C), 8u);
  EXPECT_EQ(wmma_fragment_elements(WmmaShape::M8n32k16, DataType::F16, MmaOperand::C), 8u);
}

// m32n8k16: A = the m16n8k16 A fragments of rows 0-15 and 16-31; B = the one m16n8k16 B fragment (f16:
// four times); C = rows 0-15, then rows 16-31. m8n32k16: A = the row 0-7 elements of the m16n8k16 A
// fragment (f16: four times); B = the fragments of columns 0-7, 8-15, 16-23, 24-31; C = row g, columns
// 2t and 2t + 1 of each 8-column block. Written out for f16 from the PTX m16n8k16 figure.
TEST(MmaLayout, WmmaTallAndWideHalfLayouts) {
  for (unsigned lane = 0; lane < 32; ++lane) {
    const unsigned g = lane / 4, t = lane % 4;
    for (unsigned i = 0; i < 16; ++i) {
      const unsigned e = i % 8, blk = i / 8;
      FragCoord a{g + ((e / 2) % 2) * 8 + 16 * blk, 2 * t + e % 2 + (e / 4) * 8};
      EXPECT_EQ(wmma_fragment_coord(WmmaShape::M32n8k16, DataType::F16, MmaOperand::A, lane, i), a);
      const unsigned j = i % 4;
      FragCoord b{2 * t + j % 2 + (j / 2) * 8, g};
      EXPECT_EQ(wmma_fragment_coord(WmmaShape::M32n8k16, DataType::F16, MmaOperand::B, lane, i), b);
      // m8n32k16 A: base elements 0, 1, 4, 5 (row g, k 2t, 2t+1, 2t+8, 2t+9), four times.
      const unsigned q = i % 4;
      FragCoord a8{g, 2 * t + q % 2 + (q / 2) * 8};
      EXPECT_EQ(wmma_fragment_coord(WmmaShape::M8n32k16, DataType::F16, MmaOperand::A, lane, i), a8);
      FragCoord b8{2 * t + q % 2 + (q / 2) * 8, g + 8 * (i / 4)};
      EXPECT_EQ(wmma_fragment_coord(WmmaShape::M8n32k16, DataType::F16, MmaOperand::B, lane, i), b8);
    }
    for (unsigned i = 0; i < 8; ++i) {
      FragCoord c{g + ((i % 4) / 2) * 8 + 16 * (i / 4), 2 * t + i % 2};
      EXPECT_EQ(wmma_fragment_coord(WmmaShape::M32n8k16, DataType::F32, MmaOperand::C, lane, i), c);
      FragCoord c8{g, 2 * t + i % 2 + 8 * (i / 2)};
      EXPECT_EQ(wmma_fragment_coord(WmmaShape::M8n32k16, DataType::F32, MmaOperand::C, lane, i), c8);
    }
    // 8-bit m8n32k16 A: row g, k 4t..4t+3 (one register).
    for (unsigned i = 0; i < 4; ++i)
      EXPECT_EQ(wmma_fragment_coord(WmmaShape::M8n32k16, DataType::S8, MmaOperand::A, lane, i),
                (FragCoord{g, 4 * t + i}));
  }
}

TEST(MmaLayout, MmaAndLdmatrixDisassembleAndRoundTrip) {
  Instr mma = testing::alu(Opcode::Mma, DataType::F32, {Operand::reg(4)},
                           {Operand::reg(1), Operand::reg(2), Operand::reg(3)});
  mma.type2 = DataType::F16;
  mma.mods.mma_shape = MmaShape::M16n8k16;
  mma.mods.mma_half = 1;
  EXPECT_EQ(disassemble(mma), "mma.m16n8k16.hi.f32.f16.f16.f32 R4, R1, R2, R3");
  mma.type2 = DataType::S8;
  mma.type = DataType::S32;
  mma.mods.mma_btype = DataType::U8;
  mma.mods.mma_shape = MmaShape::M8n8k16;
  mma.mods.mma_half = 0;
  mma.mods.sat = true;
  EXPECT_EQ(disassemble(mma), "mma.m8n8k16.lo.sat.s32.s8.u8.s32 R4, R1, R2, R3");
  Instr ld = testing::alu(Opcode::Ldmatrix, DataType::B16, {Operand::reg(0), Operand::reg(1)}, {});
  ld.mods.vec = 2;
  ld.mods.trans = true;
  ld.mods.space = Space::Shared;
  ld.addr = Operand::reg(5);
  EXPECT_EQ(disassemble(ld), "ldmatrix.x2.trans.shared.b16 {R0, R1}, [R5]");
  Instr b1 = testing::alu(Opcode::Mma, DataType::S32, {Operand::reg(4)},
                          {Operand::reg(1), Operand::reg(2), Operand::reg(3)});
  b1.type2 = DataType::B1;
  b1.mods.mma_shape = MmaShape::M16n8k256;
  b1.mods.mma_half = 1;
  b1.mods.atom = AtomOp::Xor;
  EXPECT_EQ(disassemble(b1), "mma.m16n8k256.hi.xor.popc.s32.b1.b1.s32 R4, R1, R2, R3");
  for (const Instr& in : {mma, ld, b1}) {
    std::vector<uint8_t> bytes;
    encode(in, bytes);
    size_t pos = 0;
    auto back = decode(bytes.data(), bytes.size(), pos);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, in);
  }
}

}  // namespace
}  // namespace canopy::isa
