// Directed rounding (rn/rz/rm/rp) of f32/f64 add, sub, mul, fma, div, rcp and sqrt against an
// independent reference: the host's round-to-nearest result plus the exact sign of its error
// (computed with Shewchuk expansions of error-free transformations), stepped one ulp with nextafter.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "gpu/alu/float_ops.h"

namespace canopy::gpu {
namespace {

using fp::RoundMode;

// ---- reference --------------------------------------------------------------------------------
void two_sum(double a, double b, double* s, double* e) {
  *s = a + b;
  const double bv = *s - a;
  *e = (a - (*s - bv)) + (b - bv);
}

// Adds b to a nonoverlapping expansion (Shewchuk's Grow-Expansion); exact barring overflow.
std::vector<double> grow(const std::vector<double>& e, double b) {
  std::vector<double> out;
  double q = b;
  for (double x : e) {
    double s, err;
    two_sum(q, x, &s, &err);
    if (err != 0) out.push_back(err);
    q = s;
  }
  out.push_back(q);
  return out;
}

// Sign of the exact sum of the terms.
int exact_sign(std::initializer_list<double> terms) {
  std::vector<double> e;
  for (double t : terms) e = grow(e, t);
  for (auto it = e.rbegin(); it != e.rend(); ++it)
    if (*it != 0) return *it > 0 ? 1 : -1;
  return 0;
}

// a*b = p + q exactly (products in the tests never underflow).
void two_prod(double a, double b, double* p, double* q) {
  *p = a * b;
  *q = std::fma(a, b, -*p);
}

template <class T>
T directed(T rn, int err_sign, RoundMode m) {
  const T inf = std::numeric_limits<T>::infinity();
  if (std::isnan(rn)) return rn;
  if (std::isinf(rn)) err_sign = rn > 0 ? -1 : 1;  // callers only pass finite exact results here
  switch (m) {
    case RoundMode::Rp:
      return err_sign > 0 ? std::nextafter(rn, inf) : rn;
    case RoundMode::Rm:
      return err_sign < 0 ? std::nextafter(rn, -inf) : rn;
    case RoundMode::Rz:
      if ((rn > 0 && err_sign < 0) || (rn < 0 && err_sign > 0)) return std::nextafter(rn, T(0));
      if (rn == 0 && err_sign != 0) return std::copysign(T(0), T(err_sign));
      return rn;
    default:
      return rn;
  }
}

bool finite_all(std::initializer_list<double> v) {
  for (double x : v)
    if (!std::isfinite(x)) return false;
  return true;
}

// The error sign of the host's RN result for each operation; exact-zero sums get the rm sign rule.
template <class T>
struct Reference {
  static T add(T a, T b, RoundMode m) {
    const T r = a + b;
    if (!finite_all({a, b})) return r;
    if (std::isinf(r)) return directed(r, 0, m);
    if (r == 0 && m == RoundMode::Rm && exact_sign({double(a), double(b)}) == 0 &&
        std::signbit(a) != std::signbit(b))
      return -T(0);
    return directed(r, exact_sign({double(a), double(b), -double(r)}), m);
  }
  static T mul(T a, T b, RoundMode m) {
    const T r = a * b;
    if (!finite_all({a, b})) return r;
    if (std::isinf(r)) return directed(r, 0, m);
    double p, q;
    two_prod(a, b, &p, &q);
    return directed(r, exact_sign({p, q, -double(r)}), m);
  }
  static T fma(T a, T b, T c, RoundMode m) {
    const T r = std::fma(a, b, c);
    if (!finite_all({a, b, c})) return r;
    if (std::isinf(r)) return directed(r, 0, m);
    double p, q;
    two_prod(a, b, &p, &q);
    if (r == 0 && m == RoundMode::Rm && exact_sign({p, q, double(c)}) == 0 &&
        (std::signbit(a) != std::signbit(b)) != std::signbit(c))
      return -T(0);
    return directed(r, exact_sign({p, q, double(c), -double(r)}), m);
  }
  static T div(T a, T b, RoundMode m) {
    const T r = a / b;
    if (!finite_all({a, b}) || b == 0) return r;
    if (std::isinf(r)) return directed(r, 0, m);
    double p, q;
    two_prod(r, b, &p, &q);
    return directed(r, exact_sign({double(a), -p, -q}) * (b > 0 ? 1 : -1), m);
  }
  static T sqrt(T a, RoundMode m) {
    const T r = std::sqrt(a);
    if (!std::isfinite(a) || a <= 0) return r;
    double p, q;
    two_prod(r, r, &p, &q);
    return directed(r, exact_sign({double(a), -p, -q}), m);
  }
};

// ---- inputs -----------------------------------------------------------------------------------
template <class T>
T from_raw(uint64_t raw) {
  if constexpr (sizeof(T) == 4) return fp::from_bits<float>(static_cast<uint32_t>(raw));
  return fp::from_bits<double>(raw);
}

template <class T>
std::vector<T> edge_values() {
  using L = std::numeric_limits<T>;
  std::vector<T> v = {T(0),
                      -T(0),
                      T(1),
                      -T(1),
                      T(1.5),
                      T(3),
                      T(0.1),
                      -T(7.25),
                      L::max(),
                      -L::max(),
                      L::min(),
                      -L::min(),
                      L::denorm_min(),
                      -L::denorm_min(),
                      L::min() / 3,
                      L::infinity(),
                      -L::infinity(),
                      L::quiet_NaN(),
                      L::epsilon(),
                      T(1) + L::epsilon(),
                      T(1) - L::epsilon() / 2,
                      L::max() / 2,
                      std::nextafter(L::max(), T(0))};
  return v;
}

// Values with short significands and clustered exponents make exact results, ties and
// cancellations common; raw bit patterns cover the rest (including NaN and subnormals).
template <class T>
T random_value(std::mt19937_64& rng, int exp_range) {
  const uint64_t r = rng();
  switch (r % 4) {
    case 0: {
      if constexpr (sizeof(T) == 4) return from_raw<T>(rng());
      const int e = static_cast<int>(rng() % (2 * exp_range + 1)) - exp_range;
      return std::ldexp(from_raw<double>((rng() & 0x800fffffffffffffull) | 0x3ff0000000000000ull), e);
    }
    case 1: {
      const int bits = 1 + static_cast<int>(rng() % 14);
      const double m = static_cast<double>(rng() & ((uint64_t{1} << bits) - 1)) + 1;
      const int e = static_cast<int>(rng() % 41) - 20;
      return static_cast<T>((r & 16) ? -std::ldexp(m, e) : std::ldexp(m, e));
    }
    case 2: {  // near 1 + ulp multiples: ties in add/mul
      const T ulp = std::numeric_limits<T>::epsilon();
      return T(1) + ulp * static_cast<T>(static_cast<int>(rng() % 9) - 4) / 2;
    }
    default: {
      // For f64 the reference's exact products need headroom: keep edge values away from the
      // extremes (those are covered by the f32 tests and the explicit cases below).
      const auto e = edge_values<T>();
      for (;;) {
        const T v = e[rng() % e.size()];
        const T av = std::fabs(v);
        if (exp_range == 0 || !(av > 0) || std::isinf(av) || (av > 1e-150 && av < 1e150)) return v;
      }
    }
  }
}

template <class T>
::testing::AssertionResult same_bits(T got, T want) {
  if (std::isnan(want)) {
    if (fp::to_bits(got) == fp::FloatTraits<T>::kCanonicalNan) return ::testing::AssertionSuccess();
  } else if (fp::to_bits(got) == fp::to_bits(want)) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "got " << std::hexfloat << got << " want " << want;
}

template <class T, RoundMode R>
void check_mode(int samples, int exp_range) {
  std::mt19937_64 rng(1234 + static_cast<int>(R) + sizeof(T));
  const int max_failures = 10;
  int failures = 0;
  for (int i = 0; i < samples && failures < max_failures; ++i) {
    const T a = random_value<T>(rng, exp_range), b = random_value<T>(rng, exp_range),
            c = random_value<T>(rng, exp_range);
    const auto ctx = [&] {
      return ::testing::Message() << std::hexfloat << "a=" << a << " b=" << b << " c=" << c;
    };
    auto expect = [&](const char* op, T got, T want) {
      const auto r = same_bits(got, want);
      if (!r) {
        ++failures;
        ADD_FAILURE() << op << " mode " << static_cast<int>(R) << " " << ctx() << ": " << r.message();
      }
    };
    expect("add", fop::Add<T, R, false, false>::apply(a, b),
           fp::canonicalize_nan(Reference<T>::add(a, b, R)));
    expect("sub", fop::Sub<T, R, false, false>::apply(a, b),
           fp::canonicalize_nan(Reference<T>::add(a, -b, R)));
    expect("mul", fop::Mul<T, R, false, false>::apply(a, b), Reference<T>::mul(a, b, R));
    expect("fma", fop::Fma<T, R, false, false>::apply(a, b, c), Reference<T>::fma(a, b, c, R));
    expect("div", fop::Div<T, R, false, false>::apply(a, b), Reference<T>::div(a, b, R));
    expect("rcp", fop::Rcp<T, R, false, false>::apply(a), Reference<T>::div(T(1), a, R));
    expect("sqrt", fop::Sqrt<T, R, false, false>::apply(a), Reference<T>::sqrt(a, R));
  }
}

TEST(FloatRounding, F32AllModesMatchExactReference) {
  check_mode<float, RoundMode::Rn>(20000, 0);
  check_mode<float, RoundMode::Rz>(20000, 0);
  check_mode<float, RoundMode::Rm>(20000, 0);
  check_mode<float, RoundMode::Rp>(20000, 0);
}

TEST(FloatRounding, F64AllModesMatchExactReference) {
  check_mode<double, RoundMode::Rn>(20000, 300);
  check_mode<double, RoundMode::Rz>(20000, 300);
  check_mode<double, RoundMode::Rm>(20000, 300);
  check_mode<double, RoundMode::Rp>(20000, 300);
}

TEST(FloatRounding, EdgeValuePairsAllModes) {
  for (RoundMode m : {RoundMode::Rn, RoundMode::Rz, RoundMode::Rm, RoundMode::Rp}) {
    for (float a : edge_values<float>())
      for (float b : edge_values<float>()) {
        const float got =
            fp::from_bits<float>(static_cast<uint32_t>(fp::soft_fma(fp::kF32, a, 1.0, b, true, m)));
        EXPECT_TRUE(same_bits(got, Reference<float>::add(a, b, m))) << a << " + " << b << " mode " << int(m);
        const float q = fp::from_bits<float>(static_cast<uint32_t>(fp::soft_div(fp::kF32, a, b, m)));
        EXPECT_TRUE(same_bits(q, Reference<float>::div(a, b, m))) << a << " / " << b << " mode " << int(m);
        const float p =
            fp::from_bits<float>(static_cast<uint32_t>(fp::soft_fma(fp::kF32, a, b, 0, false, m)));
        EXPECT_TRUE(same_bits(p, Reference<float>::mul(a, b, m))) << a << " * " << b << " mode " << int(m);
      }
  }
}

TEST(FloatRounding, OverflowGivesMaxOrInfinityByMode) {
  const float big = std::numeric_limits<float>::max();
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ((fop::Add<float, RoundMode::Rn, false, false>::apply(big, big)), inf);
  EXPECT_EQ((fop::Add<float, RoundMode::Rz, false, false>::apply(big, big)), big);
  EXPECT_EQ((fop::Add<float, RoundMode::Rm, false, false>::apply(big, big)), big);
  EXPECT_EQ((fop::Add<float, RoundMode::Rp, false, false>::apply(big, big)), inf);
  EXPECT_EQ((fop::Mul<float, RoundMode::Rm, false, false>::apply(-big, 2.0f)), -inf);
  EXPECT_EQ((fop::Mul<float, RoundMode::Rp, false, false>::apply(-big, 2.0f)), -big);
  const double dbig = std::numeric_limits<double>::max();
  EXPECT_EQ((fop::Mul<double, RoundMode::Rz, false, false>::apply(dbig, 1.5)), dbig);
  EXPECT_EQ((fop::Fma<double, RoundMode::Rz, false, false>::apply(dbig, 2.0, -dbig)), dbig);
  EXPECT_EQ((fop::Div<double, RoundMode::Rp, false, false>::apply(dbig, 0.5)),
            std::numeric_limits<double>::infinity());
}

TEST(FloatRounding, SubnormalResultsRoundByMode) {
  const float tiny = std::numeric_limits<float>::denorm_min();
  EXPECT_EQ((fop::Mul<float, RoundMode::Rp, false, false>::apply(tiny, 0.5f)), tiny);
  EXPECT_EQ((fop::Mul<float, RoundMode::Rz, false, false>::apply(tiny, 0.5f)), 0.0f);
  EXPECT_EQ((fop::Mul<float, RoundMode::Rn, false, false>::apply(tiny, 1.5f)), 2 * tiny);  // tie to even
  EXPECT_EQ((fop::Mul<float, RoundMode::Rm, false, false>::apply(-tiny, 0.25f)), -tiny);
  const double dtiny = std::numeric_limits<double>::denorm_min();
  EXPECT_EQ((fop::Mul<double, RoundMode::Rp, false, false>::apply(dtiny, 0.5)), dtiny);
  EXPECT_EQ((fop::Mul<double, RoundMode::Rn, false, false>::apply(dtiny, 2.5)), 2 * dtiny);
  EXPECT_EQ((fop::Div<double, RoundMode::Rm, false, false>::apply(dtiny, 3.0)), 0.0);
  EXPECT_EQ((fop::Fma<double, RoundMode::Rp, false, false>::apply(dtiny, 0.5, 0.0)), dtiny);
  // 1e-300 * 1e-300 underflows completely in rn but not in rp.
  EXPECT_EQ((fop::Mul<double, RoundMode::Rp, false, false>::apply(1e-300, 1e-300)), dtiny);
  EXPECT_EQ((fop::Sqrt<double, RoundMode::Rn, false, false>::apply(dtiny)), std::sqrt(dtiny));
}

TEST(FloatRounding, ExactZeroSumIsNegativeOnlyInRm) {
  for (RoundMode m : {RoundMode::Rn, RoundMode::Rz, RoundMode::Rp}) {
    EXPECT_FALSE(std::signbit(fp::from_bits<double>(fp::soft_fma(fp::kF64, 3.0, 1.0, -3.0, true, m))));
    EXPECT_FALSE(std::signbit(fp::from_bits<double>(fp::soft_fma(fp::kF64, 0.0, 1.0, -0.0, true, m))));
  }
  EXPECT_TRUE(std::signbit((fop::Add<float, RoundMode::Rm, false, false>::apply(3.0f, -3.0f))));
  EXPECT_TRUE(std::signbit((fop::Sub<double, RoundMode::Rm, false, false>::apply(0.0, 0.0))));
  EXPECT_TRUE(std::signbit((fop::Fma<double, RoundMode::Rm, false, false>::apply(2.0, 3.0, -6.0))));
  EXPECT_FALSE(std::signbit((fop::Add<float, RoundMode::Rm, false, false>::apply(0.0f, 0.0f))));
  EXPECT_TRUE(std::signbit((fop::Add<float, RoundMode::Rz, false, false>::apply(-0.0f, -0.0f))));
  // A nonzero product whose sum with c cancels to exactly zero still follows the rule.
  EXPECT_TRUE(std::signbit((fop::Fma<float, RoundMode::Rm, false, false>::apply(-0.5f, 4.0f, 2.0f))));
}

TEST(FloatRounding, FmaIsFusedOnce) {
  // (1 + 2^-27)^2 - 1 needs the unrounded product.
  const float x = 1.0f + std::ldexp(1.0f, -12);
  const float got = fop::Fma<float, RoundMode::Rn, false, false>::apply(x, x, -1.0f);
  EXPECT_EQ(got, static_cast<float>(std::ldexp(1.0, -11) + std::ldexp(1.0, -24)));
  const double dx = 1.0 + std::ldexp(1.0, -30);
  EXPECT_EQ((fop::Fma<double, RoundMode::Rz, false, false>::apply(dx, dx, -1.0)),
            std::ldexp(1.0, -29) + std::ldexp(1.0, -60));
}

TEST(FloatRounding, DirectedDivisionAndSqrtOfKnownValues) {
  const float third_down = fop::Div<float, RoundMode::Rz, false, false>::apply(1.0f, 3.0f);
  const float third_up = fop::Div<float, RoundMode::Rp, false, false>::apply(1.0f, 3.0f);
  EXPECT_EQ(fp::to_bits(third_down), 0x3eaaaaaau);
  EXPECT_EQ(fp::to_bits(third_up), 0x3eaaaaabu);
  EXPECT_EQ((fop::Div<float, RoundMode::Rm, false, false>::apply(-1.0f, 3.0f)), -third_up);
  EXPECT_EQ(fp::to_bits(fop::Sqrt<float, RoundMode::Rz, false, false>::apply(2.0f)), 0x3fb504f3u);
  EXPECT_EQ(fp::to_bits(fop::Sqrt<float, RoundMode::Rp, false, false>::apply(2.0f)), 0x3fb504f4u);
  EXPECT_EQ(fp::to_bits(fop::Sqrt<double, RoundMode::Rz, false, false>::apply(2.0)), 0x3ff6a09e667f3bccull);
  EXPECT_EQ(fp::to_bits(fop::Sqrt<double, RoundMode::Rp, false, false>::apply(2.0)), 0x3ff6a09e667f3bcdull);
  EXPECT_EQ((fop::Sqrt<double, RoundMode::Rm, false, false>::apply(-0.0)), -0.0);
  EXPECT_TRUE(std::signbit(fop::Sqrt<double, RoundMode::Rm, false, false>::apply(-0.0)));
  EXPECT_EQ((fop::Rcp<double, RoundMode::Rz, false, false>::apply(-0.0)),
            -std::numeric_limits<double>::infinity());
}

}  // namespace
}  // namespace canopy::gpu
