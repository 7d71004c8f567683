// cuda_fp16.h / cuda_bf16.h through the simulated GPU: integer conversions of both formats in every
// rounding mode (NaN -> 0, saturation at the integer range, overflow to infinity), the saturating and
// approximate f16 forms and the classification helpers, against CPU references written here.
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

class HalfHeadersTest : public KernelTest {};

struct Fmt {
  int mant, emin, emax;
  uint16_t inf;
};
constexpr Fmt kF16{10, -14, 15, 0x7c00};
constexpr Fmt kBF16{7, -126, 127, 0x7f80};
enum Mode { Rn, Rz, Rd, Ru };

double decode(const Fmt& f, uint16_t b) {
  const int eb = (b & 0x7fff) >> f.mant, m = b & ((1 << f.mant) - 1);
  if ((b & 0x7fff) > f.inf) return NAN;
  double v = (b & 0x7fff) == f.inf ? INFINITY
             : eb == 0             ? std::ldexp(m, f.emin - f.mant)
                                   : std::ldexp((1 << f.mant) + m, eb + f.emin - 1 - f.mant);
  return (b & 0x8000) ? -v : v;
}

// Integer (sign, magnitude) rounded into the format: bits.
uint16_t round_int(bool neg, uint64_t mag, const Fmt& f, Mode mode) {
  const uint16_t sign = neg ? 0x8000 : 0;
  if (mag == 0) return 0;
  int msb = 63;
  while (!((mag >> msb) & 1)) --msb;
  uint64_t kept = mag;
  if (msb > f.mant) {
    const int shift = msb - f.mant;
    kept = mag >> shift;
    const uint64_t rem = mag & ((uint64_t{1} << shift) - 1), half = uint64_t{1} << (shift - 1);
    const bool away = mode == Rn ? (rem > half || (rem == half && (kept & 1)))
                      : mode == Rz ? false
                      : mode == Ru ? (!neg && rem != 0)
                                   : (neg && rem != 0);
    if (away) ++kept;
    if (kept >> (f.mant + 1)) {
      kept >>= 1;
      ++msb;
    }
  } else {
    kept = mag << (f.mant - msb);
  }
  if (msb > f.emax) {
    const bool to_inf = mode == Rn || (mode == Ru && !neg) || (mode == Rd && neg);
    return sign | (to_inf ? f.inf : f.inf - 1);
  }
  return static_cast<uint16_t>(sign | ((msb - f.emin + 1) << f.mant) | (kept - (uint64_t{1} << f.mant)));
}

// A float value rounded to an integer in `mode`, then clamped to [lo, hi] (NaN -> 0).
long double round_clamp(double v, Mode mode, long double lo, long double hi) {
  if (std::isnan(v)) return 0;
  const double r = mode == Rn ? std::nearbyint(v) : mode == Rz ? std::trunc(v) : mode == Rd ? std::floor(v) : std::ceil(v);
  return r < lo ? lo : (r > hi ? hi : static_cast<long double>(r));
}

TEST_P(HalfHeadersTest, HalfAndBfloat16ToEveryIntegerTypeInEveryMode) {
  std::vector<uint16_t> in;
  for (uint32_t v = 0; v < 0x10000; v += 61) in.push_back(static_cast<uint16_t>(v));
  for (uint16_t v : {0x0000, 0x8000, 0x3800, 0xb800, 0x3e00, 0xbe00, 0x4100, 0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00,
                     0x7f80, 0xff80, 0x7fc0, 0x4f00, 0x4f80, 0xcf00, 0x5f00, 0x5f80, 0xdf00, 0xdf80, 0x3fc0, 0xbfc0})
    in.push_back(v);
  const int n = static_cast<int>(in.size());
  uint64_t d_in = upload(in), d_out = upload(std::vector<int64_t>(static_cast<size_t>(n) * 48));
  auto run = launch("half_headers", "half_to_int", {uint32_t(n + 63) / 64, 1, 1}, {64, 1, 1}, 0, {d_in, d_out, n});
  ASSERT_TRUE(run.ok()) << run.error().message;
  const auto out = download<int64_t>(d_out, static_cast<size_t>(n) * 48);
  struct Range {
    long double lo, hi;
  };
  const Range ranges[] = {{-2147483648.0L, 2147483647.0L}, {0, 4294967295.0L},           {-32768, 32767},
                          {0, 65535},                      {-9223372036854775808.0L, 9223372036854775807.0L},
                          {0, 18446744073709551615.0L}};
  int bad = 0;
  for (int i = 0; i < n && bad < 20; ++i)
    for (int fmt = 0; fmt < 2; ++fmt)
      for (int t = 0; t < 6; ++t)
        for (int m = 0; m < 4; ++m) {
          const double v = decode(fmt ? kBF16 : kF16, in[i]);
          const long double r = round_clamp(v, Mode(m), ranges[t].lo, ranges[t].hi);
          // The kernel widens each result to long long as its C type does.
          int64_t want;
          if (t == 5) want = static_cast<int64_t>(static_cast<uint64_t>(r));
          else want = static_cast<int64_t>(r);
          const int64_t got = out[static_cast<size_t>(i) * 48 + fmt * 24 + t * 4 + m];
          if (got != want && bad++ < 20)
            ADD_FAILURE() << std::hex << "input " << in[i] << (fmt ? " bf16" : " f16") << " type " << t << " mode " << m
                          << std::dec << ": got " << got << " want " << want;
        }
}

TEST_P(HalfHeadersTest, EveryIntegerTypeToHalfAndBfloat16InEveryMode) {
  std::vector<int64_t> in = {0, 1, -1, 2, 2047, 2049, 2051, -2049, 4097, 65504, 65519, 65520, 65535, -65535, 65536,
                             -65536, 0x7fffffff, -0x7fffffff - 1, 0x80000000ll, 0xffffffffll, 0x100000001ll,
                             std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(), 0x7f, 0x81, 0x181,
                             -0x183, 0x1ff, 0x12345678abcdll};
  uint64_t s = 5;
  for (int i = 0; i < 100; ++i) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    in.push_back(static_cast<int64_t>(s >> (s % 61)));
  }
  const int n = static_cast<int>(in.size());
  uint64_t d_in = upload(in), d_out = upload(std::vector<uint16_t>(static_cast<size_t>(n) * 48));
  auto run = launch("half_headers", "int_to_half", {uint32_t(n + 63) / 64, 1, 1}, {64, 1, 1}, 0, {d_in, d_out, n});
  ASSERT_TRUE(run.ok()) << run.error().message;
  const auto out = download<uint16_t>(d_out, static_cast<size_t>(n) * 48);
  int bad = 0;
  for (int i = 0; i < n; ++i) {
    const int64_t v = in[i];
    // The value each integer type sees (two's complement truncation), as sign and magnitude.
    const int64_t as_signed[] = {static_cast<int32_t>(v), static_cast<int64_t>(static_cast<uint32_t>(v)),
                                 static_cast<int16_t>(v), static_cast<int64_t>(static_cast<uint16_t>(v)), v};
    for (int fmt = 0; fmt < 2; ++fmt)
      for (int t = 0; t < 6; ++t)
        for (int m = 0; m < 4; ++m) {
          bool neg;
          uint64_t mag;
          if (t == 5) {
            neg = false;
            mag = static_cast<uint64_t>(v);
          } else {
            const int64_t x = as_signed[t];
            neg = x < 0;
            mag = neg ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
          }
          const uint16_t want = round_int(neg, mag, fmt ? kBF16 : kF16, Mode(m));
          const uint16_t got = out[static_cast<size_t>(i) * 48 + fmt * 24 + t * 4 + m];
          if (got != want && bad++ < 20)
            ADD_FAILURE() << "input " << v << (fmt ? " bf16" : " f16") << " type " << t << " mode " << m << std::hex
                          << ": got " << got << " want " << want;
        }
  }
}

uint16_t round_f16(double v) {
  if (std::isnan(v)) return 0x7fff;
  const uint16_t sign = std::signbit(v) ? 0x8000 : 0;
  const double a = std::fabs(v);
  if (a >= 65520.0) return sign | 0x7c00;
  int e = a == 0 ? -14 : std::ilogb(a);
  if (e < -14) e = -14;
  const double k = std::nearbyint(a / std::ldexp(1.0, e - 10));  // ties to even
  // k counts quanta of 2^(e-10); quanta run on into the next binade, where the encoding carries.
  return sign | static_cast<uint16_t>(((e + 14) << 10) + static_cast<int>(k));
}
uint16_t sat_f16(uint16_t b) {
  if ((b & 0x7fff) > 0x7c00 || (b & 0x8000)) return 0;
  return b > 0x3c00 ? 0x3c00 : b;
}

TEST_P(HalfHeadersTest, SaturatingApproximateAndClassificationForms) {
  const uint16_t vals[] = {0x0000, 0x8000, 0x0001, 0x03ff, 0x3800, 0x3c00, 0x3bff, 0x3c01, 0xbc00, 0x4000, 0x4900,
                           0xc900, 0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00, 0x7c01, 0x2e66, 0xb266, 0x5640, 0xd640};
  std::vector<uint32_t> in;
  for (uint16_t x : vals)
    for (uint16_t y : vals) in.push_back(x | uint32_t{y} << 16);
  const int n = static_cast<int>(in.size());
  uint64_t d_in = upload(in), d_out = upload(std::vector<uint32_t>(static_cast<size_t>(n) * 9));
  auto run = launch("half_headers", "half_misc", {uint32_t(n + 63) / 64, 1, 1}, {64, 1, 1}, 0, {d_in, d_out, n});
  ASSERT_TRUE(run.ok()) << run.error().message;
  const auto out = download<uint32_t>(d_out, static_cast<size_t>(n) * 9);
  for (int i = 0; i < n; ++i) {
    const uint16_t xb = static_cast<uint16_t>(in[i]), yb = static_cast<uint16_t>(in[i] >> 16);
    const double x = decode(kF16, xb), y = decode(kF16, yb);
    const uint32_t* o = &out[static_cast<size_t>(i) * 9];
    auto lo = [](uint32_t w) { return static_cast<uint16_t>(w); };
    auto hi = [](uint32_t w) { return static_cast<uint16_t>(w >> 16); };
    // x + y and x * y + x are exact in double for these inputs (at most 2^-24 .. 2^32).
    EXPECT_EQ(lo(o[0]), sat_f16(round_f16(x + y))) << std::hex << xb << " " << yb;
    EXPECT_EQ(hi(o[0]), sat_f16(round_f16(y + x)));
    EXPECT_EQ(lo(o[1]), sat_f16(round_f16(x * y + x))) << std::hex << xb << " " << yb;
    EXPECT_EQ(hi(o[1]), sat_f16(round_f16(y * x + y)));
    EXPECT_EQ(lo(o[7]), sat_f16(round_f16(x - y))) << std::hex << xb << " " << yb;
    // relu: negative results and -0 give +0, NaN stays (canonical) NaN, +inf stays.
    const double r = x * y + x;
    EXPECT_EQ(lo(o[8]), std::isnan(r) ? 0x7fff : (r > 0 ? round_f16(r) : 0)) << std::hex << xb << " " << yb;
    for (int h = 0; h < 2; ++h) {
      const double a = h ? y : x;
      const uint16_t e2 = h ? hi(o[2]) : lo(o[2]), th = h ? hi(o[3]) : lo(o[3]);
      const uint16_t want_e2 = round_f16(std::exp2(a)), want_th = round_f16(std::tanh(a));
      if (std::isnan(a)) {
        EXPECT_EQ(e2, 0x7fff);
        EXPECT_EQ(th, 0x7fff);
        continue;
      }
      EXPECT_LE(std::abs(int(e2) - int(want_e2)), 1) << std::hex << xb << " " << e2 << " " << want_e2;
      EXPECT_LE(std::abs(int(th & 0x7fff) - int(want_th & 0x7fff)), 1) << std::hex << xb << " " << th;
      EXPECT_EQ(th & 0x8000, want_th & 0x8000);
    }
    const unsigned inf16 = std::isinf(x) ? (x > 0 ? 2 : 0) : 1;
    EXPECT_EQ(o[4], inf16 | inf16 << 8);  // f16 and (converted) bf16 agree on infinities
    EXPECT_EQ(o[5], (x < y ? 0xffffu : 0u) | (y < x ? 0xffff0000u : 0u));
    const bool nan = std::isnan(x) || std::isnan(y);
    const uint16_t mn = nan ? 0x7fff : (x < y || (x == y && std::signbit(x)) ? xb : yb);
    EXPECT_EQ(lo(o[6]), mn) << std::hex << xb << " " << yb;
  }
}

INSTANTIATE_TEST_SUITE_P(Setups, HalfHeadersTest, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
