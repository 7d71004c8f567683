// Approximate functions: special values exact, and the measured maximum error over dense samples
// compared with the bounds the PTX ISA documents (the measured values are printed and recorded as
// test properties). The host libm in double precision serves only as the accuracy reference here.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

#include "gpu/alu/float_ops.h"

namespace canopy::gpu {
namespace {

using fop::Special;
using fop::SpecialFn;
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNan = std::numeric_limits<float>::quiet_NaN();

uint32_t bits(float x) { return fp::to_bits(x); }

double ulp_of(double ref) {
  const double a = std::fabs(ref);
  if (a < std::numeric_limits<float>::min()) return std::ldexp(1.0, -149);
  int e;
  std::frexp(a, &e);
  return std::ldexp(1.0, e - 24);
}

void report(const char* name, double value) {
  ::testing::Test::RecordProperty(name, std::to_string(value));
  std::printf("[ measured ] %s = %.3f\n", name, value);
}

TEST(FloatApprox, SpecialValuesAreExact) {
  using Sin = SpecialFn<Special::Sin, false>;
  using Cos = SpecialFn<Special::Cos, false>;
  using Lg2 = SpecialFn<Special::Lg2, false>;
  using Ex2 = SpecialFn<Special::Ex2, false>;
  using Tanh = SpecialFn<Special::Tanh, false>;
  EXPECT_EQ(bits(Sin::apply(-0.0f)), 0x80000000u);
  EXPECT_EQ(bits(Sin::apply(kInf)), 0x7fffffffu);
  EXPECT_EQ(bits(Cos::apply(-kInf)), 0x7fffffffu);
  EXPECT_EQ(Cos::apply(0.0f), 1.0f);
  EXPECT_EQ(Lg2::apply(0.0f), -kInf);
  EXPECT_EQ(Lg2::apply(-0.0f), -kInf);
  EXPECT_EQ(bits(Lg2::apply(-1.0f)), 0x7fffffffu);
  EXPECT_EQ(Lg2::apply(kInf), kInf);
  EXPECT_EQ(Lg2::apply(1.0f), 0.0f);
  EXPECT_EQ(Lg2::apply(1024.0f), 10.0f);
  EXPECT_EQ(Lg2::apply(std::ldexp(1.0f, -149)), -149.0f);  // subnormal input without .ftz
  EXPECT_EQ((SpecialFn<Special::Lg2, true>::apply(std::ldexp(1.0f, -149))), -kInf);
  EXPECT_EQ(bits(Ex2::apply(-kInf)), 0u);
  EXPECT_EQ(Ex2::apply(kInf), kInf);
  EXPECT_EQ(Ex2::apply(0.0f), 1.0f);
  EXPECT_EQ(Ex2::apply(10.0f), 1024.0f);
  EXPECT_EQ(Ex2::apply(-149.0f), std::ldexp(1.0f, -149));
  EXPECT_EQ(Ex2::apply(128.0f), kInf);
  EXPECT_EQ(bits((SpecialFn<Special::Ex2, true>::apply(-140.0f))), 0u);
  EXPECT_EQ(bits(Ex2::apply(kNan)), 0x7fffffffu);
  EXPECT_EQ(Tanh::apply(kInf), 1.0f);
  EXPECT_EQ(Tanh::apply(-kInf), -1.0f);
  EXPECT_EQ(bits(Tanh::apply(-0.0f)), 0x80000000u);
  using Rsqrt = fop::RsqrtApprox<float, false>;
  EXPECT_EQ(Rsqrt::apply(-0.0f), -kInf);
  EXPECT_EQ(Rsqrt::apply(kInf), 0.0f);
  EXPECT_EQ(bits(Rsqrt::apply(-1.0f)), 0x7fffffffu);
  EXPECT_EQ(Rsqrt::apply(4.0f), 0.5f);
  EXPECT_EQ((fop::RcpApprox<float, false>::apply(-0.0f)), -kInf);
  EXPECT_EQ((fop::RcpApprox<double, true>::apply(std::numeric_limits<double>::denorm_min())),
            std::numeric_limits<double>::infinity());
  EXPECT_EQ(bits(fop::SqrtApprox<false>::apply(-0.0f)), 0x80000000u);
}

TEST(FloatApprox, DivApproxFlushesReciprocalOfHugeDivisor) {
  const float huge = std::ldexp(1.5f, 126);
  EXPECT_EQ(fop::DivApprox<false>::apply(1.0f, huge), 0.0f);
  EXPECT_EQ(bits(fop::DivApprox<false>::apply(kInf, huge)), 0x7fffffffu);
  EXPECT_EQ(fop::DivApprox<false>::apply(3.0f, 2.0f), 1.5f);
  // div.full.f32 handles the full range.
  EXPECT_EQ(fop::DivFull<false>::apply(std::ldexp(1.0f, 127), huge),
            static_cast<float>(std::ldexp(1.0, 127) / huge));
}

template <class F>
double max_abs_error(F f, double (*ref)(double), double lo, double hi, int n) {
  double worst = 0;
  for (int i = 0; i <= n; ++i) {
    const float x = static_cast<float>(lo + (hi - lo) * i / n);
    worst = std::fmax(worst, std::fabs(static_cast<double>(f(x)) - ref(x)));
  }
  return worst;
}

TEST(FloatApprox, SinCosAbsoluteErrorWithinPtxBound) {
  const double pi = 3.14159265358979323846;
  auto s = [](float x) { return SpecialFn<Special::Sin, false>::apply(x); };
  auto c = [](float x) { return SpecialFn<Special::Cos, false>::apply(x); };
  const double es = max_abs_error(
      s, [](double x) { return std::sin(x); }, -pi, pi, 200000);
  const double ec = max_abs_error(
      c, [](double x) { return std::cos(x); }, -pi, pi, 200000);
  report("sin_log2_abs_err_pi", std::log2(es));
  report("cos_log2_abs_err_pi", std::log2(ec));
  EXPECT_LE(es, std::ldexp(1.0, -20) / std::exp2(0.9));  // PTX: 2^-20.9 in [-pi, pi]
  EXPECT_LE(ec, std::ldexp(1.0, -20) / std::exp2(0.9));
  const double wide = max_abs_error(
      s, [](double x) { return std::sin(x); }, -100 * pi, 100 * pi, 200000);
  report("sin_log2_abs_err_100pi", std::log2(wide));
  EXPECT_LE(wide, std::ldexp(1.0, -20) / std::exp2(0.5));  // PTX: 2^-20.5 in [-100pi, 100pi]
  // Far outside the documented range results stay bounded.
  for (float x : {1e20f, -3e38f, 123456789.0f}) {
    EXPECT_LE(std::fabs(s(x)), 1.0f);
    EXPECT_LE(std::fabs(c(x)), 1.0f);
  }
}

TEST(FloatApprox, Ex2WithinTwoUlpAcrossRange) {
  double worst = 0;
  for (int i = 0; i <= 300000; ++i) {
    const float x = static_cast<float>(-149.0 + 276.9 * i / 300000);
    const double ref = std::exp2(static_cast<double>(x));
    const float got = SpecialFn<Special::Ex2, false>::apply(x);
    worst = std::fmax(worst, std::fabs(got - ref) / ulp_of(ref));
  }
  report("ex2_max_ulp", worst);
  EXPECT_LE(worst, 2.0);
}

TEST(FloatApprox, Lg2ErrorWithinPtxBound) {
  double worst_abs = 0, worst_ulp = 0;
  for (int i = 0; i <= 300000; ++i) {
    // Dense in [0.5, 2] (absolute bound), then log-spaced over the whole positive range.
    const float x = i <= 100000 ? static_cast<float>(0.5 + 1.5 * i / 100000)
                                : static_cast<float>(std::exp2(-149.0 + 277.0 * (i - 100000) / 200000));
    const double ref = std::log2(static_cast<double>(x));
    const float got = SpecialFn<Special::Lg2, false>::apply(x);
    if (i <= 100000)
      worst_abs = std::fmax(worst_abs, std::fabs(got - ref));
    else if (ref != 0)
      worst_ulp = std::fmax(worst_ulp, std::fabs(got - ref) / ulp_of(ref));
  }
  report("lg2_log2_abs_err_half_to_2", std::log2(worst_abs));
  report("lg2_max_ulp", worst_ulp);
  EXPECT_LE(worst_abs, std::ldexp(1.0, -22) / std::exp2(0.6));  // PTX: 2^-22.6
  EXPECT_LE(worst_ulp, 2.0);
}

TEST(FloatApprox, TanhRelativeErrorWithinPtxBound) {
  double worst = 0;
  for (int i = 0; i <= 200000; ++i) {
    const float x = static_cast<float>(-12.0 + 24.0 * i / 200000);
    const double ref = std::tanh(static_cast<double>(x));
    if (ref == 0) continue;
    worst = std::fmax(worst, std::fabs((SpecialFn<Special::Tanh, false>::apply(x) - ref) / ref));
  }
  for (float x : {1e-30f, 1e-10f, 1e-5f})
    worst = std::fmax(worst, std::fabs((SpecialFn<Special::Tanh, false>::apply(x) - std::tanh(double(x))) /
                                       std::tanh(double(x))));
  report("tanh_log2_rel_err", std::log2(worst));
  EXPECT_LE(worst, std::ldexp(1.0, -11));  // PTX: 2^-10.987
}

TEST(FloatApprox, RcpSqrtRsqrtDivWithinPtxBounds) {
  double rcp_ulp = 0, sqrt_rel = 0, rsqrt_rel = 0, div_ulp = 0, rsqrt64_rel = 0, rcp64_rel = 0;
  for (int i = 1; i <= 200000; ++i) {
    const float x = static_cast<float>(std::exp2(-120.0 + 240.0 * i / 200000) * (1.0 + (i % 7) * 0.1));
    const double r = 1.0 / x;
    rcp_ulp = std::fmax(rcp_ulp, std::fabs(fop::RcpApprox<float, false>::apply(x) - r) / ulp_of(r));
    const double s = std::sqrt(static_cast<double>(x));
    sqrt_rel = std::fmax(sqrt_rel, std::fabs(fop::SqrtApprox<false>::apply(x) - s) / s);
    rsqrt_rel = std::fmax(rsqrt_rel, std::fabs(fop::RsqrtApprox<float, false>::apply(x) - 1 / s) * s);
    const float y = static_cast<float>(1.0 + (i % 1000) / 999.0);
    const double q = static_cast<double>(y) / x;
    div_ulp = std::fmax(div_ulp, std::fabs(fop::DivApprox<false>::apply(y, x) - q) / ulp_of(q));
    const double xd = static_cast<double>(x) * (1 + 1e-9 * (i % 13));
    rsqrt64_rel =
        std::fmax(rsqrt64_rel, std::fabs(fop::RsqrtApprox<double, false>::apply(xd) * std::sqrt(xd) - 1));
    rcp64_rel = std::fmax(rcp64_rel, std::fabs(fop::RcpApprox<double, true>::apply(xd) * xd - 1));
  }
  report("rcp_approx_max_ulp", rcp_ulp);
  report("sqrt_approx_log2_rel", std::log2(sqrt_rel));
  report("rsqrt_approx_log2_rel", std::log2(rsqrt_rel));
  report("div_approx_max_ulp", div_ulp);
  EXPECT_LE(rcp_ulp, 1.0);
  EXPECT_LE(sqrt_rel, std::ldexp(1.0, -23));
  EXPECT_LE(rsqrt_rel, std::ldexp(1.0, -22) / std::exp2(0.9));
  EXPECT_LE(div_ulp, 2.0);
  EXPECT_LE(rsqrt64_rel, std::ldexp(1.0, -50));
  EXPECT_LE(rcp64_rel, std::ldexp(1.0, -50));
}

TEST(FloatApprox, ResultsDoNotDependOnEvaluationOrderKnownBits) {
  // Golden bits pin the portable implementations: any host must produce exactly these.
  EXPECT_EQ(bits(SpecialFn<Special::Sin, false>::apply(1.0f)),
            fp::to_bits(static_cast<float>(0.8414709848078965)));
  EXPECT_EQ(bits(SpecialFn<Special::Cos, false>::apply(2.0f)),
            fp::to_bits(static_cast<float>(-0.4161468365471424)));
  EXPECT_EQ(bits(SpecialFn<Special::Ex2, false>::apply(0.5f)),
            fp::to_bits(static_cast<float>(1.4142135623730951)));
  EXPECT_EQ(bits(SpecialFn<Special::Lg2, false>::apply(3.0f)),
            fp::to_bits(static_cast<float>(1.5849625007211563)));
  EXPECT_EQ(bits(SpecialFn<Special::Tanh, false>::apply(0.5f)),
            fp::to_bits(static_cast<float>(0.46211715726000974)));
}

}  // namespace
}  // namespace canopy::gpu
