/* Canopy device math: the CUDA names. Single-precision functions evaluate the double-precision kernels and
   round once more (the double results are accurate to a few 2^-53, so the float results are within 1 ulp
   of the correctly rounded value). Also the float overloads of the double names and the std:: names, so
   that kernels calling std::sin or sin(float) find device versions next to the host ones from <cmath>. */
#ifndef CANOPY_CRT_CANOPY_MATH_API_H
#define CANOPY_CRT_CANOPY_MATH_API_H

#include "canopy_math_exp.h"
#include "canopy_math_float.h"
#include "canopy_math_hyp.h"
#include "canopy_math_misc.h"
#include "canopy_math_norm.h"
#include "canopy_math_special.h"
#include "canopy_math_trig.h"

/* One-argument functions: fname(float), name(double) and name(float). */
#define __CANOPY_MATH_UNARY(fname, name)                                                   \
  __CANOPY_MATH_API float fname(float x) { return (float)__canopy_math::name((double)x); } \
  __CANOPY_MATH_API double name(double x) { return __canopy_math::name(x); }               \
  __CANOPY_MATH_API float name(float x) { return fname(x); }
/* CUDA's own functions, which C lacks: __host__ __device__ as CUDA declares them (the host runs the same
   double-precision code). */
#define __CANOPY_MATH_HD_UNARY(fname, name)                                                   \
  __CANOPY_MATH_HD_API float fname(float x) { return (float)__canopy_math::name((double)x); } \
  __CANOPY_MATH_HD_API double name(double x) { return __canopy_math::name(x); }               \
  __CANOPY_MATH_HD_API float name(float x) { return fname(x); }
/* Float functions with a single-precision kernel of their own (canopy_math_float.h); the double ones keep
   the double-double kernels. */
#define __CANOPY_MATH_UNARY_F(fname, name, fast)                                           \
  __CANOPY_MATH_API float fname(float x) { return (float)__canopy_math::fast((double)x); } \
  __CANOPY_MATH_API double name(double x) { return __canopy_math::name(x); }               \
  __CANOPY_MATH_API float name(float x) { return fname(x); }
#define __CANOPY_MATH_BINARY(fname, name)                                                 \
  __CANOPY_MATH_API float fname(float x, float y) {                                       \
    return (float)__canopy_math::name((double)x, (double)y);                              \
  }                                                                                       \
  __CANOPY_MATH_API double name(double x, double y) { return __canopy_math::name(x, y); } \
  __CANOPY_MATH_API float name(float x, float y) { return fname(x, y); }

__CANOPY_MATH_UNARY_F(expf, exp, f_exp)
__CANOPY_MATH_UNARY_F(exp2f, exp2, f_exp2)
__CANOPY_MATH_UNARY_F(exp10f, exp10, f_exp10)
__CANOPY_MATH_UNARY(expm1f, expm1)
__CANOPY_MATH_UNARY_F(logf, log, f_log)
__CANOPY_MATH_UNARY_F(log2f, log2, f_log2)
__CANOPY_MATH_UNARY_F(log10f, log10, f_log10)
__CANOPY_MATH_UNARY(log1pf, log1p)
__CANOPY_MATH_UNARY_F(sinf, sin, f_sin)
__CANOPY_MATH_UNARY_F(cosf, cos, f_cos)
__CANOPY_MATH_UNARY_F(tanf, tan, f_tan)
__CANOPY_MATH_HD_UNARY(sinpif, sinpi)
__CANOPY_MATH_HD_UNARY(cospif, cospi)
__CANOPY_MATH_UNARY(asinf, asin)
__CANOPY_MATH_UNARY(acosf, acos)
__CANOPY_MATH_UNARY(atanf, atan)
__CANOPY_MATH_UNARY(sinhf, sinh)
__CANOPY_MATH_UNARY(coshf, cosh)
__CANOPY_MATH_UNARY(tanhf, tanh)
__CANOPY_MATH_UNARY(asinhf, asinh)
__CANOPY_MATH_UNARY(acoshf, acosh)
__CANOPY_MATH_UNARY(atanhf, atanh)
__CANOPY_MATH_HD_API float rsqrtf(float x) { return (float)__canopy_math::f_rsqrt((double)x); }
__CANOPY_MATH_HD_API double rsqrt(double x) { return __canopy_math::rsqrt(x); }
__CANOPY_MATH_HD_API float rsqrt(float x) { return rsqrtf(x); }
__CANOPY_MATH_UNARY(cbrtf, cbrt)
__CANOPY_MATH_HD_UNARY(rcbrtf, rcbrt)
__CANOPY_MATH_UNARY(erff, erf)
__CANOPY_MATH_UNARY(erfcf, erfc)
__CANOPY_MATH_HD_UNARY(erfinvf, erfinv)
__CANOPY_MATH_HD_UNARY(normcdff, normcdf)
__CANOPY_MATH_HD_UNARY(erfcinvf, erfcinv)
__CANOPY_MATH_HD_UNARY(normcdfinvf, normcdfinv)
__CANOPY_MATH_HD_UNARY(erfcxf, erfcx)
__CANOPY_MATH_UNARY(lgammaf, lgamma)
__CANOPY_MATH_UNARY(tgammaf, tgamma)
__CANOPY_MATH_UNARY(logbf, logb)
__CANOPY_MATH_BINARY(atan2f, atan2)
__CANOPY_MATH_API float powf(float x, float y) { return (float)__canopy_math::f_pow((double)x, (double)y); }
__CANOPY_MATH_API double pow(double x, double y) { return __canopy_math::pow(x, y); }
__CANOPY_MATH_API float pow(float x, float y) { return powf(x, y); }
__CANOPY_MATH_BINARY(hypotf, hypot)
__CANOPY_MATH_BINARY(fmodf, fmod)
__CANOPY_MATH_BINARY(remainderf, remainder)
__CANOPY_MATH_BINARY(fdimf, fdim)

__CANOPY_MATH_API void sincosf(float x, float* s, float* c) {
  double sd, cd;
  __canopy_math::f_sincos((double)x, &sd, &cd);
  *s = (float)sd;
  *c = (float)cd;
}
__CANOPY_MATH_API void sincos(double x, double* s, double* c) { __canopy_math::sincos(x, s, c); }
__CANOPY_MATH_API void sincos(float x, float* s, float* c) { sincosf(x, s, c); }
__CANOPY_MATH_HD_API void sincospi(double x, double* s, double* c) {
  *s = __canopy_math::sinpi(x);
  *c = __canopy_math::cospi(x);
}
__CANOPY_MATH_HD_API void sincospif(float x, float* s, float* c) {
  *s = (float)__canopy_math::sinpi((double)x);
  *c = (float)__canopy_math::cospi((double)x);
}
__CANOPY_MATH_HD_API void sincospi(float x, float* s, float* c) { sincospif(x, s, c); }

/* Norms of 2, 3, 4 and n values and their reciprocals (CUDA-only names: host and device). */
__CANOPY_MATH_HD_API double rhypot(double x, double y) {
  const double v[2] = {x, y};
  return __canopy_math::norm_of(2, v, true);
}
__CANOPY_MATH_HD_API float rhypotf(float x, float y) { return (float)rhypot((double)x, (double)y); }
__CANOPY_MATH_HD_API double norm3d(double a, double b, double c) {
  const double v[3] = {a, b, c};
  return __canopy_math::norm_of(3, v, false);
}
__CANOPY_MATH_HD_API double rnorm3d(double a, double b, double c) {
  const double v[3] = {a, b, c};
  return __canopy_math::norm_of(3, v, true);
}
__CANOPY_MATH_HD_API double norm4d(double a, double b, double c, double d) {
  const double v[4] = {a, b, c, d};
  return __canopy_math::norm_of(4, v, false);
}
__CANOPY_MATH_HD_API double rnorm4d(double a, double b, double c, double d) {
  const double v[4] = {a, b, c, d};
  return __canopy_math::norm_of(4, v, true);
}
__CANOPY_MATH_HD_API float norm3df(float a, float b, float c) { return (float)norm3d(a, b, c); }
__CANOPY_MATH_HD_API float rnorm3df(float a, float b, float c) { return (float)rnorm3d(a, b, c); }
__CANOPY_MATH_HD_API float norm4df(float a, float b, float c, float d) { return (float)norm4d(a, b, c, d); }
__CANOPY_MATH_HD_API float rnorm4df(float a, float b, float c, float d) { return (float)rnorm4d(a, b, c, d); }
__CANOPY_MATH_HD_API double norm(int dim, const double* p) { return __canopy_math::norm_of(dim, p, false); }
__CANOPY_MATH_HD_API double rnorm(int dim, const double* p) { return __canopy_math::norm_of(dim, p, true); }
/* The float forms sum the values widened to double, in chunks (no allocation on the device). */
__CANOPY_MATH_HD_API float __canopy_normf(int dim, const float* p, bool reciprocal) {
  double sum = 0, largest = 0;
  bool has_nan = false;
  for (int i = 0; i < dim; ++i) {
    double a = __canopy_math::fabs((double)p[i]);
    if (__canopy_math::is_inf(a)) return reciprocal ? 0.0f : (float)__canopy_math::inf();
    if (a != a) has_nan = true;
    else if (a > largest) largest = a;
  }
  if (has_nan) return (float)__canopy_math::qnan();
  if (largest == 0) return reciprocal ? (float)__canopy_math::inf() : 0.0f;
  for (int i = 0; i < dim; ++i) {
    double a = (double)p[i] / largest; /* exact enough: float squares in double lose nothing that matters */
    sum += a * a;
  }
  double root = __canopy_math::sqrt(sum) * largest;
  return reciprocal ? (float)(1.0 / root) : (float)root;
}
__CANOPY_MATH_HD_API float normf(int dim, const float* p) { return __canopy_normf(dim, p, false); }
__CANOPY_MATH_HD_API float rnormf(int dim, const float* p) { return __canopy_normf(dim, p, true); }

/* remquo, scalbln, nan and fdividef: device overloads next to the host C library's. */
__CANOPY_MATH_API double remquo(double x, double y, int* quo) { return __canopy_math::remquo(x, y, quo); }
__CANOPY_MATH_API float remquof(float x, float y, int* quo) {
  return (float)__canopy_math::remquo((double)x, (double)y, quo);
}
__CANOPY_MATH_API float remquo(float x, float y, int* quo) { return remquof(x, y, quo); }
__CANOPY_MATH_API double scalbln(double x, long n) {
  return __canopy_math::ldexp(x, n > 4000 ? 4000 : (n < -4000 ? -4000 : (int)n));
}
__CANOPY_MATH_API float scalblnf(float x, long n) {
  return (float)__canopy_math::ldexp((double)x, n > 400 ? 400 : (n < -400 ? -400 : (int)n));
}
__CANOPY_MATH_API float scalbln(float x, long n) { return scalblnf(x, n); }
__CANOPY_MATH_API double nan(const char* tagp) {
  return __canopy_math::from_bits(0x7ff8000000000000ull | (__canopy_math::nan_payload(tagp) & 0x7ffffffffffffull));
}
__CANOPY_MATH_API float nanf(const char* tagp) {
  return __canopy_math::from_fbits(0x7fc00000u | (unsigned)(__canopy_math::nan_payload(tagp) & 0x3fffffu));
}
__CANOPY_MATH_API float fdividef(float x, float y) { return x / y; }

/* Integer absolute values: the host C library's abs/labs/llabs are host functions, and <cstdlib>'s
   std::abs(long) and std::abs(long long) are not constexpr, so device code would find only the
   floating-point overloads and call abs(int) ambiguous. */
__CANOPY_MATH_API int abs(int x) { return x < 0 ? -x : x; }
__CANOPY_MATH_API long labs(long x) { return x < 0 ? -x : x; }
__CANOPY_MATH_API long long llabs(long long x) { return x < 0 ? -x : x; }
__CANOPY_MATH_API long abs(long x) { return labs(x); }
__CANOPY_MATH_API long long abs(long long x) { return llabs(x); }

/* Operations the hardware rounds exactly. */
__CANOPY_MATH_API float sqrtf(float x) { return __nvvm_sqrt_rn_f(x); }
__CANOPY_MATH_API double sqrt(double x) { return __nvvm_sqrt_rn_d(x); }
__CANOPY_MATH_API float sqrt(float x) { return sqrtf(x); }
__CANOPY_MATH_API float fmaf(float x, float y, float z) { return __nvvm_fma_rn_f(x, y, z); }
__CANOPY_MATH_API double fma(double x, double y, double z) { return __nvvm_fma_rn_d(x, y, z); }
__CANOPY_MATH_API float fma(float x, float y, float z) { return fmaf(x, y, z); }
__CANOPY_MATH_API float fabsf(float x) { return __nvvm_fabs_f(x); }
__CANOPY_MATH_API double fabs(double x) { return __nvvm_fabs_d(x); }
__CANOPY_MATH_API float fabs(float x) { return fabsf(x); }
__CANOPY_MATH_API float fminf(float x, float y) { return __nvvm_fmin_f(x, y); }
__CANOPY_MATH_API double fmin(double x, double y) { return __nvvm_fmin_d(x, y); }
__CANOPY_MATH_API float fmin(float x, float y) { return fminf(x, y); }
__CANOPY_MATH_API float fmaxf(float x, float y) { return __nvvm_fmax_f(x, y); }
__CANOPY_MATH_API double fmax(double x, double y) { return __nvvm_fmax_d(x, y); }
__CANOPY_MATH_API float fmax(float x, float y) { return fmaxf(x, y); }
__CANOPY_MATH_API float floorf(float x) { return __nvvm_floor_f(x); }
__CANOPY_MATH_API double floor(double x) { return __nvvm_floor_d(x); }
__CANOPY_MATH_API float floor(float x) { return floorf(x); }
__CANOPY_MATH_API float ceilf(float x) { return __nvvm_ceil_f(x); }
__CANOPY_MATH_API double ceil(double x) { return __nvvm_ceil_d(x); }
__CANOPY_MATH_API float ceil(float x) { return ceilf(x); }
__CANOPY_MATH_API float truncf(float x) { return __nvvm_trunc_f(x); }
__CANOPY_MATH_API double trunc(double x) { return __nvvm_trunc_d(x); }
__CANOPY_MATH_API float trunc(float x) { return truncf(x); }
__CANOPY_MATH_API float rintf(float x) { return __builtin_rintf(x); } /* cvt.rni: nearest, ties to even */
__CANOPY_MATH_API double rint(double x) { return __builtin_rint(x); }
__CANOPY_MATH_API float rint(float x) { return rintf(x); }
__CANOPY_MATH_API float nearbyintf(float x) { return rintf(x); }
__CANOPY_MATH_API double nearbyint(double x) { return rint(x); }
__CANOPY_MATH_API float nearbyint(float x) { return rintf(x); }
__CANOPY_MATH_API float roundf(float x) { return (float)__canopy_math::round_half_away((double)x); }
__CANOPY_MATH_API double round(double x) { return __canopy_math::round_half_away(x); }
__CANOPY_MATH_API float round(float x) { return roundf(x); }
__CANOPY_MATH_API long lrintf(float x) { return (long)__nvvm_f2ll_rn(x); }
__CANOPY_MATH_API long lrint(double x) { return (long)__nvvm_d2ll_rn(x); }
__CANOPY_MATH_API long lrint(float x) { return lrintf(x); }
__CANOPY_MATH_API long long llrintf(float x) { return __nvvm_f2ll_rn(x); }
__CANOPY_MATH_API long long llrint(double x) { return __nvvm_d2ll_rn(x); }
__CANOPY_MATH_API long long llrint(float x) { return llrintf(x); }
__CANOPY_MATH_API long lroundf(float x) { return (long)roundf(x); }
__CANOPY_MATH_API long lround(double x) { return (long)round(x); }
__CANOPY_MATH_API long lround(float x) { return lroundf(x); }
__CANOPY_MATH_API long long llroundf(float x) { return (long long)roundf(x); }
__CANOPY_MATH_API long long llround(double x) { return (long long)round(x); }
__CANOPY_MATH_API long long llround(float x) { return llroundf(x); }

__CANOPY_MATH_API float copysignf(float x, float y) {
  return __canopy_math::from_fbits((__canopy_math::fbits(x) & 0x7fffffffu) |
                                   (__canopy_math::fbits(y) & 0x80000000u));
}
__CANOPY_MATH_API double copysign(double x, double y) { return __canopy_math::copysign(x, y); }
__CANOPY_MATH_API float copysign(float x, float y) { return copysignf(x, y); }
__CANOPY_MATH_API float ldexpf(float x, int n) {
  n = n > 400 ? 400
              : (n < -400 ? -400 : n); /* beyond, every float result is 0 or inf; keeps the double exact */
  return (float)__canopy_math::ldexp((double)x, n);
}
__CANOPY_MATH_API double ldexp(double x, int n) { return __canopy_math::ldexp(x, n); }
__CANOPY_MATH_API float ldexp(float x, int n) { return ldexpf(x, n); }
__CANOPY_MATH_API float scalbnf(float x, int n) { return ldexpf(x, n); }
__CANOPY_MATH_API double scalbn(double x, int n) { return ldexp(x, n); }
__CANOPY_MATH_API float scalbn(float x, int n) { return ldexpf(x, n); }
__CANOPY_MATH_API float frexpf(float x, int* e) { return (float)__canopy_math::frexp((double)x, e); }
__CANOPY_MATH_API double frexp(double x, int* e) { return __canopy_math::frexp(x, e); }
__CANOPY_MATH_API float frexp(float x, int* e) { return frexpf(x, e); }
__CANOPY_MATH_API float modff(float x, float* ip) {
  double i;
  float f = (float)__canopy_math::modf((double)x, &i);
  *ip = (float)i;
  return f;
}
__CANOPY_MATH_API double modf(double x, double* ip) { return __canopy_math::modf(x, ip); }
__CANOPY_MATH_API float modf(float x, float* ip) { return modff(x, ip); }
__CANOPY_MATH_API int ilogbf(float x) { return __canopy_math::ilogb((double)x); }
__CANOPY_MATH_API int ilogb(double x) { return __canopy_math::ilogb(x); }
__CANOPY_MATH_API int ilogb(float x) { return ilogbf(x); }
__CANOPY_MATH_API float nextafterf(float x, float y) {
  if (x != x || y != y) return x + y;
  if (x == y) return y;
  if (x == 0) return copysignf(__canopy_math::from_fbits(1u), y);
  unsigned b = __canopy_math::fbits(x);
  b = ((x < y) == (x > 0)) ? b + 1 : b - 1;
  return __canopy_math::from_fbits(b);
}
__CANOPY_MATH_API double nextafter(double x, double y) { return __canopy_math::nextafter(x, y); }
__CANOPY_MATH_API float nextafter(float x, float y) { return nextafterf(x, y); }

/* Classification (CUDA's bool-returning C++ forms and the __-prefixed int forms). */
__CANOPY_MATH_API bool isnan(float x) { return __builtin_isnan(x); }
__CANOPY_MATH_API bool isnan(double x) { return __builtin_isnan(x); }
__CANOPY_MATH_API bool isinf(float x) { return __builtin_isinf(x); }
__CANOPY_MATH_API bool isinf(double x) { return __builtin_isinf(x); }
__CANOPY_MATH_API bool isfinite(float x) { return __builtin_isfinite(x); }
__CANOPY_MATH_API bool isfinite(double x) { return __builtin_isfinite(x); }
__CANOPY_MATH_API bool signbit(float x) { return (__canopy_math::fbits(x) >> 31) != 0; }
__CANOPY_MATH_API bool signbit(double x) { return (__canopy_math::bits(x) >> 63) != 0; }
__CANOPY_MATH_API int __isnanf(float x) { return __builtin_isnan(x); }
__CANOPY_MATH_API int __isnan(double x) { return __builtin_isnan(x); }
__CANOPY_MATH_API int __isinff(float x) { return __builtin_isinf(x); }
__CANOPY_MATH_API int __isinf(double x) { return __builtin_isinf(x); }
__CANOPY_MATH_API int __finitef(float x) { return __builtin_isfinite(x); }
__CANOPY_MATH_API int __finite(double x) { return __builtin_isfinite(x); }
__CANOPY_MATH_API int __signbitf(float x) { return signbit(x); }
__CANOPY_MATH_API int __signbit(double x) { return signbit(x); }

/* The C++ names, for kernels that call std::sin and friends. std::isnan, isinf, isfinite and signbit are
   libstdc++'s constexpr functions (implicitly host and device under clang), so they are left to <cmath>. */
namespace std {
using ::abs;
using ::labs;
using ::llabs;
using ::acos;
using ::acosh;
using ::asin;
using ::asinh;
using ::atan;
using ::atan2;
using ::atanh;
using ::cbrt;
using ::ceil;
using ::copysign;
using ::cos;
using ::cosh;
using ::erf;
using ::erfc;
using ::exp;
using ::exp2;
using ::expm1;
using ::fabs;
using ::fdim;
using ::floor;
using ::fma;
using ::fmax;
using ::fmin;
using ::fmod;
using ::frexp;
using ::hypot;
using ::ilogb;
using ::ldexp;
using ::lgamma;
using ::llrint;
using ::llround;
using ::log;
using ::log10;
using ::log1p;
using ::log2;
using ::logb;
using ::lrint;
using ::lround;
using ::modf;
using ::nearbyint;
using ::nextafter;
using ::pow;
using ::remainder;
using ::rint;
using ::round;
using ::scalbn;
using ::sin;
using ::sinh;
using ::sqrt;
using ::tan;
using ::tanh;
using ::tgamma;
using ::trunc;
}  // namespace std

#undef __CANOPY_MATH_UNARY
#undef __CANOPY_MATH_HD_UNARY
#undef __CANOPY_MATH_UNARY_F
#undef __CANOPY_MATH_BINARY

#endif
