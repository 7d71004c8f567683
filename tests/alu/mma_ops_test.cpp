// The arithmetic of the native mma (gpu/alu/mma_ops.h): accumulation in k order with one f32 rounding
// per step, exact products (bf16 products that leave f32's range overflow once), f16 results rounded
// once, tf32 operands cut to 19 bits, integer wraparound and .satfinite, and the type checks. Every
// lane holds the same values here, so the register images need no layout.
#include <gtest/gtest.h>

#include <array>
#include <cfenv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "gpu/alu/fp_soft.h"
#include "gpu/alu/mma_ops.h"

namespace canopy::gpu::alu {
namespace {

using isa::DataType;
using isa::MmaShape;

isa::Instr mma(MmaShape shape, DataType d, DataType ab, unsigned half = 0) {
  isa::Instr in;
  in.op = isa::Opcode::Mma;
  in.type = d;
  in.type2 = ab;
  in.mods.mma_shape = shape;
  in.mods.mma_half = static_cast<uint8_t>(half);
  in.ndst = 1;
  in.nsrc = 3;
  return in;
}

uint32_t f32_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

// Runs one mma with every lane's A, B, C register equal to a, b, c; returns lane 0's D.
uint64_t run(const isa::Instr& in, uint64_t a, uint64_t b, uint64_t c) {
  std::array<uint64_t, 32> ra, rb, rc, rd{};
  ra.fill(a), rb.fill(b), rc.fill(c);
  EXPECT_EQ(mma_check(in), "");
  mma_execute(in, ra.data(), rb.data(), rc.data(), rd.data());
  for (uint64_t v : rd) EXPECT_EQ(v, rd[0]);
  return rd[0];
}

uint64_t pair32(uint32_t lo, uint32_t hi) { return lo | uint64_t{hi} << 32; }
uint64_t four16(uint16_t v) { return v * 0x0001000100010001ull; }

TEST(MmaOps, F32AccumulatesInKOrderRoundingEachStep) {
  // 1 + 8 * 2^-24, one product at a time: each 2^-24 is half an ulp of 1 and rounds away (ties to even).
  // Summing the products first would give 1 + 2^-21.
  const uint32_t one = f32_bits(1.0f);
  uint64_t d = run(mma(MmaShape::M16n8k8, DataType::F32, DataType::F16), four16(0x0001), 0x3c003c00u,
                   pair32(one, one));
  EXPECT_EQ(d, pair32(one, one));
}

TEST(MmaOps, SumsBeyondDoublePrecisionAndSubnormalTiesRoundOnce) {
  // C = 2^100, eight products of 1: 2^100 + 1 needs 101 bits (inexact in double), and each fused step
  // rounds back to 2^100.
  const uint32_t big = f32_bits(0x1p100f);
  uint64_t d = run(mma(MmaShape::M16n8k8, DataType::F32, DataType::F16), four16(0x3c00), 0x3c003c00u,
                   pair32(big, big));
  EXPECT_EQ(d, pair32(big, big));
  // bf16 2^-75 * 2^-75 = 2^-150, half of f32's smallest subnormal: each step ties to even (0), where the
  // summed products would give 2^-147.
  d = run(mma(MmaShape::M16n8k8, DataType::F32, DataType::BF16), 0x1a001a00u, 0x1a001a00u, 0);
  EXPECT_EQ(d, 0u);
  // The same products onto the smallest subnormal: 2^-149 + 2^-150 ties to even, up to 2^-148; then each
  // 2^-148 + 2^-150 ties to even again, back to 2^-148 (summing first would give 2^-149 + 2^-147).
  const uint32_t tiny = 1;
  d = run(mma(MmaShape::M16n8k8, DataType::F32, DataType::BF16), 0x1a001a00u, 0x1a001a00u,
          pair32(tiny, tiny));
  EXPECT_EQ(d, pair32(2, 2));
}

TEST(MmaOps, HostRoundingModeDoesNotLeakIntoResults) {
  // The fast path computes in host doubles; with the host rounding upward the results stay those of
  // round-to-nearest-even (the 2^-24 ties of the first test, the 2^-150 ties above).
  ASSERT_EQ(std::fesetround(FE_UPWARD), 0);
  const uint32_t one = f32_bits(1.0f);
  const uint64_t d1 = run(mma(MmaShape::M16n8k8, DataType::F32, DataType::F16), four16(0x0001), 0x3c003c00u,
                          pair32(one, one));
  const uint64_t d2 = run(mma(MmaShape::M16n8k8, DataType::F32, DataType::BF16), 0x1a001a00u, 0x1a001a00u, 0);
  std::fesetround(FE_TONEAREST);
  EXPECT_EQ(d1, pair32(one, one));
  EXPECT_EQ(d2, 0u);
}

TEST(MmaOps, F32BitsWidenExactlyToDouble) {
  // fp::f32_bits_to_double (the accumulator's widening) against the host's own float -> double conversion,
  // for every exponent with several mantissas (subnormals included) and both signs.
  for (uint32_t e = 0; e < 255; ++e)
    for (uint32_t m : {0u, 1u, 2u, 3u, 0x400000u, 0x7fffffu, 0x123457u, 0x1u << 22 | 1u}) {
      for (uint32_t sign : {0u, 0x80000000u}) {
        const uint32_t bits = sign | e << 23 | m;
        float f;
        std::memcpy(&f, &bits, 4);
        const double want = f, got = fp::f32_bits_to_double(bits);
        EXPECT_EQ(std::memcmp(&want, &got, 8), 0) << std::hex << bits;
      }
    }
  EXPECT_TRUE(std::isinf(fp::f32_bits_to_double(0xff800000u)) && fp::f32_bits_to_double(0xff800000u) < 0);
  EXPECT_TRUE(std::isnan(fp::f32_bits_to_double(0x7fc00001u)));
}

TEST(MmaOps, F16AccumulatorIsRoundedOnceAtTheEnd) {
  // C = 1.0 (f16), 16 products of 2^-12: in f32 the sum is exact, 1 + 2^-8, then rounded to f16
  // (ulp 2^-10) once: 0x3c04. Rounding to f16 at each step would leave 1.0 (0x3c00).
  uint64_t d = run(mma(MmaShape::M16n8k16, DataType::F16, DataType::F16), four16(0x0c00), four16(0x3c00),
                   0x3c003c00u);
  EXPECT_EQ(d, 0x3c043c04u);
}

TEST(MmaOps, Bf16ProductsOverflowOnceAndNaNIsCanonical) {
  // 2^100 * 2^100 leaves f32's range: +inf (later exact finite products do not change it). inf * 0 gives
  // the canonical NaN.
  uint64_t d = run(mma(MmaShape::M16n8k8, DataType::F32, DataType::BF16), 0x71807180u, 0x71807180u, 0);
  EXPECT_EQ(d, pair32(0x7f800000u, 0x7f800000u));
  d = run(mma(MmaShape::M16n8k8, DataType::F32, DataType::BF16), 0x7f807f80u, 0, 0);
  EXPECT_EQ(d, pair32(0x7fffffffu, 0x7fffffffu));
}

TEST(MmaOps, Tf32UsesTheUpper19BitsOnly) {
  // A = 1 + 2^-10 with the 13 bits below tf32's mantissa set (ignored), B = 1, summed over k = 0..3.
  const uint32_t a = f32_bits(1.0f + 1.0f / 1024) | 0x1fffu;
  uint64_t d = run(mma(MmaShape::M16n8k4, DataType::F32, DataType::TF32), pair32(a, a), f32_bits(1.0f), 0);
  EXPECT_EQ(d, pair32(f32_bits(4.0f + 4.0f / 1024), f32_bits(4.0f + 4.0f / 1024)));
}

TEST(MmaOps, IntegerWrapsOrSaturates) {
  // m8n8k16 s8: 16 products of (-128)(-128) = 262144 added to INT32_MAX - 1000.
  isa::Instr in = mma(MmaShape::M8n8k16, DataType::S32, DataType::S8);
  const uint32_t c = 0x7fffffffu - 1000;
  uint64_t d = run(in, 0x80808080u, 0x80808080u, pair32(c, c));
  const uint32_t wrapped = c + 16u * 16384u;
  EXPECT_EQ(d, pair32(wrapped, wrapped));
  in.mods.sat = true;
  d = run(in, 0x80808080u, 0x80808080u, pair32(c, c));
  EXPECT_EQ(d, pair32(0x7fffffffu, 0x7fffffffu));
  // u8 x s8: 255 * -1 per product.
  in = mma(MmaShape::M8n8k16, DataType::S32, DataType::U8);
  in.mods.mma_btype = DataType::S8;
  d = run(in, 0xffffffffu, 0xffffffffu, 0);
  EXPECT_EQ(d, pair32(static_cast<uint32_t>(-255 * 16), static_cast<uint32_t>(-255 * 16)));
}

TEST(MmaOps, TypeChecksRejectWhatPtxDoesNotHave) {
  EXPECT_NE(mma_check(mma(MmaShape::M16n8k16, DataType::F16, DataType::BF16)), "");  // bf16 -> f16 D
  EXPECT_NE(mma_check(mma(MmaShape::M16n8k4, DataType::F32, DataType::F16)), "");
  EXPECT_NE(mma_check(mma(MmaShape::M8n8k16, DataType::S32, DataType::S8, 1)), "");   // M=8 has one half
  EXPECT_NE(mma_check(mma(MmaShape::M16n8k32, DataType::F32, DataType::S8)), "");
  isa::Instr sat = mma(MmaShape::M16n8k16, DataType::F32, DataType::F16);
  sat.mods.sat = true;
  EXPECT_NE(mma_check(sat), "");
  EXPECT_EQ(mma_check(mma(MmaShape::M16n8k16, DataType::F32, DataType::BF16, 1)), "");
}

TEST(MmaOps, LdmatrixFragments) {
  std::array<std::array<uint16_t, 8>, 8> m{};
  for (unsigned r = 0; r < 8; ++r)
    for (unsigned c = 0; c < 8; ++c) m[r][c] = static_cast<uint16_t>(r * 8 + c);
  EXPECT_EQ(ldmatrix_fragment(m, 0, false), 0x00010000u);
  EXPECT_EQ(ldmatrix_fragment(m, 7, false), 14u | 15u << 16);  // row 1, cols 6-7
  EXPECT_EQ(ldmatrix_fragment(m, 7, true), 49u | 57u << 16);   // rows 6-7, col 1
}

}  // namespace
}  // namespace canopy::gpu::alu
