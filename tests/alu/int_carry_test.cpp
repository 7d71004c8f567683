// The CC carry chain: add.cc/addc/subc/madc compose into wide arithmetic.
#include <random>

#include "tests/alu/int_test_support.h"

namespace canopy::gpu::alu::testing {
namespace {

using u128 = unsigned __int128;

isa::Instr carry_instr(Opcode op, DataType t, bool in, bool out, int nsrc = 2) {
  isa::Instr i = make_instr(op, t, nsrc);
  i.mods.carry_in = in;
  i.mods.carry_out = out;
  return i;
}

std::vector<u128> wide_values() {
  std::vector<u128> v = {0,
                         1,
                         ~u128{0},
                         u128{1} << 64,
                         (u128{1} << 64) - 1,
                         u128{1} << 127,
                         ~u128{0} >> 1,
                         u128{0xffffffffu} << 32};
  std::mt19937_64 rng(99);
  while (v.size() < 32) v.push_back((u128{rng()} << 64) | rng());
  return v;
}

// Runs one limb step of a chain on every lane; the rig's carry flows from step to step.
void step(Rig<32>& rig, const isa::Instr& in, const std::array<uint64_t, 32>& a,
          const std::array<uint64_t, 32>& b, std::array<uint64_t, 32>& d) {
  AluHandler<32> h = select<32>(in);
  ASSERT_NE(h, nullptr);
  rig.src[0] = a;
  rig.src[1] = b;
  rig.run(h, in);
  d = rig.dst[0];
}

std::array<uint64_t, 32> limb(const std::vector<u128>& v, int shift, int bits, int offset) {
  std::array<uint64_t, 32> r{};
  for (int l = 0; l < 32; ++l)
    r[l] = truncate(static_cast<uint64_t>(v[(l + offset) % v.size()] >> shift), bits);
  return r;
}

TEST(IntCarry, Add128From64BitLimbs) {
  auto v = wide_values();
  for (Opcode first : {Opcode::Add, Opcode::AddC}) {  // add.cc may arrive as either opcode
    Rig<32> rig;
    std::array<uint64_t, 32> lo{}, hi{};
    step(rig, carry_instr(first, DataType::U64, false, true), limb(v, 0, 64, 0), limb(v, 0, 64, 5), lo);
    step(rig, carry_instr(Opcode::AddC, DataType::U64, true, false), limb(v, 64, 64, 0), limb(v, 64, 64, 5),
         hi);
    for (int l = 0; l < 32; ++l) {
      u128 want = v[l % v.size()] + v[(l + 5) % v.size()];
      EXPECT_EQ(lo[l], static_cast<uint64_t>(want)) << l;
      EXPECT_EQ(hi[l], static_cast<uint64_t>(want >> 64)) << l;
    }
  }
}

TEST(IntCarry, AddAndSub128From32BitLimbs) {
  auto v = wide_values();
  for (bool subtract : {false, true}) {
    Opcode plain = subtract ? Opcode::Sub : Opcode::Add, chained = subtract ? Opcode::SubC : Opcode::AddC;
    Rig<32> rig;
    std::array<std::array<uint64_t, 32>, 4> d{};
    for (int k = 0; k < 4; ++k) {
      isa::Instr in = carry_instr(k == 0 ? plain : chained, DataType::U32, k > 0, k < 3);
      step(rig, in, limb(v, 32 * k, 32, 0), limb(v, 32 * k, 32, 11), d[k]);
    }
    for (int l = 0; l < 32; ++l) {
      u128 a = v[l % v.size()], b = v[(l + 11) % v.size()];
      u128 want = subtract ? a - b : a + b;
      for (int k = 0; k < 4; ++k)
        EXPECT_EQ(d[k][l], truncate(static_cast<uint64_t>(want >> (32 * k)), 32)) << l;
    }
  }
}

TEST(IntCarry, SubCcSetsBorrowAndSubcConsumesIt) {
  Rig<32> rig;
  isa::Instr sub_cc = carry_instr(Opcode::Sub, DataType::U32, false, true);
  std::array<uint64_t, 32> a{}, b{}, d{};
  for (int l = 0; l < 32; ++l) {
    a[l] = l;
    b[l] = 16;
  }
  step(rig, sub_cc, a, b, d);
  EXPECT_EQ(rig.carry, 0xffffu);  // borrow where l < 16
  isa::Instr subc = carry_instr(Opcode::SubC, DataType::U32, true, false);
  step(rig, subc, a, b, d);
  EXPECT_EQ(d[0], 0xffffffffu - 16);  // 0 - 16 - 1
  EXPECT_EQ(d[20], 4u);
}

TEST(IntCarry, MadcHiLoBuildA64BitProductFrom32BitLimbs) {
  // (a1:a0) * b0 + c: lo = mad.lo.cc(a0, b0, c), hi = madc.hi(a0, b0, lo(a1 * b0)).
  std::mt19937_64 rng(5);
  Rig<32> rig;
  std::array<uint64_t, 32> a0{}, a1{}, b0{}, c{}, lo{}, cross{}, hi{};
  for (int l = 0; l < 32; ++l) {
    a0[l] = rng() & 0xffffffffu;
    a1[l] = rng() & 0xffffffffu;
    b0[l] = l == 0 ? 0xffffffffu : rng() & 0xffffffffu;
    c[l] = l == 0 ? 0xffffffffu : rng() & 0xffffffffu;
  }
  a0[0] = 0xffffffffu;
  isa::Instr mul_lo = make_instr(Opcode::Mul, DataType::U32, 2);
  step(rig, mul_lo, a1, b0, cross);
  isa::Instr mad_lo_cc = carry_instr(Opcode::Mad, DataType::U32, false, true, 3);
  rig.src[2] = c;
  step(rig, mad_lo_cc, a0, b0, lo);
  isa::Instr madc_hi = carry_instr(Opcode::MadC, DataType::U32, true, false, 3);
  madc_hi.mods.mul = isa::MulMode::Hi;
  rig.src[2] = cross;
  step(rig, madc_hi, a0, b0, hi);
  for (int l = 0; l < 32; ++l) {
    uint64_t a = (a1[l] << 32) | a0[l];
    uint64_t want = a * b0[l] + c[l];
    EXPECT_EQ(lo[l], want & 0xffffffffu) << l;
    EXPECT_EQ(hi[l], want >> 32) << l;
  }
}

TEST(IntCarry, OnlyActiveLanesWriteTheCarryFlag) {
  Rig<32> rig;
  isa::Instr add_cc = carry_instr(Opcode::AddC, DataType::U32, false, true);
  AluHandler<32> h = select<32>(add_cc);
  ASSERT_NE(h, nullptr);
  for (int l = 0; l < 32; ++l) {
    rig.src[0][l] = 0xffffffffu;
    rig.src[1][l] = 1;
  }
  rig.carry = 0x80000000u;
  rig.run(h, add_cc, 0x0000ffffu);
  EXPECT_EQ(rig.carry, 0x8000ffffu);
}

TEST(IntCarry, InvalidCarryFormsAreRejected) {
  EXPECT_NE(rejection(carry_instr(Opcode::AddC, DataType::U16, true, false)), "");
  isa::Instr sat = carry_instr(Opcode::AddC, DataType::S32, true, false);
  sat.mods.sat = true;
  EXPECT_NE(rejection(sat), "");
  isa::Instr wide = carry_instr(Opcode::MadC, DataType::U64, true, false, 3);
  wide.mods.mul = isa::MulMode::Wide;
  EXPECT_NE(rejection(wide), "");
}

}  // namespace
}  // namespace canopy::gpu::alu::testing
