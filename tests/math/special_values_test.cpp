// Special values as C99 Annex F and CUDA specify them, bit for bit (signed zeros, infinities, NaN), for
// the float and the double version of each function.
#include <cmath>

#include "math_harness.h"

namespace canopy::math_test {
namespace {

constexpr double kInf = HUGE_VAL;
constexpr double kNan = NAN;

struct Case {
  const char* name;
  double x, y;  // y only for binary functions
  double want;
};

const Case kUnary[] = {
    {"exp", -kInf, 0, 0.0},     {"exp", kInf, 0, kInf},     {"exp", -0.0, 0, 1.0},
    {"exp", kNan, 0, kNan},     {"exp2", -kInf, 0, 0.0},    {"exp10", -kInf, 0, 0.0},
    {"expm1", -0.0, 0, -0.0},   {"expm1", -kInf, 0, -1.0},  {"log", 0.0, 0, -kInf},
    {"log", -0.0, 0, -kInf},    {"log", -1.0, 0, kNan},     {"log", 1.0, 0, 0.0},
    {"log", kInf, 0, kInf},     {"log2", 1.0, 0, 0.0},      {"log2", 8.0, 0, 3.0},
    {"log10", 1000.0, 0, 3.0},  {"log1p", -0.0, 0, -0.0},   {"log1p", -1.0, 0, -kInf},
    {"log1p", -2.0, 0, kNan},   {"sin", -0.0, 0, -0.0},     {"sin", kInf, 0, kNan},
    {"cos", -0.0, 0, 1.0},      {"cos", -kInf, 0, kNan},    {"tan", -0.0, 0, -0.0},
    {"sinpi", -0.0, 0, -0.0},   {"sinpi", 1.0, 0, 0.0},     {"sinpi", -2.0, 0, -0.0},
    {"sinpi", 0.5, 0, 1.0},     {"cospi", 0.5, 0, 0.0},     {"cospi", 1.0, 0, -1.0},
    {"cospi", kInf, 0, kNan},   {"asin", -0.0, 0, -0.0},    {"asin", 2.0, 0, kNan},
    {"acos", 1.0, 0, 0.0},      {"acos", -1.5, 0, kNan},    {"atan", -0.0, 0, -0.0},
    {"sinh", -0.0, 0, -0.0},    {"sinh", -kInf, 0, -kInf},  {"cosh", -kInf, 0, kInf},
    {"cosh", 0.0, 0, 1.0},      {"tanh", -0.0, 0, -0.0},    {"tanh", -kInf, 0, -1.0},
    {"asinh", -0.0, 0, -0.0},   {"asinh", -kInf, 0, -kInf}, {"acosh", 1.0, 0, 0.0},
    {"acosh", 0.5, 0, kNan},    {"atanh", -0.0, 0, -0.0},   {"atanh", 1.0, 0, kInf},
    {"atanh", -1.0, 0, -kInf},  {"atanh", 1.5, 0, kNan},    {"sqrt", -0.0, 0, -0.0},
    {"sqrt", -1.0, 0, kNan},    {"rsqrt", 0.0, 0, kInf},    {"rsqrt", kInf, 0, 0.0},
    {"rsqrt", -1.0, 0, kNan},   {"cbrt", -0.0, 0, -0.0},    {"cbrt", -8.0, 0, -2.0},
    {"cbrt", -kInf, 0, -kInf},  {"rcbrt", -0.0, 0, -kInf},  {"rcbrt", kInf, 0, 0.0},
    {"rcbrt", 8.0, 0, 0.5},     {"erf", -0.0, 0, -0.0},     {"erf", -kInf, 0, -1.0},
    {"erfc", kInf, 0, 0.0},     {"erfc", -kInf, 0, 2.0},    {"erfinv", 1.0, 0, kInf},
    {"erfinv", -1.0, 0, -kInf}, {"erfinv", -0.0, 0, -0.0},  {"erfinv", 1.5, 0, kNan},
    {"normcdf", -kInf, 0, 0.0}, {"normcdf", kInf, 0, 1.0},  {"normcdf", 0.0, 0, 0.5},
    {"lgamma", 1.0, 0, 0.0},    {"lgamma", 2.0, 0, 0.0},    {"lgamma", 0.0, 0, kInf},
    {"lgamma", -2.0, 0, kInf},  {"lgamma", -kInf, 0, kInf}, {"tgamma", -0.0, 0, -kInf},
    {"tgamma", 0.0, 0, kInf},   {"tgamma", -1.0, 0, kNan},  {"tgamma", -kInf, 0, kNan},
    {"tgamma", 5.0, 0, 24.0},   {"round", -0.5, 0, -1.0},   {"round", 2.5, 0, 3.0},
    {"round", -0.25, 0, -0.0},  {"rint", 2.5, 0, 2.0},      {"rint", -0.5, 0, -0.0},
    {"trunc", -0.5, 0, -0.0},   {"ceil", -0.5, 0, -0.0},    {"floor", -0.0, 0, -0.0},
    {"logb", 0.0, 0, -kInf},    {"logb", -kInf, 0, kInf},
};

const Case kBinary[] = {
    {"pow", -0.0, -3.0, -kInf},
    {"pow", -0.0, -2.0, kInf},
    {"pow", -0.0, 3.0, -0.0},
    {"pow", -0.0, 2.0, 0.0},
    {"pow", -1.0, kInf, 1.0},
    {"pow", 1.0, kNan, 1.0},
    {"pow", kNan, 0.0, 1.0},
    {"pow", -kInf, 3.0, -kInf},
    {"pow", -kInf, -3.0, -0.0},
    {"pow", -kInf, 2.0, kInf},
    {"pow", -8.0, 1.0 / 3, kNan},
    {"pow", 0.5, -kInf, kInf},
    {"pow", 2.0, -kInf, 0.0},
    {"pow", -2.0, 3.0, -8.0},
    {"pow", kInf, -1.0, 0.0},
    {"pow", 0.0, -kInf, kInf},
    {"atan2", 0.0, -0.0, M_PI},
    {"atan2", -0.0, -0.0, -M_PI},
    {"atan2", -0.0, 1.0, -0.0},
    {"atan2", 1.0, 0.0, M_PI / 2},
    {"atan2", -1.0, -kInf, -M_PI},
    {"atan2", 1.0, kInf, 0.0},
    {"atan2", kInf, -kInf, 3 * M_PI / 4},
    {"atan2", -kInf, kInf, -M_PI / 4},
    {"hypot", kInf, kNan, kInf},
    {"hypot", kNan, -kInf, kInf},
    {"hypot", 3.0, -4.0, 5.0},
    {"fmod", -0.0, 3.0, -0.0},
    {"fmod", 5.0, kInf, 5.0},
    {"fmod", kInf, 2.0, kNan},
    {"fmod", 1.0, 0.0, kNan},
    {"fmod", -7.0, 2.0, -1.0},
    {"remainder", 5.0, 2.0, 1.0},
    {"remainder", -3.0, 2.0, 1.0},
    {"remainder", 3.0, 2.0, -1.0},
    {"remainder", -4.0, 2.0, -0.0},
    {"remainder", 1.0, kInf, 1.0},
    {"fdim", 1.0, 3.0, 0.0},
    {"fmin", kNan, 1.0, 1.0},
    {"fmax", 1.0, kNan, 1.0},
    {"nextafter", 0.0, -1.0, -0x1p-1074},
    {"copysign", 1.0, -0.0, -1.0},
};

template <typename T>
bool same_bits(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

template <typename T>
void check_cases() {
  ASSERT_TRUE(MathDevice::get().ok());
  const std::string suffix = sizeof(T) == 4 ? "f" : "";
  for (const Case& c : kUnary) {
    T got = run_same<T>(c.name + suffix, {{static_cast<T>(c.x)}})[0];
    T want = static_cast<T>(c.want);
    if (c.name == std::string("nextafter") && sizeof(T) == 4) want = -std::numeric_limits<T>::denorm_min();
    EXPECT_TRUE(same_bits(got, want)) << c.name << suffix << "(" << c.x << ") = " << got << ", want " << want;
  }
  for (const Case& c : kBinary) {
    T got = run_same<T>(c.name + suffix, {{static_cast<T>(c.x)}, {static_cast<T>(c.y)}})[0];
    T want = static_cast<T>(c.want);
    if (c.name == std::string("nextafter") && sizeof(T) == 4) want = -std::numeric_limits<T>::denorm_min();
    EXPECT_TRUE(same_bits(got, want))
        << c.name << suffix << "(" << c.x << ", " << c.y << ") = " << got << ", want " << want;
  }
}

TEST(SpecialValues, FloatFunctionsFollowC99AnnexF) { check_cases<float>(); }
TEST(SpecialValues, DoubleFunctionsFollowC99AnnexF) { check_cases<double>(); }

TEST(SpecialValues, SincosMatchesSinAndCos) {
  std::vector<float> a = make_inputs<float>(Domain{-10, 10, {}, 1e38}, 2048, 71);
  auto out = MathDevice::get().run("sincosf", {as_bytes(a)}, {4, 4}, a.size());
  auto s = from_bytes<float>(out[0]), c = from_bytes<float>(out[1]);
  auto s1 = run_same<float>("sinf", {a}), c1 = run_same<float>("cosf", {a});
  for (size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(same_bits(s[i], s1[i]) && same_bits(c[i], c1[i])) << a[i];
  std::vector<double> d = make_inputs<double>(Domain{-10, 10, {}, 1e300}, 2048, 72);
  auto outd = MathDevice::get().run("sincos", {as_bytes(d)}, {8, 8}, d.size());
  auto sd = from_bytes<double>(outd[0]), cd = from_bytes<double>(outd[1]);
  auto sd1 = run_same<double>("sin", {d}), cd1 = run_same<double>("cos", {d});
  for (size_t i = 0; i < d.size(); ++i)
    EXPECT_TRUE(same_bits(sd[i], sd1[i]) && same_bits(cd[i], cd1[i])) << d[i];
}

TEST(SpecialValues, CxxOverloadsReachTheFloatFunctions) {
  std::vector<float> a = make_inputs<float>(Domain{-10, 10}, 512, 73);
  auto out = from_bytes<float>(MathDevice::get().run("overloads", {as_bytes(a)}, {16}, a.size())[0]);
  for (size_t i = 0; i < out.size(); ++i) EXPECT_TRUE(out[i] == 0 || std::isnan(out[i])) << i;
}

}  // namespace
}  // namespace canopy::math_test
