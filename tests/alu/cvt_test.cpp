// cvt: every category of conversion against independent references (tables of every f16 value,
// bf16/tf32 bit tricks, exact integer comparisons, host conversions), rounding modes, .sat, .ftz,
// NaN and the selector's validation.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "gpu/alu/alu_internal.h"
#include "gpu/alu/cvt_ops.h"

namespace canopy::gpu {
namespace {

using cvt::convert;
using isa::DataType;
using isa::Rounding;

uint64_t f32(float x) { return fp::to_bits(x); }
float as_f32(uint64_t s) { return fp::lane_value<float>(s); }

// f16 value of bits, from the IEEE definition.
double f16_value(uint16_t h) {
  const int e = (h >> 10) & 0x1f, m = h & 0x3ff;
  const double v = e == 0 ? std::ldexp(m, -24) : std::ldexp(1024 + m, e - 25);
  return (h & 0x8000) ? -v : v;
}

TEST(Cvt, F16ToF32IsExactForEveryValue) {
  for (uint32_t h = 0; h < 0x10000; ++h) {
    const uint64_t got = convert<DataType::F32, DataType::F16, Rounding::None>(h, false, false);
    const int e = (h >> 10) & 0x1f;
    if (e == 0x1f && (h & 0x3ff)) {
      EXPECT_EQ(got, 0x7fffffffu) << h;
    } else if (e == 0x1f) {
      EXPECT_EQ(as_f32(got), (h & 0x8000) ? -INFINITY : INFINITY);
    } else {
      EXPECT_EQ(got, f32(static_cast<float>(f16_value(static_cast<uint16_t>(h))))) << h;
    }
  }
}

// Reference f32 -> f16 rounding: neighbours from the table of all finite f16 values.
uint16_t ref_to_f16(float x, Rounding r) {
  if (std::isnan(x)) return 0x7fff;
  const bool neg = std::signbit(x);
  const double a = std::fabs(static_cast<double>(x));
  const uint16_t sign = neg ? 0x8000 : 0;
  if (std::isinf(x)) return sign | 0x7c00;
  // Magnitudes 0..0x7bff are increasing with the bit pattern.
  uint16_t lo = 0, hi = 0x7bff;  // largest finite lo with value <= a (values grow with the bits)
  while (lo < hi) {
    const uint16_t mid = static_cast<uint16_t>((lo + hi + 1) / 2);
    if (f16_value(mid) <= a)
      lo = mid;
    else
      hi = static_cast<uint16_t>(mid - 1);
  }
  const double vlo = f16_value(lo);
  if (vlo == a) return sign | lo;
  const bool toward_inf_mag = (r == Rounding::Rp && !neg) || (r == Rounding::Rm && neg);
  if (lo == 0x7bff) {  // above max finite
    const bool rn_inf = a >= 65520.0;
    if (r == Rounding::Rn) return sign | (rn_inf ? 0x7c00 : 0x7bff);
    return sign | (toward_inf_mag ? 0x7c00 : 0x7bff);
  }
  const double vhi = f16_value(lo + 1);
  if (r == Rounding::Rz) return sign | lo;
  if (r == Rounding::Rp || r == Rounding::Rm) return sign | (toward_inf_mag ? lo + 1 : lo);
  const double dlo = a - vlo, dhi = vhi - a;
  if (dlo < dhi) return sign | lo;
  if (dhi < dlo) return sign | (lo + 1);
  return sign | ((lo & 1) ? lo + 1 : lo);
}

template <Rounding R>
void check_f32_to_f16(const std::vector<float>& xs) {
  for (float x : xs)
    EXPECT_EQ((convert<DataType::F16, DataType::F32, R>(f32(x), false, false)), ref_to_f16(x, R))
        << std::hexfloat << x << " mode " << static_cast<int>(R);
}

TEST(Cvt, F32ToF16AllModesIncludingSubnormalsAndOverflow) {
  std::vector<float> xs = {0.0f,
                           -0.0f,
                           1.0f,
                           65504.0f,
                           65519.0f,
                           65520.0f,
                           70000.0f,
                           -65520.0f,
                           1e30f,
                           std::ldexp(1.0f, -24),
                           std::ldexp(1.0f, -25),
                           std::ldexp(1.5f, -25),
                           std::ldexp(3.0f, -26),
                           std::ldexp(1.0f, -26),
                           6.1e-5f,
                           -6.0e-5f,
                           0.1f,
                           -0.3333f,
                           1.0009765625f,
                           1.00048828125f,
                           std::numeric_limits<float>::denorm_min(),
                           std::numeric_limits<float>::infinity()};
  std::mt19937_64 rng(7);
  for (int i = 0; i < 3000; ++i) {
    // Random values spanning the f16 range, with extra low bits for ties and sticky bits.
    const float x =
        std::ldexp(static_cast<float>(rng() % (1u << 24)) / (1u << 23), static_cast<int>(rng() % 46) - 30);
    xs.push_back((i & 1) ? -x : x);
  }
  check_f32_to_f16<Rounding::Rn>(xs);
  check_f32_to_f16<Rounding::Rz>(xs);
  check_f32_to_f16<Rounding::Rm>(xs);
  check_f32_to_f16<Rounding::Rp>(xs);
  EXPECT_EQ((convert<DataType::F16, DataType::F32, Rounding::Rn>(f32(NAN), false, false)), 0x7fffu);
}

TEST(Cvt, F32ToBf16MatchesBitTricks) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 100000; ++i) {
    const uint32_t b = static_cast<uint32_t>(rng());
    const float x = fp::f32_from_bits(b);
    if (std::isnan(x)) {
      EXPECT_EQ((convert<DataType::BF16, DataType::F32, Rounding::Rn>(b, false, false)), 0x7fffu);
      continue;
    }
    const uint32_t rn = (b + 0x7fff + ((b >> 16) & 1)) >> 16;
    const uint32_t rz = b >> 16;
    const bool inexact = (b & 0xffff) != 0, neg = (b >> 31) != 0;
    const uint32_t away = rz + 1;  // magnitude step (carries into the exponent correctly)
    EXPECT_EQ((convert<DataType::BF16, DataType::F32, Rounding::Rn>(b, false, false)), rn) << std::hex << b;
    EXPECT_EQ((convert<DataType::BF16, DataType::F32, Rounding::Rz>(b, false, false)), rz) << std::hex << b;
    EXPECT_EQ((convert<DataType::BF16, DataType::F32, Rounding::Rp>(b, false, false)),
              inexact && !neg ? away : rz);
    EXPECT_EQ((convert<DataType::BF16, DataType::F32, Rounding::Rm>(b, false, false)),
              inexact && neg ? away : rz);
    // bf16 -> f32 is exact: the high half.
    EXPECT_EQ((convert<DataType::F32, DataType::BF16, Rounding::None>(rz, false, false)),
              std::isnan(fp::f32_from_bits(rz << 16)) ? 0x7fffffffu : rz << 16);
  }
}

TEST(Cvt, Tf32RoundsToNearestAwayKeepingF32Layout) {
  std::mt19937_64 rng(13);
  for (int i = 0; i < 100000; ++i) {
    const uint32_t b = static_cast<uint32_t>(rng());
    const uint64_t got = convert<DataType::TF32, DataType::F32, Rounding::Rna>(b, false, false);
    if (std::isnan(fp::f32_from_bits(b))) {
      EXPECT_EQ(got, 0x7fffe000u);
      continue;
    }
    uint32_t want = (b + 0x1000) & 0xffffe000u;
    if (((b >> 23) & 0xff) == 0xff) want = b;  // infinity stays
    EXPECT_EQ(got, want) << std::hex << b;
    EXPECT_EQ((convert<DataType::TF32, DataType::F32, Rounding::Rz>(b, false, false)),
              ((b >> 23) & 0xff) == 0xff ? b : b & 0xffffe000u);
  }
}

// Directed reference for int -> float via exact comparison of integer-valued floats.
template <class T>
int compare_exact(T f, bool neg, uint64_t mag) {  // sign of f - value
  const double fd = static_cast<double>(f);
  const double limit = 18446744073709551616.0;
  if (neg) {
    if (fd > 0) return 1;
    const double af = -fd;
    if (af >= limit) return -1;
    const uint64_t m = static_cast<uint64_t>(af);
    return m == mag ? 0 : (m > mag ? -1 : 1);
  }
  if (fd < 0) return -1;
  if (fd >= limit) return 1;
  const uint64_t m = static_cast<uint64_t>(fd);
  return m == mag ? 0 : (m > mag ? 1 : -1);
}

template <class T>
T ref_int_to_float(bool neg, uint64_t mag, Rounding r) {
  const T rn = neg ? -static_cast<T>(mag) : static_cast<T>(mag);  // host conversion: round to nearest
  const int c = compare_exact(rn, neg, mag);
  const T inf = std::numeric_limits<T>::infinity();
  if (c == 0 || r == Rounding::Rn) return rn;
  if (r == Rounding::Rp) return c < 0 ? std::nextafter(rn, inf) : rn;
  if (r == Rounding::Rm) return c > 0 ? std::nextafter(rn, -inf) : rn;
  return (c > 0) != neg ? std::nextafter(rn, T(0)) : rn;  // rz: step toward zero if |rn| > |value|
}

TEST(Cvt, U64AndS64ToF32AndF64AreCorrectlyRoundedInEveryMode) {
  std::mt19937_64 rng(17);
  for (int i = 0; i < 40000; ++i) {
    uint64_t v = rng() >> (rng() % 64);
    if (i % 5 == 0) v |= 0x8000000000000000ull;
    if (i % 7 == 0) v = (v | 0xffffff0000000000ull) & ~uint64_t{0xff};  // ties near the top
    const int64_t s = static_cast<int64_t>(v);
    const uint64_t smag = s < 0 ? 0 - v : v;
    auto check = [&](auto r_tag) {
      constexpr Rounding R = decltype(r_tag)::value;
      EXPECT_EQ(as_f32(convert<DataType::F32, DataType::U64, R>(v, false, false)),
                ref_int_to_float<float>(false, v, R))
          << v;
      EXPECT_EQ(as_f32(convert<DataType::F32, DataType::S64, R>(v, false, false)),
                ref_int_to_float<float>(s < 0, smag, R))
          << s;
      EXPECT_EQ(fp::f64_from_bits(convert<DataType::F64, DataType::U64, R>(v, false, false)),
                ref_int_to_float<double>(false, v, R));
      EXPECT_EQ(fp::f64_from_bits(convert<DataType::F64, DataType::S64, R>(v, false, false)),
                ref_int_to_float<double>(s < 0, smag, R));
    };
    check(std::integral_constant<Rounding, Rounding::Rn>{});
    check(std::integral_constant<Rounding, Rounding::Rz>{});
    check(std::integral_constant<Rounding, Rounding::Rm>{});
    check(std::integral_constant<Rounding, Rounding::Rp>{});
  }
  EXPECT_EQ(as_f32(convert<DataType::F32, DataType::U64, Rounding::Rn>(~uint64_t{0}, false, false)),
            18446744073709551616.0f);
  EXPECT_EQ((convert<DataType::F16, DataType::S32, Rounding::Rn>(0xffffffffu, false, false)), 0xbc00u);  // -1
  EXPECT_EQ((convert<DataType::F16, DataType::U32, Rounding::Rz>(100000, false, false)), 0x7bffu);
  EXPECT_EQ((convert<DataType::F16, DataType::U32, Rounding::Rn>(100000, false, false)), 0x7c00u);
  EXPECT_EQ((convert<DataType::F32, DataType::S8, Rounding::Rn>(0x80, false, false)), f32(-128.0f));
  EXPECT_EQ((convert<DataType::F32, DataType::S32, Rounding::Rn>(0xfffffff6u, false, true)), 0u);  // .sat
  EXPECT_EQ((convert<DataType::F32, DataType::U32, Rounding::Rn>(7, false, true)), f32(1.0f));
}

template <DataType D, Rounding R>
uint64_t f2i(float x) {
  return convert<D, DataType::F32, R>(f32(x), false, false);
}

TEST(Cvt, FloatToIntRoundsThenSaturatesNanToZero) {
  EXPECT_EQ((f2i<DataType::S32, Rounding::Rni>(2.5f)), 2u);
  EXPECT_EQ((f2i<DataType::S32, Rounding::Rni>(3.5f)), 4u);
  EXPECT_EQ((f2i<DataType::S32, Rounding::Rni>(-2.5f)), 0xfffffffeu);
  EXPECT_EQ((f2i<DataType::S32, Rounding::Rzi>(-2.7f)), 0xfffffffeu);
  EXPECT_EQ((f2i<DataType::S32, Rounding::Rmi>(-2.1f)), 0xfffffffdu);
  EXPECT_EQ((f2i<DataType::S32, Rounding::Rpi>(2.1f)), 3u);
  EXPECT_EQ((f2i<DataType::S32, Rounding::Rzi>(NAN)), 0u);
  EXPECT_EQ((f2i<DataType::S32, Rounding::Rzi>(3e9f)), 0x7fffffffu);
  EXPECT_EQ((f2i<DataType::S32, Rounding::Rzi>(-3e9f)), 0x80000000u);
  EXPECT_EQ((f2i<DataType::S32, Rounding::Rzi>(-INFINITY)), 0x80000000u);
  EXPECT_EQ((f2i<DataType::U32, Rounding::Rzi>(-5.0f)), 0u);
  EXPECT_EQ((f2i<DataType::U8, Rounding::Rni>(300.0f)), 0xffu);
  EXPECT_EQ((f2i<DataType::S8, Rounding::Rni>(-300.0f)), 0x80u);
  EXPECT_EQ((f2i<DataType::S16, Rounding::Rni>(-1.0f)), 0xffffu);
  EXPECT_EQ((f2i<DataType::U64, Rounding::Rzi>(1.8446744e19f)), 0xffffffffffffffffull);
  EXPECT_EQ((f2i<DataType::S64, Rounding::Rzi>(-9.223372e18f)), 0x8000000000000000ull);
  EXPECT_EQ((f2i<DataType::S64, Rounding::Rzi>(9.3e18f)), 0x7fffffffffffffffull);
  EXPECT_EQ((convert<DataType::S32, DataType::F64, Rounding::Rni>(fp::to_bits(-2147483648.4), false, false)),
            0x80000000u);
  EXPECT_EQ((convert<DataType::U16, DataType::F16, Rounding::Rpi>(0x3c01, false, false)),
            2u);  // 1.000977 -> 2
  std::mt19937_64 rng(19);
  for (int i = 0; i < 50000; ++i) {
    const float x = std::ldexp(static_cast<float>(static_cast<int32_t>(rng())) / 2147483648.0f,
                               static_cast<int>(rng() % 40) - 4);
    const double clamp_lo = -2147483648.0, clamp_hi = 2147483647.0;
    auto want = [&](double v) {
      return static_cast<uint64_t>(
          static_cast<uint32_t>(static_cast<int32_t>(std::clamp(v, clamp_lo, clamp_hi))));
    };
    EXPECT_EQ((f2i<DataType::S32, Rounding::Rni>(x)), want(std::rint(x))) << x;
    EXPECT_EQ((f2i<DataType::S32, Rounding::Rzi>(x)), want(std::trunc(x))) << x;
    EXPECT_EQ((f2i<DataType::S32, Rounding::Rmi>(x)), want(std::floor(x))) << x;
    EXPECT_EQ((f2i<DataType::S32, Rounding::Rpi>(x)), want(std::ceil(x))) << x;
  }
}

TEST(Cvt, IntToIntExtendsTruncatesOrSaturates) {
  EXPECT_EQ((convert<DataType::S32, DataType::S8, Rounding::None>(0x80, false, false)), 0xffffff80u);
  EXPECT_EQ((convert<DataType::U32, DataType::S8, Rounding::None>(0x80, false, false)), 0xffffff80u);
  EXPECT_EQ((convert<DataType::S64, DataType::U16, Rounding::None>(0xffff, false, false)), 0xffffu);
  EXPECT_EQ((convert<DataType::S64, DataType::S32, Rounding::None>(0x80000000u, false, false)),
            0xffffffff80000000ull);
  EXPECT_EQ((convert<DataType::U8, DataType::U32, Rounding::None>(0x1234, false, false)), 0x34u);
  EXPECT_EQ((convert<DataType::U8, DataType::U32, Rounding::None>(0x1234, false, true)), 0xffu);
  EXPECT_EQ((convert<DataType::S8, DataType::S32, Rounding::None>(0xffffff00u, false, true)), 0x80u);
  EXPECT_EQ((convert<DataType::U32, DataType::S32, Rounding::None>(0xffffffffu, false, true)), 0u);
  EXPECT_EQ((convert<DataType::S32, DataType::U32, Rounding::None>(0xffffffffu, false, true)), 0x7fffffffu);
  EXPECT_EQ((convert<DataType::S64, DataType::U64, Rounding::None>(~uint64_t{0}, false, true)),
            0x7fffffffffffffffull);
  EXPECT_EQ((convert<DataType::U16, DataType::S64, Rounding::None>(0x12345, false, true)), 0xffffu);
  // Garbage above the source width is ignored.
  EXPECT_EQ((convert<DataType::S32, DataType::S16, Rounding::None>(0xabcd0005u, false, false)), 5u);
}

TEST(Cvt, FloatToFloatNarrowingWideningAndIntegralRounding) {
  const double third = 1.0 / 3.0;
  EXPECT_EQ((convert<DataType::F32, DataType::F64, Rounding::Rz>(fp::to_bits(third), false, false)),
            0x3eaaaaaau);
  EXPECT_EQ((convert<DataType::F32, DataType::F64, Rounding::Rp>(fp::to_bits(third), false, false)),
            0x3eaaaaabu);
  EXPECT_EQ((convert<DataType::F32, DataType::F64, Rounding::Rz>(fp::to_bits(1e300), false, false)),
            0x7f7fffffu);
  EXPECT_EQ((convert<DataType::F32, DataType::F64, Rounding::Rn>(fp::to_bits(1e-50), false, false)), 0u);
  EXPECT_EQ((convert<DataType::F32, DataType::F64, Rounding::Rp>(fp::to_bits(1e-50), false, false)), 1u);
  EXPECT_EQ((convert<DataType::F32, DataType::F64, Rounding::Rp>(fp::to_bits(1e-50), true, false)),
            0u);  // ftz
  EXPECT_EQ((convert<DataType::F64, DataType::F32, Rounding::None>(f32(0.1f), false, false)),
            fp::to_bits(static_cast<double>(0.1f)));
  EXPECT_EQ((convert<DataType::F64, DataType::F32, Rounding::None>(f32(1e-40f), true, false)),
            0u);  // ftz input
  EXPECT_EQ((convert<DataType::F64, DataType::F16, Rounding::None>(0x0001, false, false)),
            fp::to_bits(std::ldexp(1.0, -24)));
  EXPECT_EQ((convert<DataType::F32, DataType::F32, Rounding::Rni>(f32(2.5f), false, false)), f32(2.0f));
  EXPECT_EQ((convert<DataType::F32, DataType::F32, Rounding::Rni>(f32(-0.5f), false, false)), f32(-0.0f));
  EXPECT_EQ((convert<DataType::F32, DataType::F32, Rounding::Rpi>(f32(-0.5f), false, false)), f32(-0.0f));
  EXPECT_EQ((convert<DataType::F64, DataType::F64, Rounding::Rmi>(fp::to_bits(-0.5), false, false)),
            fp::to_bits(-1.0));
  EXPECT_EQ((convert<DataType::F16, DataType::F16, Rounding::Rzi>(0x3e00, false, false)),
            0x3c00u);  // 1.5 -> 1
  EXPECT_EQ((convert<DataType::F32, DataType::F32, Rounding::None>(f32(1e-40f), true, false)), 0u);
  EXPECT_EQ((convert<DataType::F32, DataType::F32, Rounding::None>(f32(-1e-40f), true, false)), 0x80000000u);
  EXPECT_EQ((convert<DataType::F32, DataType::F32, Rounding::None>(f32(NAN), false, false)), 0x7fffffffu);
  EXPECT_EQ((convert<DataType::F32, DataType::F32, Rounding::None>(f32(-3.0f), false, true)), 0u);
  EXPECT_EQ((convert<DataType::F32, DataType::F32, Rounding::None>(f32(NAN), false, true)), 0u);
  EXPECT_EQ((convert<DataType::F16, DataType::F32, Rounding::Rn>(f32(7.0f), false, true)), 0x3c00u);
  EXPECT_EQ((convert<DataType::BF16, DataType::F16, Rounding::Rn>(0x3c00, false, false)), 0x3f80u);
  EXPECT_EQ((convert<DataType::F16, DataType::BF16, Rounding::Rn>(0x4780, false, false)), 0x7c00u);  // 65536
  EXPECT_EQ((convert<DataType::F16, DataType::BF16, Rounding::Rz>(0x4780, false, false)), 0x7bffu);
  // f64 -> f32 random values in all modes against host conversion plus exact comparison.
  std::mt19937_64 rng(23);
  for (int i = 0; i < 40000; ++i) {
    const double d = std::ldexp(fp::f64_from_bits((rng() & 0x800fffffffffffffull) | 0x3ff0000000000000ull),
                                static_cast<int>(rng() % 320) - 170);
    const float rn = static_cast<float>(d);
    const double diff = static_cast<double>(rn) - d;  // sign only matters
    const float up = diff < 0 ? std::nextafter(rn, INFINITY) : rn;
    const float down = diff > 0 ? std::nextafter(rn, -INFINITY) : rn;
    EXPECT_EQ(as_f32(convert<DataType::F32, DataType::F64, Rounding::Rn>(fp::to_bits(d), false, false)), rn);
    if (!std::isinf(rn)) {
      EXPECT_EQ(as_f32(convert<DataType::F32, DataType::F64, Rounding::Rp>(fp::to_bits(d), false, false)), up)
          << d;
      EXPECT_EQ(as_f32(convert<DataType::F32, DataType::F64, Rounding::Rm>(fp::to_bits(d), false, false)),
                down)
          << d;
      EXPECT_EQ(as_f32(convert<DataType::F32, DataType::F64, Rounding::Rz>(fp::to_bits(d), false, false)),
                d > 0 ? down : up);
    }
  }
}

TEST(Cvt, SelectorAcceptsValidAndRejectsInvalidCombinations) {
  auto sel = [](DataType d, DataType s, Rounding r) {
    isa::Instr in;
    in.op = isa::Opcode::Cvt;
    in.type = d;
    in.type2 = s;
    in.mods.rnd = r;
    in.ndst = in.nsrc = 1;
    std::string why;
    return alu::select_float_handler<32>(in, &why) != nullptr;
  };
  const DataType ints[] = {DataType::U8,  DataType::U16, DataType::U32, DataType::U64, DataType::S8,
                           DataType::S16, DataType::S32, DataType::S64, DataType::B32};
  const DataType floats[] = {DataType::F16, DataType::BF16, DataType::F32, DataType::F64};
  for (DataType a : ints)
    for (DataType b : ints) {
      EXPECT_TRUE(sel(a, b, Rounding::None));
      EXPECT_FALSE(sel(a, b, Rounding::Rn));
    }
  for (DataType i : ints)
    for (DataType f : floats) {
      EXPECT_TRUE(sel(i, f, Rounding::Rzi));
      EXPECT_FALSE(sel(i, f, Rounding::None));
      EXPECT_FALSE(sel(i, f, Rounding::Rn));
      EXPECT_TRUE(sel(f, i, Rounding::Rm));
      EXPECT_FALSE(sel(f, i, Rounding::Rni));
    }
  EXPECT_TRUE(sel(DataType::F16, DataType::F32, Rounding::Rz));
  EXPECT_TRUE(sel(DataType::F32, DataType::F16, Rounding::None));
  EXPECT_TRUE(sel(DataType::F32, DataType::F32, Rounding::Rpi));
  EXPECT_FALSE(sel(DataType::F32, DataType::F32, Rounding::Rz));
  EXPECT_TRUE(sel(DataType::TF32, DataType::F32, Rounding::Rna));
  EXPECT_FALSE(sel(DataType::TF32, DataType::F64, Rounding::Rna));
  EXPECT_FALSE(sel(DataType::F32, DataType::F64, Rounding::Rna));
  EXPECT_FALSE(sel(DataType::F16x2, DataType::F32, Rounding::Rn));
  EXPECT_FALSE(sel(DataType::F32, DataType::Pred, Rounding::Rn));
}

TEST(Cvt, HandlerConvertsExecLanesOnly) {
  isa::Instr in;
  in.op = isa::Opcode::Cvt;
  in.type = DataType::S32;
  in.type2 = DataType::F32;
  in.mods.rnd = Rounding::Rni;
  std::string why;
  AluHandler<64> h = alu::select_float_handler<64>(in, &why);
  ASSERT_NE(h, nullptr) << why;
  uint64_t src[64], dst[64];
  for (int l = 0; l < 64; ++l) {
    src[l] = f32(static_cast<float>(l) - 31.5f);
    dst[l] = 77;
  }
  AluOperands<64> o;
  o.src[0] = src;
  o.dst[0] = dst;
  o.exec = 0xaaaaaaaaaaaaaaaaull;
  h(in, o);
  for (int l = 0; l < 64; ++l) {
    const double v = std::rint(l - 31.5);
    EXPECT_EQ(dst[l], (l & 1) ? static_cast<uint64_t>(static_cast<uint32_t>(static_cast<int32_t>(v))) : 77u)
        << l;
  }
}

}  // namespace
}  // namespace canopy::gpu
