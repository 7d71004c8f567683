// The float ALU through its selector: lane loops, exec masks, predicates, .ftz/.sat/NaN rules,
// min/max, comparisons (setp/set with bool ops and two destinations), testp and rejected forms.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gpu/alu/alu_internal.h"
#include "gpu/alu/float_ops.h"
#include "tests/alu/bare_instr.h"

namespace canopy::gpu {
namespace {

using isa::CmpOp;
using isa::DataType;
using isa::Opcode;

uint64_t f32(float x) { return fp::to_bits(x); }
uint64_t f64(double x) { return fp::to_bits(x); }
float as_f32(uint64_t s) { return fp::lane_value<float>(s); }

using alu_test::make;

struct Rows {
  std::array<std::array<uint64_t, 32>, 4> src{};
  std::array<uint64_t, 32> dst{};
  uint64_t pred0 = 0, pred1 = 0, pred_in = 0;
};

// Runs `in` on 32 lanes with exec; src rows given per lane.
AluHandler<32> must_select(const isa::Instr& in) {
  std::string why;
  AluHandler<32> h = alu::select_float_handler<32>(in, &why);
  EXPECT_NE(h, nullptr) << why;
  return h;
}

void run(const isa::Instr& in, Rows& r, uint64_t exec, bool pred_dst = false) {
  AluHandler<32> h = must_select(in);
  if (!h) return;
  AluOperands<32> o;
  for (int i = 0; i < 3; ++i) o.src[i] = r.src[i].data();
  o.src[2] = in.mods.boolop != isa::BoolOp::None ? &r.pred_in : r.src[2].data();
  o.dst[0] = pred_dst ? &r.pred0 : r.dst.data();
  o.dst[1] = &r.pred1;
  o.exec = exec;
  h(in, o);
}

TEST(FloatHandlers, AddF32WritesOnlyExecLanesZeroExtended) {
  Rows r;
  for (int l = 0; l < 32; ++l) {
    r.src[0][l] = f32(static_cast<float>(l));
    r.src[1][l] = f32(0.5f);
    r.dst[l] = 0xdeadbeefdeadbeefull;
  }
  run(make(Opcode::Add, DataType::F32, 2), r, 0x0000ffffu);
  for (int l = 0; l < 32; ++l) {
    if (l < 16) {
      EXPECT_EQ(r.dst[l], f32(l + 0.5f)) << l;
    } else {
      EXPECT_EQ(r.dst[l], 0xdeadbeefdeadbeefull) << l;
    }
  }
  run(make(Opcode::Add, DataType::F32, 2), r, ~uint64_t{0} >> 32);  // full mask path
  EXPECT_EQ(r.dst[31], f32(31.5f));
}

TEST(FloatHandlers, MulF64AndDirectedRoundingSelected) {
  Rows r;
  r.src[0][0] = f64(1.0);
  r.src[1][0] = f64(3.0);
  auto in = make(Opcode::Div, DataType::F64, 2);
  in.mods.rnd = isa::Rounding::Rz;
  run(in, r, 1);
  EXPECT_EQ(r.dst[0], 0x3fd5555555555555ull);
  in.mods.rnd = isa::Rounding::Rp;
  run(in, r, 1);
  EXPECT_EQ(r.dst[0], 0x3fd5555555555556ull);
}

TEST(FloatHandlers, FtzFlushesInputsAndResults) {
  const float sub = std::numeric_limits<float>::min() / 4;
  EXPECT_EQ(f32(fop::Add<float, fp::RoundMode::Rn, true, false>::apply(sub, 0.0f)), 0u);
  EXPECT_EQ(f32(fop::Add<float, fp::RoundMode::Rn, true, false>::apply(-sub, -0.0f)), 0x80000000u);
  EXPECT_EQ((fop::Add<float, fp::RoundMode::Rn, false, false>::apply(sub, 0.0f)), sub);
  // Result flush: min_normal * 0.5 is subnormal.
  EXPECT_EQ(
      f32(fop::Mul<float, fp::RoundMode::Rn, true, false>::apply(-std::numeric_limits<float>::min(), 0.5f)),
      0x80000000u);
  // Input flush happens before the operation: sub * 2^30 would be normal without .ftz.
  EXPECT_EQ((fop::Mul<float, fp::RoundMode::Rn, true, false>::apply(sub, 1073741824.0f)), 0.0f);
  EXPECT_EQ((fop::MinMax<float, false, true, false>::apply(sub, 1.0f)), 0.0f);
  EXPECT_EQ(f32(fop::Neg<float, true>::apply(sub)), 0x80000000u);
}

TEST(FloatHandlers, SatClampsAndMapsNanToPositiveZero) {
  using A = fop::Add<float, fp::RoundMode::Rn, false, true>;
  EXPECT_EQ(A::apply(0.75f, 0.75f), 1.0f);
  EXPECT_EQ(f32(A::apply(-0.75f, 0.25f)), 0u);
  EXPECT_EQ(f32(A::apply(-0.0f, -0.0f)), 0u);
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(f32(A::apply(inf, -inf)), 0u);
  EXPECT_EQ(A::apply(0.25f, 0.25f), 0.5f);
  EXPECT_EQ((fop::Fma<float, fp::RoundMode::Rz, false, true>::apply(2.0f, 2.0f, -3.5f)), 0.5f);
}

TEST(FloatHandlers, NanResultsAreCanonical) {
  const float nan_payload = fp::f32_from_bits(0xffc01234u);
  EXPECT_EQ(f32(fop::Add<float, fp::RoundMode::Rn, false, false>::apply(nan_payload, 1.0f)), 0x7fffffffu);
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(f32(fop::Mul<float, fp::RoundMode::Rn, false, false>::apply(0.0f, inf)), 0x7fffffffu);
  EXPECT_EQ(f32(fop::Sqrt<float, fp::RoundMode::Rz, false, false>::apply(-1.0f)), 0x7fffffffu);
  EXPECT_EQ(f64(fop::Div<double, fp::RoundMode::Rn, false, false>::apply(0.0, 0.0)), 0x7fffffffffffffffull);
  // Sign-bit operations keep the payload.
  EXPECT_EQ(f32(fop::Abs<float, false>::apply(nan_payload)), 0x7fc01234u);
  EXPECT_EQ(f32(fop::Neg<float, false>::apply(nan_payload)), 0x7fc01234u);
}

TEST(FloatHandlers, MinMaxNanAndSignedZeroRules) {
  using Min = fop::MinMax<float, false, false, false>;
  using Max = fop::MinMax<float, true, false, false>;
  using MinNan = fop::MinMax<float, false, false, true>;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(Min::apply(nan, 2.0f), 2.0f);
  EXPECT_EQ(Max::apply(3.0f, nan), 3.0f);
  EXPECT_EQ(f32(Min::apply(nan, nan)), 0x7fffffffu);
  EXPECT_EQ(f32(MinNan::apply(1.0f, nan)), 0x7fffffffu);
  EXPECT_EQ(f32(Min::apply(0.0f, -0.0f)), 0x80000000u);
  EXPECT_EQ(f32(Min::apply(-0.0f, 0.0f)), 0x80000000u);
  EXPECT_EQ(f32(Max::apply(-0.0f, 0.0f)), 0u);
  EXPECT_EQ(f32(Max::apply(0.0f, -0.0f)), 0u);
  EXPECT_EQ(Min::apply(-1.0f, 2.0f), -1.0f);
  EXPECT_EQ(Max::apply(-1.0f, 2.0f), 2.0f);
  EXPECT_EQ((fop::MinMax<double, true, false, false>::apply(-1e300, -1e299)), -1e299);
}

TEST(FloatHandlers, CopysignTakesSignOfFirstOperand) {
  EXPECT_EQ(fop::Copysign<float>::apply(-1.0f, 2.5f), -2.5f);
  EXPECT_EQ(fop::Copysign<double>::apply(1.0, -2.5), 2.5);
  EXPECT_EQ(f32(fop::Copysign<float>::apply(-0.0f, 0.0f)), 0x80000000u);
}

TEST(FloatHandlers, CompareTruthTableAgainstHost) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> vals = {-1.0f, 0.0f, -0.0f, 1.0f, nan, std::numeric_limits<float>::infinity()};
  for (float a : vals)
    for (float b : vals) {
      const bool un = std::isnan(a) || std::isnan(b);
      EXPECT_EQ((fop::compare<float, CmpOp::Eq>(a, b)), !un && a == b);
      EXPECT_EQ((fop::compare<float, CmpOp::Ne>(a, b)), !un && a != b);
      EXPECT_EQ((fop::compare<float, CmpOp::Lt>(a, b)), !un && a < b);
      EXPECT_EQ((fop::compare<float, CmpOp::Le>(a, b)), !un && a <= b);
      EXPECT_EQ((fop::compare<float, CmpOp::Gt>(a, b)), !un && a > b);
      EXPECT_EQ((fop::compare<float, CmpOp::Ge>(a, b)), !un && a >= b);
      EXPECT_EQ((fop::compare<float, CmpOp::Equ>(a, b)), un || a == b);
      EXPECT_EQ((fop::compare<float, CmpOp::Neu>(a, b)), un || a != b);
      EXPECT_EQ((fop::compare<float, CmpOp::Ltu>(a, b)), un || a < b);
      EXPECT_EQ((fop::compare<float, CmpOp::Leu>(a, b)), un || a <= b);
      EXPECT_EQ((fop::compare<float, CmpOp::Gtu>(a, b)), un || a > b);
      EXPECT_EQ((fop::compare<float, CmpOp::Geu>(a, b)), un || a >= b);
      EXPECT_EQ((fop::compare<float, CmpOp::Num>(a, b)), !un);
      EXPECT_EQ((fop::compare<float, CmpOp::Nan>(a, b)), un);
    }
}

TEST(FloatHandlers, SetpWritesBothPredicatesWithBoolOpUnderExec) {
  Rows r;
  for (int l = 0; l < 32; ++l) {
    r.src[0][l] = f32(static_cast<float>(l));
    r.src[1][l] = f32(10.0f);
  }
  r.src[0][3] = f32(std::numeric_limits<float>::quiet_NaN());
  auto in = make(Opcode::Setp, DataType::F32, 2, 2);
  in.mods.cmp = CmpOp::Lt;
  r.pred0 = r.pred1 = 0xffffffff00000000ull;
  run(in, r, 0xffffffffu, true);
  const uint64_t lt = 0x3ffu & ~uint64_t{8};
  EXPECT_EQ(r.pred0, 0xffffffff00000000ull | lt);
  EXPECT_EQ(r.pred1, 0xffffffff00000000ull | (0xffffffffu & ~lt));
  // setp.ltu.and p|q, a, b, c with a partial exec mask.
  in.mods.cmp = CmpOp::Ltu;
  in.mods.boolop = isa::BoolOp::And;
  in.nsrc = 3;
  r.pred_in = 0x0000000fu;
  r.pred0 = r.pred1 = 0;
  run(in, r, 0x00ff00ffu, true);
  EXPECT_EQ(r.pred0, 0x0000000fu);  // lanes 0-3 all < 10 (lane 3 NaN: unordered true)
  EXPECT_EQ(r.pred1, 0x0u);
}

TEST(FloatHandlers, SetProducesOneFloatOrAllOnes) {
  Rows r;
  r.src[0][0] = f64(1.0);
  r.src[1][0] = f64(2.0);
  r.src[0][1] = f64(3.0);
  r.src[1][1] = f64(2.0);
  auto in = make(Opcode::Set, DataType::F32, 2);
  in.type2 = DataType::F64;
  in.mods.cmp = CmpOp::Lt;
  run(in, r, 3);
  EXPECT_EQ(r.dst[0], 0x3f800000u);
  EXPECT_EQ(r.dst[1], 0u);
  in.type = DataType::U32;
  run(in, r, 3);
  EXPECT_EQ(r.dst[0], 0xffffffffu);
  in.mods.boolop = isa::BoolOp::Xor;
  in.nsrc = 3;
  r.pred_in = 3;
  run(in, r, 3);
  EXPECT_EQ(r.dst[0], 0u);
  EXPECT_EQ(r.dst[1], 0xffffffffu);
}

TEST(FloatHandlers, TestpClassesF32AndF64) {
  using isa::TestClass;
  const float vals[] = {0.0f, 1e-40f, 1.0f, std::numeric_limits<float>::infinity(),
                        std::numeric_limits<float>::quiet_NaN()};
  // finite, infinite, number, notanumber, normal, subnormal per value
  const bool want[5][6] = {
      {1, 0, 1, 0, 0, 0}, {1, 0, 1, 0, 0, 1}, {1, 0, 1, 0, 1, 0}, {0, 1, 1, 0, 0, 0}, {0, 0, 0, 1, 0, 0}};
  for (int i = 0; i < 5; ++i) {
    const float v = -vals[i];
    EXPECT_EQ((fop::test_class<float, TestClass::Finite>(v)), want[i][0]) << i;
    EXPECT_EQ((fop::test_class<float, TestClass::Infinite>(v)), want[i][1]) << i;
    EXPECT_EQ((fop::test_class<float, TestClass::Number>(v)), want[i][2]) << i;
    EXPECT_EQ((fop::test_class<float, TestClass::NotANumber>(v)), want[i][3]) << i;
    EXPECT_EQ((fop::test_class<float, TestClass::Normal>(v)), want[i][4]) << i;
    EXPECT_EQ((fop::test_class<float, TestClass::Subnormal>(v)), want[i][5]) << i;
    EXPECT_EQ((fop::test_class<double, TestClass::Subnormal>(static_cast<double>(v))), false);
  }
  Rows r;
  r.src[0][0] = f64(std::numeric_limits<double>::denorm_min());
  r.src[0][1] = f64(1.0);
  auto in = make(Opcode::Testp, DataType::F64, 1);
  in.mods.testp = TestClass::Subnormal;
  r.pred0 = 0xf0;
  run(in, r, 3, true);
  EXPECT_EQ(r.pred0, 0xf1u);
}

TEST(FloatHandlers, SelectorRejectsInvalidCombinations) {
  std::string why;
  auto in = make(Opcode::Add, DataType::F64, 2);
  in.mods.ftz = true;
  EXPECT_EQ(alu::select_float_handler<32>(in, &why), nullptr);
  EXPECT_FALSE(why.empty());
  in = make(Opcode::Add, DataType::F32, 2);
  in.mods.rnd = isa::Rounding::Rni;
  why.clear();
  EXPECT_EQ(alu::select_float_handler<64>(in, &why), nullptr);
  EXPECT_FALSE(why.empty());
  in = make(Opcode::Sin, DataType::F64, 1);
  EXPECT_EQ(alu::select_float_handler<32>(in, &why), nullptr);
  in = make(Opcode::Setp, DataType::F32, 2);
  in.mods.cmp = CmpOp::Hi;
  EXPECT_EQ(alu::select_float_handler<32>(in, &why), nullptr);
  in = make(Opcode::Add, DataType::S32, 2);
  EXPECT_EQ(alu::select_float_handler<32>(in, &why), nullptr);
  // Every f32/f64 rounded arithmetic form exists for both warp widths.
  for (Opcode op : {Opcode::Add, Opcode::Sub, Opcode::Mul, Opcode::Mad, Opcode::Fma, Opcode::Div, Opcode::Rcp,
                    Opcode::Sqrt})
    for (DataType t : {DataType::F32, DataType::F64})
      for (isa::Rounding rnd : {isa::Rounding::Rn, isa::Rounding::Rz, isa::Rounding::Rm, isa::Rounding::Rp}) {
        in = make(op, t, 2);
        in.mods.rnd = rnd;
        EXPECT_NE(alu::select_float_handler<32>(in, &why), nullptr) << why;
        EXPECT_NE(alu::select_float_handler<64>(in, &why), nullptr) << why;
      }
}

TEST(FloatHandlers, MadF32WithoutRoundingIsFused) {
  Rows r;
  const float x = 1.0f + std::ldexp(1.0f, -12);
  r.src[0][0] = f32(x);
  r.src[1][0] = f32(x);
  r.src[2][0] = f32(-1.0f);
  run(make(Opcode::Mad, DataType::F32, 3), r, 1);
  EXPECT_EQ(as_f32(r.dst[0]), static_cast<float>(std::ldexp(1.0, -11) + std::ldexp(1.0, -24)));
}

TEST(FloatHandlers, FullSelectorRoutesFloatFormsToFloatSide) {
  std::string why;
  auto check = [&](isa::Instr in) {
    EXPECT_EQ(select_alu_handler<32>(in, &why), alu::select_float_handler<32>(in, &why))
        << isa::info(in.op).mnemonic << " " << why;
  };
  auto setp = make(Opcode::Setp, DataType::F32, 2);
  setp.mods.cmp = CmpOp::Ltu;
  check(setp);
  check(make(Opcode::Min, DataType::F32, 2));
  check(make(Opcode::Abs, DataType::F64, 1));
  check(make(Opcode::Add, DataType::F32, 2));
  check(make(Opcode::Fma, DataType::F64, 3));
  auto cvt = make(Opcode::Cvt, DataType::F32, 1);
  cvt.type2 = DataType::S32;
  check(cvt);
}

}  // namespace
}  // namespace canopy::gpu
