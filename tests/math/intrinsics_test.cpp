// CUDA's fast intrinsics (__expf, __logf, __sinf, ...) against the error bounds CUDA documents for them.
#include <cmath>

#include "math_harness.h"

namespace canopy::math_test {
namespace {

std::vector<float> range(float lo, float hi, size_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(lo + (hi - lo) * rng.uniform());
  return v;
}

TEST(Intrinsics, ExpWithinDocumentedUlps) {
  std::vector<float> x = range(-80, 80, 4096, 81);
  auto e = run_same<float>("__expf", {x});
  auto e10 = run_same<float>("__exp10f", {range(-30, 30, 4096, 82)});
  std::vector<float> x10 = range(-30, 30, 4096, 82);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_LE(ulp_distance(e[i], reference1<float>(mpfr_exp, x[i])), 2 + std::floor(std::fabs(1.173 * x[i])))
        << x[i];
    EXPECT_LE(ulp_distance(e10[i], reference1<float>(mpfr_exp10, x10[i])),
              2 + std::floor(std::fabs(2.97 * x10[i])))
        << x10[i];
  }
}

TEST(Intrinsics, LogsWithinDocumentedErrors) {
  struct {
    const char* name;
    Mpfr1 ref;
    double abs_bound;  // on [0.5, 2]
    double ulps;       // elsewhere
  } fns[] = {{"__logf", mpfr_log, std::exp2(-21.41), 3},
             {"__log2f", mpfr_log2, 0x1p-22, 2},
             {"__log10f", mpfr_log10, 0x1p-24, 3}};
  std::vector<float> in = range(0.5f, 2.0f, 2048, 83);
  std::vector<float> wide = make_inputs<float>(Domain{1e-30, 1e30, {}, 1e38}, 2048, 84);
  for (float& x : wide) x = std::fabs(x);
  for (const auto& f : fns) {
    auto got = run_same<float>(f.name, {in});
    for (size_t i = 0; i < in.size(); ++i) {
      double want = static_cast<double>(reference1<double>(f.ref, in[i]));
      EXPECT_LE(std::fabs(got[i] - want), f.abs_bound) << f.name << "(" << in[i] << ")";
    }
    auto gw = run_same<float>(f.name, {wide});
    for (size_t i = 0; i < wide.size(); ++i) {
      if (!(wide[i] >= 0x1p-126f) || std::isinf(wide[i]) || (wide[i] >= 0.5f && wide[i] <= 2.0f)) continue;
      EXPECT_LE(ulp_distance(gw[i], reference1<float>(f.ref, wide[i])), f.ulps)
          << f.name << "(" << wide[i] << ")";
    }
  }
}

TEST(Intrinsics, SinCosWithinDocumentedAbsoluteError) {
  std::vector<float> x = range(static_cast<float>(-M_PI), static_cast<float>(M_PI), 4096, 85);
  auto s = run_same<float>("__sinf", {x});
  auto c = run_same<float>("__cosf", {x});
  auto out = MathDevice::get().run("__sincosf", {as_bytes(x)}, {4, 4}, x.size());
  auto s2 = from_bytes<float>(out[0]), c2 = from_bytes<float>(out[1]);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_LE(std::fabs(s[i] - std::sin(static_cast<double>(x[i]))), std::exp2(-21.41)) << x[i];
    EXPECT_LE(std::fabs(c[i] - std::cos(static_cast<double>(x[i]))), std::exp2(-21.19)) << x[i];
    EXPECT_EQ(s2[i], s[i]);
    EXPECT_EQ(c2[i], c[i]);
  }
}

// __tanf and __powf are documented as derived from their building blocks; check the relative error the
// building blocks imply.
TEST(Intrinsics, TanPowDivideFollowTheirBuildingBlocks) {
  std::vector<float> x = range(-1.2f, 1.2f, 2048, 86);
  auto t = run_same<float>("__tanf", {x});
  for (size_t i = 0; i < x.size(); ++i) {
    double want = std::tan(static_cast<double>(x[i]));
    EXPECT_LE(std::fabs(t[i] - want), 0x1p-19 * (1 + want * want)) << x[i];
  }
  std::vector<float> b = range(0.1f, 10.0f, 2048, 87), e = range(-8.0f, 8.0f, 2048, 88);
  auto p = run_same<float>("__powf", {b, e});
  for (size_t i = 0; i < b.size(); ++i) {
    double want = std::pow(static_cast<double>(b[i]), static_cast<double>(e[i]));
    double lg = std::fabs(e[i] * std::log2(static_cast<double>(b[i])));
    EXPECT_LE(std::fabs(p[i] - want) / want, 0x1p-20 * (2 + lg)) << b[i] << "^" << e[i];
  }
  std::vector<float> num = range(-1e6f, 1e6f, 2048, 89),
                     den = make_inputs<float>(Domain{-1e30, 1e30, {}, 1e37}, 2048, 90);
  auto q = run_same<float>("__fdividef", {num, den});
  for (size_t i = 0; i < num.size(); ++i) {
    if (!(std::fabs(den[i]) >= 0x1p-126f && std::fabs(den[i]) <= 0x1p126f)) continue;
    EXPECT_LE(ulp_distance(q[i], num[i] / den[i]), 2) << num[i] << "/" << den[i];
  }
}

}  // namespace
}  // namespace canopy::math_test
