// Rounding-mode arithmetic intrinsics (__fadd_rz, __dmul_ru, ...) against exact CPU references,
// bit for bit (every NaN counts as one value).
#include <cfloat>
#include <cstdint>
#include <string>

#include "tests/headers/reference.h"
#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

using headers::canonical_bits;
using headers::kRounds;
using headers::Round;

class FloatOpsTest : public KernelTest {};

std::vector<float> float_triples() {
  const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> special = {0.0f,
                                      -0.0f,
                                      1.0f,
                                      -1.0f,
                                      1.5f,
                                      -2.5f,
                                      3.0f,
                                      0.1f,
                                      1.0f / 3.0f,
                                      0x1p-24f,
                                      0x1p-149f,
                                      -0x1p-149f,
                                      0x1p-126f,
                                      FLT_MAX,
                                      -FLT_MAX,
                                      inf,
                                      -inf,
                                      nan,
                                      1.0f + 0x1p-23f,
                                      16777215.0f,
                                      0x1.fffffep-1f,
                                      4.0f,
                                      -0x1.8p-140f};
  std::vector<float> out;
  const size_t n = special.size();
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) out.insert(out.end(), {special[i], special[j], special[(i * 7 + j) % n]});
  uint64_t state = 0x9e3779b97f4a7c15ull;  // fixed pseudo-random bit patterns (any exponent)
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 32);
  };
  for (int i = 0; i < 600; ++i) {
    float a = headers::bits_as<float>(next()), b = headers::bits_as<float>(next());
    if (i % 3 == 0)
      b = headers::bits_as<float>((headers::bits_as<uint32_t>(a) ^ 0x80000000u) + (next() % 7) - 3);
    out.insert(out.end(), {a, b, headers::bits_as<float>(next())});
  }
  return out;
}

std::vector<double> double_triples() {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> special = {
      0.0,    -0.0,    1.0, -1.0, 1.5, 3.0,     0.1,           1.0 / 3.0,          1e300,
      -1e300, DBL_MAX, inf, -inf, nan, 0x1p-53, 1.0 + 0x1p-52, 9007199254740991.0, 0x1.fffffffffffffp-1,
      -7.25};
  std::vector<double> out;
  const size_t n = special.size();
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) out.insert(out.end(), {special[i], special[j], special[(i * 5 + j) % n]});
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state;
  };
  // Random significands and signs with exponents in [-200, 200]: products and quotients stay normal.
  auto random_double = [&] {
    uint64_t bits = next();
    int exponent = static_cast<int>((bits >> 52) % 401) - 200;
    double mantissa = 1.0 + static_cast<double>(bits & ((1ull << 52) - 1)) * 0x1p-52;
    return std::ldexp((next() & 1) ? -mantissa : mantissa, exponent);
  };
  for (int i = 0; i < 600; ++i) {
    double a = random_double(), b = random_double();
    if (i % 3 == 0) b = -a * (1.0 + static_cast<double>(next() % 5) * 0x1p-52);
    out.insert(out.end(), {a, b, random_double()});
  }
  return out;
}

const char* const kFloatOpNames[] = {"fadd", "fsub", "fmul", "fmaf", "fdiv", "frcp", "fsqrt"};

TEST_P(FloatOpsTest, FloatRoundingIntrinsicsAreBitExact) {
  std::vector<float> in = float_triples();
  const int n = static_cast<int>(in.size() / 3);
  uint64_t d_in = upload(in), d_out = upload(std::vector<float>(size_t(n) * 29));
  auto run = launch("float_ops", "_Z9float_opsPKfPfi", {uint32_t(n + 127) / 128, 1, 1}, {128, 1, 1}, 0,
                    {d_in, d_out, n});
  ASSERT_TRUE(run.ok()) << run.error().message;
  std::vector<float> out = download<float>(d_out, size_t(n) * 29);
  int failures = 0;
  for (int i = 0; i < n && failures < 20; ++i) {
    float a = in[3 * i], b = in[3 * i + 1], c = in[3 * i + 2];
    for (int r = 0; r < 4; ++r) {
      Round m = kRounds[r];
      float expect[7] = {headers::ref_fadd(a, b, m), headers::ref_fadd(a, -b, m),
                         headers::ref_fmul(a, b, m), headers::ref_ffma(a, b, c, m),
                         headers::ref_fdiv(a, b, m), headers::ref_fdiv(1.0f, a, m),
                         headers::ref_fsqrt(a, m)};
      for (int op = 0; op < 7; ++op) {
        float got = out[size_t(i) * 29 + op * 4 + r];
        if (canonical_bits(got) != canonical_bits(expect[op])) {
          ++failures;
          ADD_FAILURE() << kFloatOpNames[op] << " mode " << r << " a=" << a << " b=" << b << " c=" << c
                        << std::hexfloat << ": got " << got << " expected " << expect[op]
                        << std::defaultfloat;
        }
      }
    }
    float sat = std::isnan(a) ? 0.0f : std::fmin(std::fmax(a, 0.0f), 1.0f);
    float got_sat = out[size_t(i) * 29 + 28];
    EXPECT_TRUE(got_sat == sat && !std::isnan(got_sat)) << "__saturatef(" << a << ") = " << got_sat;
  }
}

TEST_P(FloatOpsTest, DoubleRoundingIntrinsicsAreBitExact) {
  std::vector<double> in = double_triples();
  const int n = static_cast<int>(in.size() / 3);
  uint64_t d_in = upload(in), d_out = upload(std::vector<double>(size_t(n) * 28));
  auto run = launch("float_ops", "_Z10double_opsPKdPdi", {uint32_t(n + 127) / 128, 1, 1}, {128, 1, 1}, 0,
                    {d_in, d_out, n});
  ASSERT_TRUE(run.ok()) << run.error().message;
  std::vector<double> out = download<double>(d_out, size_t(n) * 28);
  int failures = 0;
  for (int i = 0; i < n && failures < 20; ++i) {
    double a = in[3 * i], b = in[3 * i + 1], c = in[3 * i + 2];
    for (int r = 0; r < 4; ++r) {
      Round m = kRounds[r];
      double expect[7] = {headers::ref_dadd(a, b, m), headers::ref_dadd(a, -b, m),
                          headers::ref_dmul(a, b, m), headers::ref_dfma(a, b, c, m),
                          headers::ref_ddiv(a, b, m), headers::ref_ddiv(1.0, a, m),
                          headers::ref_dsqrt(a, m)};
      for (int op = 0; op < 7; ++op) {
        double got = out[size_t(i) * 28 + op * 4 + r];
        if (canonical_bits(got) != canonical_bits(expect[op])) {
          ++failures;
          ADD_FAILURE() << "d" << kFloatOpNames[op] << " mode " << r << std::hexfloat << " a=" << a
                        << " b=" << b << " c=" << c << ": got " << got << " expected " << expect[op]
                        << std::defaultfloat;
        }
      }
    }
  }
}

// The references themselves, on cases worked out by hand.
TEST(FloatReferenceTest, DirectedRoundingOfHalfwayAndExactZeroCases) {
  EXPECT_EQ(headers::ref_fadd(1.0f, 0x1p-24f, Round::Near), 1.0f);
  EXPECT_EQ(headers::ref_fadd(1.0f, 0x1p-24f, Round::Up), 1.0f + 0x1p-23f);
  EXPECT_EQ(headers::ref_fadd(1.0f + 0x1p-23f, 0x1p-24f, Round::Near), 1.0f + 0x1p-22f);
  EXPECT_EQ(headers::ref_fadd(-1.0f, -0x1p-30f, Round::Zero), -1.0f);
  EXPECT_EQ(headers::ref_fadd(-1.0f, -0x1p-30f, Round::Down), -1.0f - 0x1p-23f);
  EXPECT_TRUE(std::signbit(headers::ref_fadd(1.0f, -1.0f, Round::Down)));
  EXPECT_FALSE(std::signbit(headers::ref_fadd(1.0f, -1.0f, Round::Up)));
  EXPECT_EQ(headers::ref_fmul(FLT_MAX, 2.0f, Round::Zero), FLT_MAX);
  EXPECT_EQ(headers::ref_fdiv(1.0f, 3.0f, Round::Up), 1.0f / 3.0f);  // 0x3eaaaaab lies above 1/3
  EXPECT_EQ(headers::ref_fdiv(1.0f, 3.0f, Round::Zero), std::nextafter(1.0f / 3.0f, 0.0f));
  EXPECT_EQ(headers::ref_fsqrt(2.0f, Round::Down), 1.4142135f);
  EXPECT_EQ(headers::ref_dadd(1.0, 0x1p-53, Round::Up), 1.0 + 0x1p-52);
  EXPECT_EQ(headers::ref_ddiv(1.0, 3.0, Round::Down), 1.0 / 3.0);
}

INSTANTIATE_TEST_SUITE_P(Setups, FloatOpsTest, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
