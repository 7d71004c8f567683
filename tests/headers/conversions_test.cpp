// Conversion intrinsics at their edges (NaN, infinities, out-of-range values, halfway cases) and bit
// reinterpretations, against CPU references.
#include <cfloat>
#include <cstdint>

#include "tests/headers/reference.h"
#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

using headers::bits_as;
using headers::canonical_bits;
using headers::kRounds;
using headers::Round;

class ConversionsTest : public KernelTest {};

std::vector<double> edge_values() {
  std::vector<double> v = {0.0,
                           -0.0,
                           0.5,
                           -0.5,
                           1.5,
                           2.5,
                           -1.5,
                           -2.5,
                           0.49999997,
                           3.7,
                           -3.7,
                           1e10,
                           -1e10,
                           2147483647.0,
                           2147483647.5,
                           2147483648.0,
                           -2147483648.0,
                           -2147483648.5,
                           -2147483649.0,
                           4294967295.0,
                           4294967295.5,
                           4294967296.0,
                           9.2233720368547758e18,
                           -9.2233720368547758e18,
                           -9.2233720368547779e18,
                           1.8446744073709552e19,
                           1.8446744073709548e19,
                           1e30,
                           -1e30,
                           FLT_MAX,
                           0x1p-149,
                           DBL_MAX,
                           1e-300,
                           16777217.0,
                           3.4028235677973366e38,
                           std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity(),
                           std::numeric_limits<double>::quiet_NaN()};
  uint64_t state = 99;
  for (int i = 0; i < 200; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    int exponent = static_cast<int>((state >> 40) % 140) - 70;
    v.push_back(std::ldexp(static_cast<double>(state >> 11) * 0x1p-53 + 0.5, exponent) *
                ((state & 1) ? -1 : 1));
  }
  return v;
}

template <typename I>
long long as_ll(I v) {
  return static_cast<long long>(v);
}

std::vector<long long> integer_expectations(double x) {
  std::vector<long long> e;
  for (Round m : kRounds) e.push_back(headers::to_integer<int32_t>(x, m));
  for (Round m : kRounds) e.push_back(headers::to_integer<uint32_t>(x, m));
  for (Round m : kRounds) e.push_back(headers::to_integer<int64_t>(x, m));
  for (Round m : kRounds) e.push_back(as_ll(headers::to_integer<uint64_t>(x, m)));
  return e;
}

TEST_P(ConversionsTest, FloatToIntegerRoundsAndSaturates) {
  std::vector<float> in;
  for (double d : edge_values()) in.push_back(static_cast<float>(d));
  const int n = static_cast<int>(in.size());
  uint64_t d_in = upload(in), d_out = upload(std::vector<long long>(size_t(n) * 16));
  auto run =
      launch("conversions", "_Z10from_floatPKfPxi", {1, 1, 1}, {uint32_t(n), 1, 1}, 0, {d_in, d_out, n});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto out = download<long long>(d_out, size_t(n) * 16);
  for (int i = 0; i < n; ++i) {
    auto expect = integer_expectations(in[i]);
    for (int k = 0; k < 16; ++k)
      EXPECT_EQ(out[size_t(i) * 16 + k], expect[k]) << "conversion " << k << " of float " << in[i];
  }
}

TEST_P(ConversionsTest, DoubleToIntegerAndFloatRoundAndSaturate) {
  std::vector<double> in = edge_values();
  const int n = static_cast<int>(in.size());
  uint64_t d_in = upload(in), d_out = upload(std::vector<long long>(size_t(n) * 16));
  uint64_t d_fout = upload(std::vector<float>(size_t(n) * 4));
  auto run = launch("conversions", "_Z11from_doublePKdPxPfi", {1, 1, 1}, {uint32_t(n), 1, 1}, 0,
                    {d_in, d_out, d_fout, n});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto out = download<long long>(d_out, size_t(n) * 16);
  auto fout = download<float>(d_fout, size_t(n) * 4);
  for (int i = 0; i < n; ++i) {
    auto expect = integer_expectations(in[i]);
    for (int k = 0; k < 16; ++k)
      EXPECT_EQ(out[size_t(i) * 16 + k], expect[k]) << "conversion " << k << " of double " << in[i];
    for (int r = 0; r < 4; ++r)
      EXPECT_EQ(canonical_bits(fout[size_t(i) * 4 + r]),
                canonical_bits(headers::double_to_float(in[i], kRounds[r])))
          << "__double2float mode " << r << " of " << std::hexfloat << in[i];
  }
}

TEST_P(ConversionsTest, IntegerToFloatingPointRounds) {
  std::vector<unsigned long long> in = {0,
                                        1,
                                        0xffffffffull,
                                        0x80000000ull,
                                        0x7fffffffull,
                                        16777217,
                                        16777219,
                                        0xffffffffffffffffull,
                                        0x8000000000000000ull,
                                        0x7fffffffffffffffull,
                                        0x20000000000001ull,
                                        0x20000000000003ull,
                                        0xfffffffffffff800ull,
                                        0xfffffffffffffc00ull,
                                        0xffffff7fffffffffull,
                                        0x80000080ull,
                                        0x1000001ull};
  uint64_t state = 7;
  for (int i = 0; i < 100; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    in.push_back(state >> (state % 40));
  }
  const int n = static_cast<int>(in.size());
  uint64_t d_in = upload(in), d_f = upload(std::vector<float>(size_t(n) * 16));
  uint64_t d_d = upload(std::vector<double>(size_t(n) * 10));
  auto run = launch("conversions", "_Z12from_integerPKyPfPdi", {1, 1, 1}, {uint32_t(n), 1, 1}, 0,
                    {d_in, d_f, d_d, n});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto f = download<float>(d_f, size_t(n) * 16);
  auto d = download<double>(d_d, size_t(n) * 10);
  for (int i = 0; i < n; ++i) {
    uint64_t u = in[i];
    int64_t s = static_cast<int64_t>(u);
    int32_t si = static_cast<int32_t>(static_cast<uint32_t>(u));
    uint32_t ui = static_cast<uint32_t>(u);
    for (int r = 0; r < 4; ++r) {
      Round m = kRounds[r];
      const float* row = &f[size_t(i) * 16];
      EXPECT_EQ(row[0 + r], (headers::from_integer<float, int32_t>(si, m)))
          << "__int2float " << r << " " << si;
      EXPECT_EQ(row[4 + r], (headers::from_integer<float, uint32_t>(ui, m)))
          << "__uint2float " << r << " " << ui;
      EXPECT_EQ(row[8 + r], (headers::from_integer<float, int64_t>(s, m))) << "__ll2float " << r << " " << s;
      EXPECT_EQ(row[12 + r], (headers::from_integer<float, uint64_t>(u, m)))
          << "__ull2float " << r << " " << u;
      EXPECT_EQ(d[size_t(i) * 10 + r], (headers::from_integer<double, int64_t>(s, m))) << "__ll2double " << s;
      EXPECT_EQ(d[size_t(i) * 10 + 4 + r], (headers::from_integer<double, uint64_t>(u, m)))
          << "__ull2double " << u;
    }
    EXPECT_EQ(d[size_t(i) * 10 + 8], static_cast<double>(si));
    EXPECT_EQ(d[size_t(i) * 10 + 9], static_cast<double>(ui));
  }
}

TEST_P(ConversionsTest, ReinterpretationsKeepEveryBit) {
  std::vector<unsigned long long> in = {0,
                                        0x8000000000000000ull,
                                        0x7ff8000000000001ull,
                                        0xfff0000000000000ull,
                                        0x000000017fc00001ull,
                                        0x3ff0000000000000ull,
                                        0x00000000ffffffffull,
                                        0x123456789abcdef0ull};
  const int n = static_cast<int>(in.size());
  uint64_t d_in = upload(in), d_out = upload(std::vector<unsigned long long>(size_t(n) * 9));
  auto run =
      launch("conversions", "_Z11reinterpretPKyPyi", {1, 1, 1}, {uint32_t(n), 1, 1}, 0, {d_in, d_out, n});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto out = download<unsigned long long>(d_out, size_t(n) * 9);
  for (int i = 0; i < n; ++i) {
    const uint64_t lo = in[i] & 0xffffffffu, hi = in[i] >> 32;
    const uint64_t expect[9] = {lo, lo, lo, lo, in[i], in[i], hi, lo, in[i]};
    for (int k = 0; k < 9; ++k)
      EXPECT_EQ(out[size_t(i) * 9 + k], expect[k]) << "output " << k << " of input " << i;
  }
}

TEST_P(ConversionsTest, ConstantOperandsSaturateLikeRuntimeOnes) {
  uint64_t d_out = upload(std::vector<long long>(6, 12345));
  auto run = launch("conversions", "_Z20constant_conversionsPx", {1, 1, 1}, {1, 1, 1}, 0, {d_out});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto out = download<long long>(d_out, 6);
  EXPECT_EQ(out[0], 2147483647);
  EXPECT_EQ(out[1], 0);
  EXPECT_EQ(out[2], 0);
  EXPECT_EQ(out[3], -1);  // 0xffffffffffffffff
  EXPECT_EQ(out[4], -2147483647 - 1);
  EXPECT_EQ(out[5], 0x4b800000);  // 16777217 toward zero is 2^24
}

INSTANTIATE_TEST_SUITE_P(Setups, ConversionsTest, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
