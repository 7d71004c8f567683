// Accuracy of the device math library against MPFR: every function, float and double, over a
// deterministic mix of inputs (special values, random bit patterns, the function's interesting range,
// points around its hard spots). The bound is CUDA's documented maximum ulp error (CUDA C++ Programming
// Guide, "Mathematical Functions"); each test prints its row of docs/math.md.
#include <cfloat>
#include <cmath>

#include "math_harness.h"
#include "references.h"

namespace canopy::math_test {
namespace {

struct Spec {
  const char* name;  // CUDA name of the double function; the float one appends 'f'
  int arity;
  Mpfr1 ref1;
  Mpfr2 ref2;
  double float_bound, double_bound;
  Domain float_domain, double_domain;
};

constexpr double kInf = HUGE_VAL;

std::vector<double> trig_centers(double limit) {
  std::vector<double> c;
  for (int k = 1; k <= 64; ++k) c.push_back(k * M_PI / 2);
  for (double k = 100; k * M_PI / 2 < limit; k *= 7.3) c.push_back(std::round(k) * M_PI / 2);
  return c;
}

std::vector<Spec> specs() {
  const double fmax = FLT_MAX, dmax = DBL_MAX;
  std::vector<double> near_one = {1.0, 0.5, 2.0, M_SQRT1_2, M_SQRT2, 1.0 + 1e-3, 1.0 - 1e-3};
  std::vector<double> dtrig = trig_centers(1e300);
  dtrig.push_back(0x1.6ac5b262ca1ffp+849);  // a classic hard case for double argument reduction
  return {
      {"exp",
       1,
       mpfr_exp,
       nullptr,
       2,
       1,
       {-104, 89, {88.72283935546875, -87.336544750553, -103.27892990343}},
       {-746, 710, {709.782712893384, -708.3964185322641, -745.1332191019411}}},
      {"exp2",
       1,
       mpfr_exp2,
       nullptr,
       2,
       1,
       {-150, 129, {128, -126, -149}},
       {-1075, 1025, {1024, -1022, -1074}}},
      {"exp10",
       1,
       mpfr_exp10,
       nullptr,
       2,
       1,
       {-46, 39, {38.5318394191, -37.9297794}},
       {-324, 309, {308.2547155599167, -307.6526555685888}}},
      {"expm1",
       1,
       mpfr_expm1,
       nullptr,
       1,
       1,
       {-20, 89, {0.34657359, -0.34657359, 88.72283935546875}},
       {-40, 710, {0.34657359027997264, -0.34657359027997264, 709.782712893384}}},
      {"log", 1, mpfr_log, nullptr, 1, 1, {0, 8, near_one, fmax}, {0, 8, near_one, dmax}},
      {"log2", 1, mpfr_log2, nullptr, 1, 1, {0, 8, near_one, fmax}, {0, 8, near_one, dmax}},
      {"log10", 1, mpfr_log10, nullptr, 2, 1, {0, 8, near_one, fmax}, {0, 8, near_one, dmax}},
      {"log1p",
       1,
       mpfr_log1p,
       nullptr,
       1,
       1,
       {-1, 4, {-1, -0.5, 0, 1e-4}, fmax},
       {-1, 4, {-1, -0.5, 0, 1e-4}, dmax}},
      {"sin", 1, mpfr_sin, nullptr, 2, 2, {-100, 100, trig_centers(1e38), fmax}, {-100, 100, dtrig, dmax}},
      {"cos", 1, mpfr_cos, nullptr, 2, 2, {-100, 100, trig_centers(1e38), fmax}, {-100, 100, dtrig, dmax}},
      {"tan", 1, mpfr_tan, nullptr, 4, 2, {-100, 100, trig_centers(1e38), fmax}, {-100, 100, dtrig, dmax}},
      {"sinpi",
       1,
       mpfr_sinpi,
       nullptr,
       1,
       2,
       {-8, 8, {0.5, 1, 1.5, 2, 0.25}, fmax},
       {-8, 8, {0.5, 1, 1.5, 2, 0.25}, dmax}},
      {"cospi",
       1,
       mpfr_cospi,
       nullptr,
       1,
       2,
       {-8, 8, {0.5, 1, 1.5, 2, 0.25}, fmax},
       {-8, 8, {0.5, 1, 1.5, 2, 0.25}, dmax}},
      {"asin", 1, mpfr_asin, nullptr, 2, 2, {-1, 1, {1, -1, 0.5, 0.7071}}, {-1, 1, {1, -1, 0.5, 0.7071}}},
      {"acos", 1, mpfr_acos, nullptr, 2, 2, {-1, 1, {1, -1, 0.5, 0.7071}}, {-1, 1, {1, -1, 0.5, 0.7071}}},
      {"atan",
       1,
       mpfr_atan,
       nullptr,
       2,
       2,
       {-4, 4, {0.0625, 0.1875, 0.9375, 1}, fmax},
       {-4, 4, {0.0625, 0.1875, 0.9375, 1}, dmax}},
      {"sinh",
       1,
       mpfr_sinh,
       nullptr,
       3,
       2,
       {-90, 90, {1, 89.41598629223294}},
       {-711, 711, {1, 710.4758600739439}}},
      {"cosh",
       1,
       mpfr_cosh,
       nullptr,
       2,
       1,
       {-90, 90, {1, 89.41598629223294}},
       {-711, 711, {1, 710.4758600739439}}},
      {"tanh", 1, mpfr_tanh, nullptr, 2, 1, {-12, 12, {0.55, 9.01}}, {-23, 23, {0.55, 19.06}}},
      {"asinh", 1, mpfr_asinh, nullptr, 3, 3, {-4, 4, {}, fmax}, {-4, 4, {}, dmax}},
      {"acosh", 1, mpfr_acosh, nullptr, 4, 3, {1, 4, {1, 1.001}, fmax}, {1, 4, {1, 1.001}, dmax}},
      {"atanh", 1, mpfr_atanh, nullptr, 3, 2, {-1, 1, {1, -1, 0.17}}, {-1, 1, {1, -1, 0.17}}},
      {"sqrt", 1, mpfr_sqrt, nullptr, 0, 0, {0, 4, {}, fmax}, {0, 4, {}, dmax}},
      {"rsqrt", 1, ref_rsqrt, nullptr, 2, 1, {0, 4, {}, fmax}, {0, 4, {}, dmax}},
      {"cbrt", 1, mpfr_cbrt, nullptr, 1, 1, {-8, 8, {}, fmax}, {-8, 8, {}, dmax}},
      {"rcbrt", 1, ref_rcbrt, nullptr, 1, 1, {-8, 8, {}, fmax}, {-8, 8, {}, dmax}},
      {"erf", 1, mpfr_erf, nullptr, 2, 2, {-5, 5, {2.5, -2.5}}, {-7, 7, {2.5, -2.5, 6}}},
      {"erfc", 1, mpfr_erfc, nullptr, 4, 5, {-5, 11, {2.5, 10.05}}, {-7, 27.3, {2.5, 26.5, 6}}},
      {"erfinv",
       1,
       ref_erfinv,
       nullptr,
       2,
       5,
       {-1, 1, {1, -1, 0.5, 0.9999}},
       {-1, 1, {1, -1, 0.5, 0.9999999}}},
      {"normcdf", 1, ref_normcdf, nullptr, 5, 5, {-15, 6, {-14.1}}, {-39, 9, {-38.4, -3.5355}}},
      {"erfcinv", 1, ref_erfcinv, nullptr, 4, 6, {0, 2, {1, 0.5, 1.5, 1e-3}}, {0, 2, {1, 0.5, 1.5, 1e-3}}},
      {"normcdfinv", 1, ref_normcdfinv, nullptr, 5, 8, {0, 1, {0.5, 0.25, 1e-3}}, {0, 1, {0.5, 0.25, 1e-3}}},
      {"erfcx", 1, ref_erfcx, nullptr, 4, 4, {-9, 30, {2.5, -2, 10}, fmax}, {-26, 30, {2.5, -2, 10}, dmax}},
      {"lgamma",
       1,
       ref_lgamma,
       nullptr,
       6,
       4,
       {-40, 40, {1, 2, 0.8, 1.2, 1.6, 2.4, 10, -1.5}, fmax},
       {-40, 40, {1, 2, 0.8, 1.2, 1.6, 2.4, 10, -1.5}, dmax}},
      {"tgamma",
       1,
       mpfr_gamma,
       nullptr,
       5,
       10,
       {-40, 36, {1, 2, 0.5, -0.5, 35.04}},
       {-190, 172, {1, 2, 0.5, -0.5, 171.62}}},
      {"atan2", 2, nullptr, mpfr_atan2, 3, 2, {-4, 4, {}, fmax}, {-4, 4, {}, dmax}},
      {"pow", 2, nullptr, mpfr_pow, 4, 2, {-4, 4, {1, 2, 0.5}, 1e10}, {-4, 4, {1, 2, 0.5}, 1e30}},
      {"hypot", 2, nullptr, mpfr_hypot, 3, 2, {-4, 4, {}, fmax}, {-4, 4, {}, dmax}},
      {"rhypot", 2, nullptr, ref_rhypot, 2, 1, {-4, 4, {}, fmax}, {-4, 4, {}, dmax}},
  };
}

// CUDA states lgamma's bound outside the interval around the first negative poles only.
template <typename T>
bool excluded(const std::string& name, T x) {
  if (name != "lgamma") return false;
  double d = static_cast<double>(x);
  return sizeof(T) == 4 ? (d > -10.001 && d < -2.264) : (d > -11.0001 && d < -2.2637);
}

// Second operands for the binary functions: independent samples, plus exponents that push pow towards
// overflow/underflow and the cross product of special values.
template <typename T>
void binary_inputs(const Spec& s, const Domain& d, size_t n, std::vector<T>* a, std::vector<T>* b) {
  *a = make_inputs<T>(d, n, 11);
  Domain second = s.name == std::string("pow") ? Domain{-40, 40, {0.5, 2, 3}} : d;
  *b = make_inputs<T>(second, n, 12);
  std::vector<T> sp = special_values<T>();
  size_t k = 0;
  for (T x : sp)
    for (T y : sp) {
      (*a)[k] = x;
      (*b)[k] = y;
      ++k;
    }
  if (s.name == std::string("pow")) {  // x^y near the overflow and underflow thresholds, x near 1
    Rng rng(13);
    double limit = std::log(static_cast<double>(std::numeric_limits<T>::max()));
    for (size_t i = k; i < k + n / 4 && i < n; ++i) {
      double x = 1.5 + 100 * rng.uniform();
      double y = limit / std::log(x) * (1 + 2e-3 * (rng.uniform() - 0.5)) * ((i & 1) ? -1 : 1);
      (*a)[i] = static_cast<T>(x);
      (*b)[i] = static_cast<T>(y);
      if (i % 3 == 0) {
        (*a)[i] = static_cast<T>(1 + (rng.uniform() - 0.5) * 1e-5);
        (*b)[i] = static_cast<T>((rng.uniform() - 0.5) * 1e7);
      }
    }
  }
}

template <typename T>
void check(const Spec& s, size_t n) {
  ASSERT_TRUE(MathDevice::get().ok());
  const bool is_float = sizeof(T) == 4;
  const std::string name = std::string(s.name) + (is_float ? "f" : "");
  const Domain& d = is_float ? s.float_domain : s.double_domain;
  const double bound = is_float ? s.float_bound : s.double_bound;
  std::vector<T> a, b, got;
  if (s.arity == 1) {
    a = make_inputs<T>(d, n, 7);
    got = run_same<T>(name, {a});
  } else {
    binary_inputs<T>(s, d, n, &a, &b);
    got = run_same<T>(name, {a, b});
  }
  ErrorStats stats;
  for (size_t i = 0; i < a.size(); ++i) {
    if (excluded(s.name, a[i])) continue;
    char in[100];
    T want;
    if (s.arity == 1) {
      want = reference1<T>(s.ref1, a[i]);
      std::snprintf(in, sizeof in, "%s(%a)", name.c_str(), static_cast<double>(a[i]));
    } else {
      want = reference2<T>(s.ref2, a[i], b[i]);
      std::snprintf(in, sizeof in, "%s(%a, %a)", name.c_str(), static_cast<double>(a[i]),
                    static_cast<double>(b[i]));
    }
    stats.add(got[i], want, in);
  }
  print_row(name, bound, stats);
  EXPECT_LE(stats.max_ulps, bound) << "worst: " << stats.worst;
}

class FloatAccuracy : public ::testing::TestWithParam<Spec> {};
class DoubleAccuracy : public ::testing::TestWithParam<Spec> {};

TEST_P(FloatAccuracy, WithinCudaUlpBound) { check<float>(GetParam(), 16384); }
TEST_P(DoubleAccuracy, WithinCudaUlpBound) { check<double>(GetParam(), 8192); }

std::string spec_name(const ::testing::TestParamInfo<Spec>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Math, FloatAccuracy, ::testing::ValuesIn(specs()), spec_name);
INSTANTIATE_TEST_SUITE_P(Math, DoubleAccuracy, ::testing::ValuesIn(specs()), spec_name);

}  // namespace
}  // namespace canopy::math_test
