// Functions with exact results (rounding, remainders, scaling, classification, fma, min/max): the device
// must match the IEEE-specified host results bit for bit, signed zeros and NaNs included.
#include <cfloat>
#include <climits>
#include <cmath>

#include "math_harness.h"

namespace canopy::math_test {
namespace {

template <typename T>
bool same(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

template <typename T>
std::vector<T> mixed_inputs(uint64_t seed) {
  std::vector<T> v =
      make_inputs<T>(Domain{-100, 100, {0.5, 1.5, 2.5, -0.5, -2.5, 1e7 + 0.5}, 1e30}, 4096, seed);
  for (int k = -10; k <= 10; ++k) v.push_back(static_cast<T>(k * 0.5));
  return v;
}

template <typename T, typename F>
void expect_unary(const std::string& kernel, F host) {
  std::vector<T> a = mixed_inputs<T>(21);
  std::vector<T> got = run_same<T>(kernel, {a});
  for (size_t i = 0; i < a.size(); ++i)
    ASSERT_TRUE(same<T>(got[i], host(a[i])))
        << kernel << "(" << std::hexfloat << a[i] << ") = " << got[i] << ", want " << host(a[i]);
}

template <typename T, typename F>
void expect_binary(const std::string& kernel, F host) {
  std::vector<T> a = mixed_inputs<T>(22), b = mixed_inputs<T>(23);
  std::vector<T> sp = special_values<T>();
  size_t k = 0;
  for (T x : sp)
    for (T y : sp) a[k] = x, b[k++] = y;
  std::vector<T> got = run_same<T>(kernel, {a, b});
  for (size_t i = 0; i < a.size(); ++i)
    ASSERT_TRUE(same<T>(got[i], host(a[i], b[i]))) << kernel << "(" << std::hexfloat << a[i] << ", " << b[i]
                                                   << ") = " << got[i] << ", want " << host(a[i], b[i]);
}

template <typename T>
void expect_min_max(const std::string& min_kernel, const std::string& max_kernel, uint64_t seed) {
  std::vector<T> a = mixed_inputs<T>(seed), b = mixed_inputs<T>(seed + 1);
  std::vector<T> sp = special_values<T>();
  size_t k = 0;
  for (T x : sp)
    for (T y : sp) a[k] = x, b[k++] = y;
  std::vector<T> lo = run_same<T>(min_kernel, {a, b}), hi = run_same<T>(max_kernel, {a, b});
  for (size_t i = 0; i < a.size(); ++i) {
    // CUDA: a NaN operand (quiet or signaling) yields the other operand
    T want_lo = std::isnan(a[i]) ? b[i] : (std::isnan(b[i]) ? a[i] : std::fmin(a[i], b[i]));
    T want_hi = std::isnan(a[i]) ? b[i] : (std::isnan(b[i]) ? a[i] : std::fmax(a[i], b[i]));
    bool lo_ok = same(lo[i], want_lo) || (lo[i] == 0 && want_lo == 0);
    bool hi_ok = same(hi[i], want_hi) || (hi[i] == 0 && want_hi == 0);
    ASSERT_TRUE(lo_ok && hi_ok) << std::hexfloat << a[i] << ", " << b[i] << ": min " << lo[i] << " max "
                                << hi[i] << ", want " << want_lo << " " << want_hi;
  }
}

TEST(ExactFunctions, RoundingMatchesIeee) {
  expect_unary<float>("floorf", [](float x) { return std::floor(x); });
  expect_unary<float>("ceilf", [](float x) { return std::ceil(x); });
  expect_unary<float>("truncf", [](float x) { return std::trunc(x); });
  expect_unary<float>("roundf", [](float x) { return std::round(x); });
  expect_unary<float>("rintf", [](float x) { return std::nearbyint(x); });
  expect_unary<float>("nearbyintf", [](float x) { return std::nearbyint(x); });
  expect_unary<double>("floor", [](double x) { return std::floor(x); });
  expect_unary<double>("ceil", [](double x) { return std::ceil(x); });
  expect_unary<double>("trunc", [](double x) { return std::trunc(x); });
  expect_unary<double>("round", [](double x) { return std::round(x); });
  expect_unary<double>("rint", [](double x) { return std::nearbyint(x); });
  expect_unary<double>("nearbyint", [](double x) { return std::nearbyint(x); });
}

TEST(ExactFunctions, AbsLogbMatchIeee) {
  expect_unary<float>("fabsf", [](float x) { return std::fabs(x); });
  expect_unary<double>("fabs", [](double x) { return std::fabs(x); });
  expect_unary<float>("logbf", [](float x) { return std::logb(x); });
  expect_unary<double>("logb", [](double x) { return std::logb(x); });
}

TEST(ExactFunctions, RemaindersAreExact) {
  expect_binary<float>("fmodf", [](float x, float y) { return std::fmod(x, y); });
  expect_binary<double>("fmod", [](double x, double y) { return std::fmod(x, y); });
  expect_binary<float>("remainderf", [](float x, float y) { return std::remainder(x, y); });
  expect_binary<double>("remainder", [](double x, double y) { return std::remainder(x, y); });
}

TEST(ExactFunctions, SignMinMaxDimNextafterMatchIeee) {
  expect_binary<float>("copysignf", [](float x, float y) { return std::copysign(x, y); });
  expect_binary<double>("copysign", [](double x, double y) { return std::copysign(x, y); });
  expect_binary<float>("fdimf", [](float x, float y) { return std::fdim(x, y); });
  expect_binary<double>("fdim", [](double x, double y) { return std::fdim(x, y); });
  expect_binary<float>("nextafterf", [](float x, float y) { return std::nextafter(x, y); });
  expect_binary<double>("nextafter", [](double x, double y) { return std::nextafter(x, y); });
  // fmin/fmax: for (+0, -0) either zero may come back; otherwise the IEEE result, NaN only for two NaNs.
  expect_min_max<float>("fminf", "fmaxf", 31);
  expect_min_max<double>("fmin", "fmax", 33);
}

TEST(ExactFunctions, FmaIsSingleRounding) {
  std::vector<double> a = mixed_inputs<double>(41), b = mixed_inputs<double>(42),
                      c = mixed_inputs<double>(43);
  std::vector<double> got = run_same<double>("fma", {a, b, c});
  for (size_t i = 0; i < a.size(); ++i) ASSERT_TRUE(same(got[i], std::fma(a[i], b[i], c[i]))) << i;
  std::vector<float> x = mixed_inputs<float>(44), y = mixed_inputs<float>(45), z = mixed_inputs<float>(46);
  std::vector<float> gf = run_same<float>("fmaf", {x, y, z});
  for (size_t i = 0; i < x.size(); ++i) ASSERT_TRUE(same(gf[i], std::fma(x[i], y[i], z[i]))) << i;
}

template <typename T, typename R>
std::vector<R> run_to(const std::string& kernel, const std::vector<T>& a) {
  auto out = MathDevice::get().run(kernel, {as_bytes(a)}, {sizeof(R)}, static_cast<uint32_t>(a.size()));
  return out.empty() ? std::vector<R>(a.size()) : from_bytes<R>(out[0]);
}

TEST(ExactFunctions, IntegerResultsMatchIeee) {
  std::vector<float> a = mixed_inputs<float>(51);
  std::vector<double> d = mixed_inputs<double>(52);
  std::vector<int> fi = run_to<float, int>("ilogbf", a);
  std::vector<int> di = run_to<double, int>("ilogb", d);
  for (size_t i = 0; i < a.size(); ++i) {
    int want_f = std::isnan(a[i]) || a[i] == 0 ? INT_MIN : (std::isinf(a[i]) ? INT_MAX : std::ilogb(a[i]));
    int want_d = std::isnan(d[i]) || d[i] == 0 ? INT_MIN : (std::isinf(d[i]) ? INT_MAX : std::ilogb(d[i]));
    EXPECT_EQ(fi[i], want_f) << a[i];
    EXPECT_EQ(di[i], want_d) << d[i];
  }
  const char* kernels[] = {"lrintf", "llrintf", "lroundf", "llroundf"};
  for (const char* k : kernels) {
    std::vector<long long> got = run_to<float, long long>(k, a);
    for (size_t i = 0; i < a.size(); ++i) {
      if (!(std::fabs(a[i]) < 0x1p62f)) continue;  // out of range: unspecified
      long long want = std::strstr(k, "rint") ? std::llrint(a[i]) : std::llround(a[i]);
      EXPECT_EQ(got[i], want) << k << "(" << a[i] << ")";
    }
  }
  const char* dkernels[] = {"lrint", "llrint", "lround", "llround"};
  for (const char* k : dkernels) {
    std::vector<long long> got = run_to<double, long long>(k, d);
    for (size_t i = 0; i < d.size(); ++i) {
      if (!(std::fabs(d[i]) < 0x1p62)) continue;
      long long want = std::strstr(k, "rint") ? std::llrint(d[i]) : std::llround(d[i]);
      EXPECT_EQ(got[i], want) << k << "(" << d[i] << ")";
    }
  }
  struct {
    const char* kernel;
    bool (*host)(float);
  } classes[] = {{"isnan", [](float x) { return std::isnan(x); }},
                 {"isinf", [](float x) { return std::isinf(x); }},
                 {"isfinite", [](float x) { return std::isfinite(x); }},
                 {"signbit", [](float x) { return std::signbit(x); }}};
  for (const auto& c : classes) {
    std::vector<int> got = run_to<float, int>(c.kernel, a);
    for (size_t i = 0; i < a.size(); ++i)
      EXPECT_EQ(got[i] != 0, c.host(a[i])) << c.kernel << "(" << a[i] << ")";
  }
}

TEST(ExactFunctions, ScalingAndDecompositionMatchIeee) {
  std::vector<float> a = mixed_inputs<float>(61);
  std::vector<double> d = mixed_inputs<double>(62);
  std::vector<int> n(a.size());
  Rng rng(63);
  for (size_t i = 0; i < n.size(); ++i) n[i] = static_cast<int>(rng.next() % 2400) - 1200;
  auto& dev = MathDevice::get();
  for (const char* k : {"ldexpf", "scalbnf"}) {
    auto out = from_bytes<float>(dev.run(k, {as_bytes(a), as_bytes(n)}, {4}, a.size())[0]);
    for (size_t i = 0; i < a.size(); ++i)
      ASSERT_TRUE(same(out[i], std::ldexp(a[i], n[i]))) << k << a[i] << " " << n[i];
  }
  std::vector<int> nd(n.begin(), n.begin() + d.size());
  for (const char* k : {"ldexp", "scalbn"}) {
    auto out = from_bytes<double>(dev.run(k, {as_bytes(d), as_bytes(nd)}, {8}, d.size())[0]);
    for (size_t i = 0; i < d.size(); ++i)
      ASSERT_TRUE(same(out[i], std::ldexp(d[i], nd[i]))) << k << d[i] << " " << nd[i];
  }
  auto fr = dev.run("frexpf", {as_bytes(a)}, {4, 4}, a.size());
  auto fm = from_bytes<float>(fr[0]);
  auto fe = from_bytes<int>(fr[1]);
  for (size_t i = 0; i < a.size(); ++i) {
    int e = 0;
    float m = std::frexp(a[i], &e);
    ASSERT_TRUE(same(fm[i], m)) << a[i];
    if (std::isfinite(a[i])) {
      ASSERT_EQ(fe[i], e) << a[i];
    }
  }
  auto dr = dev.run("frexp", {as_bytes(d)}, {8, 4}, d.size());
  auto dm = from_bytes<double>(dr[0]);
  auto de = from_bytes<int>(dr[1]);
  for (size_t i = 0; i < d.size(); ++i) {
    int e = 0;
    double m = std::frexp(d[i], &e);
    ASSERT_TRUE(same(dm[i], m)) << d[i];
    if (std::isfinite(d[i])) {
      ASSERT_EQ(de[i], e) << d[i];
    }
  }
  auto mf = dev.run("modff", {as_bytes(a)}, {4, 4}, a.size());
  auto ff = from_bytes<float>(mf[0]), fi = from_bytes<float>(mf[1]);
  for (size_t i = 0; i < a.size(); ++i) {
    float ip;
    float f = std::modf(a[i], &ip);
    ASSERT_TRUE(same(ff[i], f) && same(fi[i], ip)) << a[i];
  }
  auto md = dev.run("modf", {as_bytes(d)}, {8, 8}, d.size());
  auto df = from_bytes<double>(md[0]), di = from_bytes<double>(md[1]);
  for (size_t i = 0; i < d.size(); ++i) {
    double ip;
    double f = std::modf(d[i], &ip);
    ASSERT_TRUE(same(df[i], f) && same(di[i], ip)) << d[i];
  }
}

}  // namespace
}  // namespace canopy::math_test
