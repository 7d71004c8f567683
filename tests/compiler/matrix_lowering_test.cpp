// mma.sync / ldmatrix / wmma lowering: the native instructions it produces and its diagnostics.
#include <gtest/gtest.h>

#include "compiler_test_util.h"

namespace canopy::compiler::test {
namespace {

void expect_error_at(const std::string& body, const std::string& position, const std::string& words) {
  std::string msg = compile_error(kernel(body));
  EXPECT_EQ(msg.rfind("test.ptx:" + position + ": ", 0), 0u) << msg;
  EXPECT_NE(msg.find(words), std::string::npos) << msg;
}

const char* kRegs = ".reg .b32 %r<16>;\n  .reg .b64 %rd<2>;\n";

TEST(MatrixLowering, MmaM16BecomesTwoHalves) {
  isa::Module m = compile_or_die(kernel(std::string(kRegs) +
      "  mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%r0, %r1, %r2, %r3}, {%r4, %r5, %r6, %r7}, "
      "{%r8, %r9}, {%r10, %r11, %r12, %r13};"));
  auto mmas = find_ops(m.functions[0], isa::Opcode::Mma);
  ASSERT_EQ(mmas.size(), 2u);
  EXPECT_EQ(mmas[0].mods.mma_half, 0);
  EXPECT_EQ(mmas[1].mods.mma_half, 1);
  EXPECT_EQ(mmas[0].type, isa::DataType::F32);
  EXPECT_EQ(mmas[0].type2, isa::DataType::BF16);
}

TEST(MatrixLowering, MmaM8IsOneInstructionAndWmmaIsFour) {
  isa::Module m = compile_or_die(kernel(std::string(kRegs) +
      "  mma.sync.aligned.m8n8k16.row.col.satfinite.s32.u8.s8.s32 {%r0, %r1}, {%r2}, {%r3}, {%r4, %r5};\n"
      "  wmma.mma.sync.aligned.row.col.m16n16k16.f32.f32 {%r0, %r1, %r2, %r3, %r4, %r5, %r6, %r7}, "
      "{%r0, %r1, %r2, %r3, %r4, %r5, %r6, %r7}, {%r8, %r9, %r10, %r11, %r12, %r13, %r14, %r15}, "
      "{%r0, %r1, %r2, %r3, %r4, %r5, %r6, %r7};"));
  auto mmas = find_ops(m.functions[0], isa::Opcode::Mma);
  ASSERT_EQ(mmas.size(), 5u);
  EXPECT_TRUE(mmas[0].mods.sat);
  EXPECT_EQ(mmas[0].mods.mma_btype, isa::DataType::S8);
  EXPECT_EQ(mmas[0].type2, isa::DataType::U8);
}

// m32n8k16: two m16 tiles along M, each two native halves. m8n32k16: four 8-column tiles of 8 rows, each
// only the first native half.
TEST(MatrixLowering, WmmaTallIsFourHalvesAndWideIsFourFirstHalves) {
  isa::Module tall = compile_or_die(kernel(std::string(kRegs) +
      "  wmma.mma.sync.aligned.row.col.m32n8k16.s32.s8.s8.s32 {%r0, %r1, %r2, %r3, %r4, %r5, %r6, %r7}, "
      "{%r8, %r9, %r10, %r11}, {%r12}, {%r0, %r1, %r2, %r3, %r4, %r5, %r6, %r7};"));
  auto mmas = find_ops(tall.functions[0], isa::Opcode::Mma);
  ASSERT_EQ(mmas.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(mmas[i].mods.mma_half, i % 2);
  isa::Module wide = compile_or_die(kernel(std::string(kRegs) +
      "  wmma.mma.sync.aligned.row.col.m8n32k16.f32.bf16.bf16.f32 {%r0, %r1, %r2, %r3, %r4, %r5, %r6, %r7}, "
      "{%r8, %r9}, {%r8, %r9, %r10, %r11, %r12, %r13, %r14, %r15}, {%r0, %r1, %r2, %r3, %r4, %r5, %r6, %r7};"));
  mmas = find_ops(wide.functions[0], isa::Opcode::Mma);
  ASSERT_EQ(mmas.size(), 4u);
  for (const auto& mma : mmas) {
    EXPECT_EQ(mma.mods.mma_half, 0);
    EXPECT_EQ(mma.mods.mma_shape, isa::MmaShape::M16n8k16);
    EXPECT_EQ(mma.type2, isa::DataType::BF16);
  }
}

TEST(MatrixLowering, SubByteMmaCarriesTypesAndBitOperation) {
  isa::Module m = compile_or_die(kernel(std::string(kRegs) +
      "  mma.sync.aligned.m16n8k256.row.col.s32.b1.b1.s32.xor.popc {%r0, %r1, %r2, %r3}, {%r4, %r5, %r6, %r7}, "
      "{%r8, %r9}, {%r10, %r11, %r12, %r13};\n"
      "  mma.sync.aligned.m8n8k32.row.col.satfinite.s32.u4.s4.s32 {%r0, %r1}, {%r2}, {%r3}, {%r4, %r5};"));
  auto mmas = find_ops(m.functions[0], isa::Opcode::Mma);
  ASSERT_EQ(mmas.size(), 3u);
  EXPECT_EQ(mmas[0].type2, isa::DataType::B1);
  EXPECT_EQ(mmas[0].mods.atom, isa::AtomOp::Xor);
  EXPECT_EQ(mmas[0].mods.mma_shape, isa::MmaShape::M16n8k256);
  EXPECT_EQ(mmas[2].type2, isa::DataType::U4);
  EXPECT_EQ(mmas[2].mods.mma_btype, isa::DataType::S4);
  EXPECT_TRUE(mmas[2].mods.sat);
  EXPECT_EQ(mmas[2].mods.atom, isa::AtomOp::Add);  // the default: no bit operation
}

TEST(MatrixLowering, Diagnostics) {
  expect_error_at(std::string(kRegs) + "  mma.sync.aligned.m16n8k16.row.col.f32.tf32.tf32.f32 {%r0}, {%r1}, {%r2}, {%r3};",
                  "8:3", "A/B types");
  expect_error_at(std::string(kRegs) + "  mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%r0, %r1}, {%r1}, {%r2}, {%r3};",
                  "8:65", "'mma' A needs a vector of 4 registers");
  expect_error_at(std::string(kRegs) + "  mma.sync.aligned.m16n8k16.row.col.f32.f16.f16 {%r0}, {%r1}, {%r2}, {%r3};",
                  "8:3", "four types");
  const std::string m8_regs = " {%r0, %r1}, {%r2}, {%r3}, {%r4, %r5};";
  expect_error_at(std::string(kRegs) + "  mma.sync.aligned.m8n8k128.row.col.s32.b1.b1.s32" + m8_regs, "8:3",
                  ".and.popc or .xor.popc");
  expect_error_at(std::string(kRegs) + "  mma.sync.aligned.m8n8k32.row.col.s32.s4.s4.s32.and.popc" + m8_regs, "8:3",
                  ".and.popc or .xor.popc");
  expect_error_at(std::string(kRegs) + "  mma.sync.aligned.m8n8k128.row.col.satfinite.s32.b1.b1.s32.and.popc" + m8_regs,
                  "8:3", "satfinite");
  expect_error_at(std::string(kRegs) + "  mma.sync.aligned.m8n8k32.row.col.s32.s4.s8.s32" + m8_regs, "8:3",
                  "A/B types");
  expect_error_at(std::string(kRegs) + "  ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%r0, %r1}, [%rd0];", "8:44",
                  "needs a vector of 4 registers");
  expect_error_at(std::string(kRegs) + "  ldmatrix.sync.aligned.m8n8.x3.shared.b16 {%r0}, [%rd0];", "8:3", ".x1, .x2 or .x4");
  expect_error_at(std::string(kRegs) + "  wmma.load.a.sync.aligned.row.m8n8k32.f16 {%r0}, [%rd0], 16;", "8:3",
                  "shape");
  expect_error_at(std::string(kRegs) + "  wmma.load.a.sync.aligned.row.m32n8k16.f16 {%r0}, [%rd0], 16;", "8:45",
                  "needs a vector of 8 registers");
  expect_error_at(std::string(kRegs) + "  wmma.load.b.sync.aligned.row.m32n8k16.s8 {%r0, %r1}, [%rd0], 16;", "8:44",
                  "needs a vector of 1 registers");
  expect_error_at(std::string(kRegs) + "  wmma.load.a.sync.aligned.row.m8n32k16.tf32 {%r0}, [%rd0], 16;", "8:3",
                  "fragment type");
  expect_error_at(std::string(kRegs) + "  wmma.load.a.sync.aligned.row.m16n16k8.f16 {%r0}, [%rd0], 16;", "8:3",
                  "fragment type");
}

}  // namespace
}  // namespace canopy::compiler::test
