// Integer arithmetic handlers against host references over edge values, both warp widths.
#include <limits>

#include "tests/alu/int_test_support.h"

namespace canopy::gpu::alu::testing {
namespace {

using i128 = __int128;
using u128 = unsigned __int128;

struct IntType {
  DataType type;
  unsigned bits;
  bool is_signed;
};
const IntType kIntTypes[] = {{DataType::U16, 16, false}, {DataType::S16, 16, true},
                             {DataType::U32, 32, false}, {DataType::S32, 32, true},
                             {DataType::U64, 64, false}, {DataType::S64, 64, true}};

// The value as the type reads it, exactly (128-bit, so every reference below is overflow-free).
i128 value(uint64_t v, const IntType& t) {
  return t.is_signed ? i128{sign_extend(v, t.bits)} : i128{truncate(v, t.bits)};
}
uint64_t wrap(i128 v, unsigned bits) { return truncate(static_cast<uint64_t>(static_cast<u128>(v)), bits); }
// The low `bits` of a product, computed in u128 (a u64 x u64 product can overflow i128).
uint64_t wrapped_product(uint64_t a, uint64_t b, const IntType& t) {
  return truncate(static_cast<uint64_t>(static_cast<u128>(value(a, t)) * static_cast<u128>(value(b, t))),
                  t.bits);
}
uint64_t all_ones(unsigned bits) { return truncate(~uint64_t{0}, bits); }

TEST(IntArith, AddSubWrapForEveryType) {
  for (const auto& t : kIntTypes) {
    auto vals = edge_values(t.bits);
    check_all(make_instr(Opcode::Add, t.type, 2), vals,
              [&](const auto& s) { return wrap(value(s[0], t) + value(s[1], t), t.bits); });
    check_all(make_instr(Opcode::Sub, t.type, 2), vals,
              [&](const auto& s) { return wrap(value(s[0], t) - value(s[1], t), t.bits); });
  }
}

TEST(IntArith, AddSubSatS32Clamps) {
  IntType s32{DataType::S32, 32, true};
  auto clamp = [](i128 v) {
    v = v > INT32_MAX ? i128{INT32_MAX} : v < INT32_MIN ? i128{INT32_MIN} : v;
    return wrap(v, 32);
  };
  isa::Instr add = make_instr(Opcode::Add, DataType::S32, 2);
  add.mods.sat = true;
  check_all(add, edge_values(32), [&](const auto& s) { return clamp(value(s[0], s32) + value(s[1], s32)); });
  isa::Instr sub = make_instr(Opcode::Sub, DataType::S32, 2);
  sub.mods.sat = true;
  check_all(sub, edge_values(32), [&](const auto& s) { return clamp(value(s[0], s32) - value(s[1], s32)); });
}

TEST(IntArith, MulLoHiMatchTheFullProduct) {
  for (const auto& t : kIntTypes) {
    auto vals = edge_values(t.bits);
    isa::Instr lo = make_instr(Opcode::Mul, t.type, 2);
    check_all(lo, vals, [&](const auto& s) { return wrapped_product(s[0], s[1], t); });
    isa::Instr hi = lo;
    hi.mods.mul = isa::MulMode::Hi;
    check_all(hi, vals, [&](const auto& s) {
      // Unsigned 64x64 products can exceed i128; compute those in u128.
      if (!t.is_signed) return wrap(static_cast<i128>((u128(s[0]) * u128(s[1])) >> t.bits), t.bits);
      return wrap((value(s[0], t) * value(s[1], t)) >> t.bits, t.bits);
    });
  }
}

TEST(IntArith, MulWideTakesSourceTypeInType2) {
  const IntType sources[] = {kIntTypes[0], kIntTypes[1], kIntTypes[2], kIntTypes[3]};
  const DataType results[] = {DataType::U32, DataType::S32, DataType::U64, DataType::S64};
  for (int i = 0; i < 4; ++i) {
    const IntType& t = sources[i];
    isa::Instr mul = make_instr(Opcode::Mul, results[i], 2, t.type);
    mul.mods.mul = isa::MulMode::Wide;
    check_all(mul, edge_values(t.bits),
              [&](const auto& s) { return wrap(value(s[0], t) * value(s[1], t), 2 * t.bits); });
    isa::Instr mad = make_instr(Opcode::Mad, results[i], 3, t.type);
    mad.mods.mul = isa::MulMode::Wide;
    // c is of the wide type: use wide values for it.
    auto vals = edge_values(t.bits);
    auto wide = edge_values(2 * t.bits);
    vals.insert(vals.end(), wide.begin(), wide.begin() + 6);
    check_all(mad, vals, [&](const auto& s) {
      return wrap(value(s[0], t) * value(s[1], t) + i128{truncate(s[2], 2 * t.bits)}, 2 * t.bits);
    });
  }
}

TEST(IntArith, MadLoHiAndMadHiSatS32) {
  for (const auto& t : kIntTypes) {
    auto vals = edge_values(t.bits, 1);
    isa::Instr lo = make_instr(Opcode::Mad, t.type, 3);
    check_all(lo, vals,
              [&](const auto& s) { return truncate(wrapped_product(s[0], s[1], t) + s[2], t.bits); });
    isa::Instr hi = lo;
    hi.mods.mul = isa::MulMode::Hi;
    check_all(hi, vals, [&](const auto& s) {
      i128 high = t.is_signed ? (value(s[0], t) * value(s[1], t)) >> t.bits
                              : static_cast<i128>((u128(s[0]) * u128(s[1])) >> t.bits);
      return wrap(high + value(s[2], t), t.bits);
    });
  }
  IntType s32{DataType::S32, 32, true};
  isa::Instr sat = make_instr(Opcode::Mad, DataType::S32, 3);
  sat.mods.mul = isa::MulMode::Hi;
  sat.mods.sat = true;
  check_all(sat, edge_values(32, 1), [&](const auto& s) {
    i128 v = ((value(s[0], s32) * value(s[1], s32)) >> 32) + value(s[2], s32);
    v = v > INT32_MAX ? i128{INT32_MAX} : v < INT32_MIN ? i128{INT32_MIN} : v;
    return wrap(v, 32);
  });
}

TEST(IntArith, Mul24UsesLow24BitsAndHiIsBits47To16) {
  for (bool is_signed : {false, true}) {
    auto v24 = [&](uint64_t v) { return is_signed ? i128{sign_extend(v, 24)} : i128{truncate(v, 24)}; };
    DataType type = is_signed ? DataType::S32 : DataType::U32;
    auto vals = edge_values(32, 2);
    vals.push_back(0x00800000);
    vals.push_back(0x00ffffff);
    for (auto mode : {isa::MulMode::Lo, isa::MulMode::Hi}) {
      int shift = mode == isa::MulMode::Hi ? 16 : 0;
      isa::Instr mul = make_instr(Opcode::Mul24, type, 2);
      mul.mods.mul = mode;
      check_all(mul, vals, [&](const auto& s) { return wrap((v24(s[0]) * v24(s[1])) >> shift, 32); });
      isa::Instr mad = make_instr(Opcode::Mad24, type, 3);
      mad.mods.mul = mode;
      check_all(mad, vals, [&](const auto& s) {
        return wrap(((v24(s[0]) * v24(s[1])) >> shift) + i128{truncate(s[2], 32)}, 32);
      });
    }
  }
  isa::Instr sat = make_instr(Opcode::Mad24, DataType::S32, 3);
  sat.mods.mul = isa::MulMode::Hi;
  sat.mods.sat = true;
  check_all(sat, edge_values(32, 2), [&](const auto& s) {
    i128 v = ((i128{sign_extend(s[0], 24)} * sign_extend(s[1], 24)) >> 16) + sign_extend(s[2], 32);
    v = v > INT32_MAX ? i128{INT32_MAX} : v < INT32_MIN ? i128{INT32_MIN} : v;
    return wrap(v, 32);
  });
}

TEST(IntArith, SadAbsNegMinMax) {
  for (const auto& t : kIntTypes) {
    auto vals = edge_values(t.bits, 1);
    check_all(make_instr(Opcode::Sad, t.type, 3), vals, [&](const auto& s) {
      i128 d = value(s[0], t) - value(s[1], t);
      return wrap((d < 0 ? -d : d) + value(s[2], t), t.bits);
    });
    check_all(make_instr(Opcode::Abs, t.type, 1), vals, [&](const auto& s) {
      i128 v = i128{sign_extend(s[0], t.bits)};
      return wrap(v < 0 ? -v : v, t.bits);
    });
    check_all(make_instr(Opcode::Neg, t.type, 1), vals,
              [&](const auto& s) { return wrap(-value(s[0], t), t.bits); });
    check_all(make_instr(Opcode::Min, t.type, 2), vals,
              [&](const auto& s) { return wrap(std::min(value(s[0], t), value(s[1], t)), t.bits); });
    check_all(make_instr(Opcode::Max, t.type, 2), vals,
              [&](const auto& s) { return wrap(std::max(value(s[0], t), value(s[1], t)), t.bits); });
  }
}

TEST(IntArith, DivRemTruncateAndDefineDivisionByZeroAndOverflow) {
  for (const auto& t : kIntTypes) {
    auto vals = edge_values(t.bits);
    i128 min = t.is_signed ? -(i128{1} << (t.bits - 1)) : 0;
    check_all(make_instr(Opcode::Div, t.type, 2), vals, [&](const auto& s) {
      i128 a = value(s[0], t), b = value(s[1], t);
      if (b == 0) return all_ones(t.bits);
      if (t.is_signed && a == min && b == -1) return wrap(min, t.bits);
      return wrap(a / b, t.bits);  // i128 division truncates toward zero, as PTX
    });
    check_all(make_instr(Opcode::Rem, t.type, 2), vals, [&](const auto& s) {
      i128 a = value(s[0], t), b = value(s[1], t);
      if (b == 0) return all_ones(t.bits);
      return wrap(a % b, t.bits);  // sign of the dividend, as PTX
    });
  }
}

TEST(IntArith, NarrowSourcesIgnoreBitsAboveTheType) {
  // An s32 immediate may arrive sign-extended to 64 bits; only the low 32 bits count.
  IntType s32{DataType::S32, 32, true};
  std::vector<uint64_t> vals = {0xffffffffffffffffu, 0xffffffff80000000u, 5, 0x7fffffff};
  check_all(make_instr(Opcode::Min, DataType::S32, 2), vals,
            [&](const auto& s) { return wrap(std::min(value(s[0], s32), value(s[1], s32)), 32); });
  check_all(make_instr(Opcode::Div, DataType::U32, 2), vals, [&](const auto& s) {
    uint64_t a = truncate(s[0], 32), b = truncate(s[1], 32);
    return b == 0 ? uint64_t{0xffffffff} : a / b;
  });
}

TEST(IntArith, InactiveLanesKeepTheirValues) {
  isa::Instr in = make_instr(Opcode::Add, DataType::U32, 2);
  AluHandler<32> h = select<32>(in);
  ASSERT_NE(h, nullptr);
  Rig<32> rig;
  for (int l = 0; l < 32; ++l) {
    rig.src[0][l] = l;
    rig.src[1][l] = 100;
    rig.dst[0][l] = 0xdeadbeefdeadbeefu;
  }
  uint64_t exec = 0xa5a5a5a5u;
  rig.run(h, in, exec);
  for (int l = 0; l < 32; ++l) {
    uint64_t want = (exec >> l) & 1 ? uint64_t(l + 100) : 0xdeadbeefdeadbeefu;
    EXPECT_EQ(rig.dst[0][l], want) << "lane " << l;
  }
}

TEST(IntArith, DivisionOnInactiveLanesDoesNotTrap) {
  // Every lane divides INT_MIN by -1 or by zero; only lane 3 is active.
  for (DataType t : {DataType::S32, DataType::S64}) {
    isa::Instr in = make_instr(Opcode::Div, t, 2);
    AluHandler<64> h = select<64>(in);
    ASSERT_NE(h, nullptr);
    Rig<64> rig;
    unsigned bits = isa::bit_width(t);
    for (int l = 0; l < 64; ++l) {
      rig.src[0][l] = truncate(uint64_t{1} << (bits - 1), bits);
      rig.src[1][l] = l % 2 ? truncate(~uint64_t{0}, bits) : 0;
    }
    rig.run(h, in, uint64_t{1} << 3);
    EXPECT_EQ(rig.dst[0][3], truncate(uint64_t{1} << (bits - 1), bits));
    EXPECT_EQ(rig.dst[0][2], 0u);
  }
}

TEST(IntArith, InvalidCombinationsAreRejectedWithAReason) {
  isa::Instr sat_u32 = make_instr(Opcode::Add, DataType::U32, 2);
  sat_u32.mods.sat = true;
  EXPECT_NE(rejection(sat_u32), "");
  EXPECT_NE(rejection(make_instr(Opcode::Add, DataType::U8, 2)), "");
  EXPECT_NE(rejection(make_instr(Opcode::Div, DataType::None, 2)), "");
  isa::Instr wide64 = make_instr(Opcode::Mul, DataType::U64, 2, DataType::U64);
  wide64.mods.mul = isa::MulMode::Wide;
  EXPECT_NE(rejection(wide64), "");
  isa::Instr wide_no_type2 = make_instr(Opcode::Mul, DataType::S64, 2);
  wide_no_type2.mods.mul = isa::MulMode::Wide;
  EXPECT_NE(rejection(wide_no_type2), "");
  isa::Instr wide_mixed = make_instr(Opcode::Mul, DataType::U64, 2, DataType::S32);
  wide_mixed.mods.mul = isa::MulMode::Wide;
  EXPECT_NE(rejection(wide_mixed), "");
  isa::Instr mad_lo_sat = make_instr(Opcode::Mad, DataType::S32, 3);
  mad_lo_sat.mods.sat = true;
  EXPECT_NE(rejection(mad_lo_sat), "");
  EXPECT_NE(rejection(make_instr(Opcode::Mul24, DataType::U64, 2)), "");
}

TEST(IntArith, FloatTypesAreLeftToTheFloatSide) {
  for (Opcode op : {Opcode::Add, Opcode::Sub, Opcode::Mul, Opcode::Mad, Opcode::Div, Opcode::Abs, Opcode::Neg,
                    Opcode::Min, Opcode::Max, Opcode::Setp}) {
    for (DataType t : {DataType::F32, DataType::F64, DataType::F16, DataType::F16x2}) {
      std::string why;
      EXPECT_EQ(select_integer_handler<32>(make_instr(op, t, 2), &why), nullptr);
      EXPECT_EQ(why, "") << isa::info(op).mnemonic;
    }
  }
  for (Opcode op : {Opcode::Cvt, Opcode::Fma, Opcode::Rcp, Opcode::Sqrt, Opcode::Ex2, Opcode::Testp,
                    Opcode::Copysign, Opcode::Ld, Opcode::Bra}) {
    std::string why;
    EXPECT_EQ(select_integer_handler<64>(make_instr(op, DataType::S32, 1), &why), nullptr);
    EXPECT_EQ(why, "");
  }
}

}  // namespace
}  // namespace canopy::gpu::alu::testing
