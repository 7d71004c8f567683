// The CUDA math library in kernels, float and double, measured the way the CUDA C++ Programming Guide
// ("Mathematical Functions", appendix) states its accuracy: the distance in ulps between the returned
// value and the correctly rounded result, which must not exceed the documented maximum for the function.
// The correctly rounded result comes from the host's libm one precision up: double for float functions
// (a few 2^-53 of error, far below half a float ulp) and long double for double functions (x86-64: 64-bit
// significand, 2^-11 of a double ulp). Functions IEEE 754 defines exactly (sqrt, fma, fmod, floor, ...)
// and the _rn intrinsics must match the host's IEEE result bit for bit (signed zeros included). The fast
// intrinsics are held to their documented bounds (absolute on [-pi, pi] for __sinf/__cosf, ...); __powf
// is documented only as exp2(y * __log2f(x)), so its bound is derived from those building blocks below.
#include <cuda_runtime.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#define CUDA_CHECK(call)                                                                     \
  do {                                                                                       \
    cudaError_t e_ = (call);                                                                 \
    if (e_ != cudaSuccess) {                                                                 \
      fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(e_)); \
      exit(1);                                                                               \
    }                                                                                        \
  } while (0)

// How a result is judged: within `bound` ulps of the correctly rounded reference, bit-exact, within
// `bound` absolute, or within `bound` relative.
enum Kind { ULP, EXACT, ABS, REL };
#ifndef __CUDA_ARCH__
static_assert(LDBL_MANT_DIG >= 64, "the double references need a wider long double");
#endif

// __powf(x, y) = exp2(y * __log2f(x)) (CUDA Programming Guide, intrinsic functions). With L = log2 x:
// __log2f errs by at most 2^-22 absolute on [0.5, 2] and 2 ulp (<= 2^-22 |L|) elsewhere; the product
// y * L' rounds with relative error 2^-24; so the exponent is off by d <= |y| eL + 2^-24 |y| (|L| + eL),
// which scales the result by 2^d, a relative error of at most 2^|d| - 1 <= 0.6932 |d| for |d| < 2^-10.
// The exp2 approximation adds its own 2 ulp (<= 2^-22 relative: the constant term of __expf's
// documented 2 + floor(|1.173 x|) ulp, __expf being exp2 of x log2 e).
static double powf_intrinsic_bound(double x, double y) {
  const double L = log2(x);
  const double eL = (x >= 0.5 && x <= 2.0) ? 0x1p-22 : 0x1p-22 * fabs(L);
  const double d = fabs(y) * eL + 0x1p-24 * fabs(y) * (fabs(L) + eL);
  return 0.6932 * d * (1 + 0x1p-22) + 0x1p-22;
}

// X(name, device expression, host reference, kind, bound). Bounds are CUDA's documented maximum ulp
// errors (docs/math.md lists them beside Canopy's measured ones).
// a: positive float in [0.05, 10), b: float in [-3, 3).
#define FLOAT_FUNCS(X)                                                            \
  X(sinf, sinf(b), sin(B), ULP, 2)                                                \
  X(cosf, cosf(b), cos(B), ULP, 2)                                                \
  X(tanf, tanf(b * 0.4f), tan((double)(b * 0.4f)), ULP, 4)                        \
  X(sinf_large, sinf(a * 100.0f), sin((double)(a * 100.0f)), ULP, 2)              \
  X(expf, expf(b), exp(B), ULP, 2)                                                \
  X(exp2f, exp2f(b), exp2(B), ULP, 2)                                             \
  X(exp10f, exp10f(b), pow(10.0, B), ULP, 2)                                      \
  X(expm1f, expm1f(b), expm1(B), ULP, 1)                                          \
  X(logf, logf(a), log(A), ULP, 1)                                                \
  X(log2f, log2f(a), log2(A), ULP, 1)                                             \
  X(log10f, log10f(a), log10(A), ULP, 2)                                          \
  X(log1pf, log1pf(a), log1p(A), ULP, 1)                                          \
  X(sqrtf, sqrtf(a), sqrtf(a), EXACT, 0)                                          \
  X(sqrt_overload, sqrt(a), sqrtf(a), EXACT, 0)                                   \
  X(rsqrtf, rsqrtf(a), 1.0 / sqrt(A), ULP, 2)                                     \
  X(cbrtf, cbrtf(b), cbrt(B), ULP, 1)                                             \
  X(powf, powf(a, b), pow(A, B), ULP, 4)                                          \
  X(pow_overload, pow(a, 2.0f), pow(A, 2.0), ULP, 4)                              \
  X(powf_int, powf(b, 3.0f), pow(B, 3.0), ULP, 4)                                 \
  X(atanf, atanf(b), atan(B), ULP, 2)                                             \
  X(atan2f, atan2f(b, a - 5.0f), atan2(B, (double)(a - 5.0f)), ULP, 3)            \
  X(asinf, asinf(b / 3.5f), asin((double)(b / 3.5f)), ULP, 2)                     \
  X(acosf, acosf(b / 3.5f), acos((double)(b / 3.5f)), ULP, 2)                     \
  X(sinhf, sinhf(b), sinh(B), ULP, 3)                                             \
  X(coshf, coshf(b), cosh(B), ULP, 2)                                             \
  X(tanhf, tanhf(b), tanh(B), ULP, 2)                                             \
  X(asinhf, asinhf(b), asinh(B), ULP, 3)                                          \
  X(acoshf, acoshf(a + 1.0f), acosh((double)(a + 1.0f)), ULP, 4)                  \
  X(atanhf, atanhf(b / 3.5f), atanh((double)(b / 3.5f)), ULP, 3)                  \
  X(hypotf, hypotf(a, b), hypot(A, B), ULP, 3)                                    \
  X(erff, erff(b), erf(B), ULP, 2)                                                \
  X(erfcf, erfcf(b), erfc(B), ULP, 4)                                             \
  X(lgammaf, lgammaf(a + 2.5f), lgamma((double)(a + 2.5f)), ULP, 6)               \
  X(tgammaf, tgammaf(a * 0.5f + 0.5f), tgamma((double)(a * 0.5f + 0.5f)), ULP, 5) \
  X(fabsf, fabsf(b), fabsf(b), EXACT, 0)                                          \
  X(floorf, floorf(b), floorf(b), EXACT, 0)                                       \
  X(ceilf, ceilf(b), ceilf(b), EXACT, 0)                                          \
  X(truncf, truncf(b), truncf(b), EXACT, 0)                                       \
  X(roundf, roundf(b * 2.0f), roundf(b * 2.0f), EXACT, 0)                         \
  X(rintf, rintf(b * 2.0f), nearbyintf(b * 2.0f), EXACT, 0)                       \
  X(fmodf, fmodf(a, 1.5f), fmodf(a, 1.5f), EXACT, 0)                              \
  X(remainderf, remainderf(a, 1.5f), remainderf(a, 1.5f), EXACT, 0)               \
  X(fminf, fminf(a, b), fminf(a, b), EXACT, 0)                                    \
  X(fmaxf, fmaxf(a, b), fmaxf(a, b), EXACT, 0)                                    \
  X(fmaf, fmaf(a, b, 1.0f), fmaf(a, b, 1.0f), EXACT, 0)                           \
  X(copysignf, copysignf(a, b), copysignf(a, b), EXACT, 0)                        \
  X(ldexpf, ldexpf(b, 5), ldexpf(b, 5), EXACT, 0)                                 \
  X(intr_sinf, __sinf(b), sin(B), ABS, exp2(-21.41))                              \
  X(intr_cosf, __cosf(b), cos(B), ABS, exp2(-21.19))                              \
  X(intr_expf, __expf(b), exp(B), ULP, 2 + floor(fabs(1.173 * B)))                \
  X(intr_logf, __logf(a), log(A), (A >= 0.5 && A <= 2.0) ? ABS : ULP,             \
    (A >= 0.5 && A <= 2.0) ? exp2(-21.41) : 3)                                    \
  X(intr_powf, __powf(a, b), pow(A, B), REL, powf_intrinsic_bound(A, B))          \
  X(intr_fdividef, __fdividef(b, a), B / A, ULP, 2)                               \
  X(intr_fsqrt_rn, __fsqrt_rn(a), sqrtf(a), EXACT, 0)                             \
  X(intr_frcp_rn, __frcp_rn(a), 1.0f / a, EXACT, 0)                               \
  X(intr_fmul_rn, __fmul_rn(a, b), (a * b), EXACT, 0)

// x: double in [-3, 3), y: double in (0.05, 10]; XL and YL are the same values as long double.
#define DOUBLE_FUNCS(X)                                                   \
  X(sin, sin(x), sinl(XL), ULP, 2)                                        \
  X(cos, cos(x), cosl(XL), ULP, 2)                                        \
  X(tan, tan(x * 0.4), tanl((long double)(x * 0.4)), ULP, 2)              \
  X(exp, exp(x), expl(XL), ULP, 1)                                        \
  X(log, log(y), logl(YL), ULP, 1)                                        \
  X(log2, log2(y), log2l(YL), ULP, 1)                                     \
  X(log10, log10(y), log10l(YL), ULP, 1)                                  \
  X(sqrt, sqrt(y), sqrt(y), EXACT, 0)                                     \
  X(rsqrt, rsqrt(y), 1.0L / sqrtl(YL), ULP, 1)                            \
  X(cbrt, cbrt(x), cbrtl(XL), ULP, 1)                                     \
  X(pow, pow(y, x), powl(YL, XL), ULP, 2)                                 \
  X(atan2, atan2(x, y - 5.0), atan2l(XL, (long double)(y - 5.0)), ULP, 2) \
  X(asin, asin(x / 3.5), asinl((long double)(x / 3.5)), ULP, 2)           \
  X(acos, acos(x / 3.5), acosl((long double)(x / 3.5)), ULP, 2)           \
  X(tanh, tanh(x), tanhl(XL), ULP, 1)                                     \
  X(sinh, sinh(x), sinhl(XL), ULP, 2)                                     \
  X(erf, erf(x), erfl(XL), ULP, 2)                                        \
  X(lgamma, lgamma(y + 2.5), lgammal((long double)(y + 2.5)), ULP, 4)     \
  X(hypot, hypot(x, y), hypotl(XL, YL), ULP, 2)                           \
  X(fma, fma(x, y, -1.0), fma(x, y, -1.0), EXACT, 0)                      \
  X(floor, floor(x), floor(x), EXACT, 0)                                  \
  X(fmod, fmod(y, 0.7), fmod(y, 0.7), EXACT, 0)

#define COUNT(...) +1
static const int kFloatFuncs = 0 FLOAT_FUNCS(COUNT);
static const int kDoubleFuncs = 0 DOUBLE_FUNCS(COUNT);

__global__ void floatMath(const float* as, const float* bs, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float a = as[i], b = bs[i];
  int k = 0;
#define DEVICE_EVAL(name, dev, host, kind, bound) out[(k++) * n + i] = (dev);
  FLOAT_FUNCS(DEVICE_EVAL)
  // sincosf writes both results at once.
  float s, c;
  sincosf(b, &s, &c);
  out[(k++) * n + i] = s;
  out[(k++) * n + i] = c;
}

__global__ void doubleMath(const double* xs, const double* ys, double* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  double x = xs[i], y = ys[i];
  int k = 0;
  DOUBLE_FUNCS(DEVICE_EVAL)
#undef DEVICE_EVAL
}

static int failures = 0;

// Position of a finite value on the number line in ulps: consecutive floats (doubles) differ by 1,
// +0 and -0 both sit at 0.
static int64_t ordinal(float v) {
  int32_t bits;
  memcpy(&bits, &v, sizeof bits);
  return bits < 0 ? -(int64_t)(bits & 0x7fffffff) : bits;
}
static int64_t ordinal(double v) {
  int64_t bits;
  memcpy(&bits, &v, sizeof bits);
  return bits < 0 ? -(bits & 0x7fffffffffffffff) : bits;
}

// `ref` is the reference one precision up (or, for EXACT, the host's IEEE result in T itself).
template <typename T, typename R>
static void compare(const char* name, int index, T got, R ref, Kind kind, double bound) {
  const T rounded = (T)ref;  // the correctly rounded result
  bool ok;
  double err;
  if (std::isnan(rounded) || std::isnan(got)) {
    ok = std::isnan(rounded) && std::isnan(got);
    err = ok ? 0 : INFINITY;
  } else if (kind == EXACT) {
    ok = memcmp(&got, &rounded, sizeof got) == 0;
    err = ok ? 0 : INFINITY;
  } else if (kind == ULP) {
    err = (double)llabs(ordinal(got) - ordinal(rounded));
    ok = err <= bound;
  } else {
    err = fabs((double)got - (double)ref);
    if (kind == REL) err /= fabs((double)ref);
    ok = err <= bound;
  }
  if (!ok) {
    if (failures < 20)
      fprintf(stderr, "%s: input %d: got %.17g, expected %.17Lg (%s %.3g, bound %.3g)\n", name, index,
              (double)got, (long double)ref,
              kind == ULP   ? "ulps"
              : kind == REL ? "relative error"
              : kind == ABS ? "error"
                            : "bits differ",
              err, bound);
    ++failures;
  }
}

int main() {
  const int n = 256;
  std::vector<float> as(n), bs(n);
  std::vector<double> xs(n), ys(n);
  for (int i = 0; i < n; ++i) {
    as[i] = 0.05f + 9.95f * i / n;
    bs[i] = -3.0f + 6.0f * ((i * 37) % n) / n;
    xs[i] = -3.0 + 6.0 * ((i * 101) % n) / n + 1e-3;
    ys[i] = 0.05 + 9.95 * (i + 1) / n;
  }
  bs[0] = 0.0f;  // exact zero input
  bs[1] = -0.0f;

  const int floatOutputs = kFloatFuncs + 2;
  float *dA, *dB, *dOut;
  double *dX, *dY, *dOutD;
  CUDA_CHECK(cudaMalloc(&dA, n * sizeof(float)));
  CUDA_CHECK(cudaMalloc(&dB, n * sizeof(float)));
  CUDA_CHECK(cudaMalloc(&dOut, floatOutputs * n * sizeof(float)));
  CUDA_CHECK(cudaMalloc(&dX, n * sizeof(double)));
  CUDA_CHECK(cudaMalloc(&dY, n * sizeof(double)));
  CUDA_CHECK(cudaMalloc(&dOutD, kDoubleFuncs * n * sizeof(double)));
  CUDA_CHECK(cudaMemcpy(dA, as.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(dB, bs.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(dX, xs.data(), n * sizeof(double), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(dY, ys.data(), n * sizeof(double), cudaMemcpyHostToDevice));

  floatMath<<<n / 64, 64>>>(dA, dB, dOut, n);
  CUDA_CHECK(cudaGetLastError());
  doubleMath<<<n / 64, 64>>>(dX, dY, dOutD, n);
  CUDA_CHECK(cudaGetLastError());
  std::vector<float> out(floatOutputs * n);
  std::vector<double> outD(kDoubleFuncs * n);
  CUDA_CHECK(cudaMemcpy(out.data(), dOut, out.size() * sizeof(float), cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaMemcpy(outD.data(), dOutD, outD.size() * sizeof(double), cudaMemcpyDeviceToHost));

  for (int i = 0; i < n; ++i) {
    float a = as[i], b = bs[i];
    double A = a, B = b;
    (void)A;
    (void)B;
    int k = 0;
#define HOST_CHECK(name, dev, host, kind, bound)              \
  compare(#name, i, out[k * n + i], (host), (kind), (bound)); \
  ++k;
    FLOAT_FUNCS(HOST_CHECK)
    // sincosf is documented to return exactly sinf and cosf.
    compare("sincosf.sin", i, out[k * n + i], out[0 * n + i], EXACT, 0);
    ++k;
    compare("sincosf.cos", i, out[k * n + i], out[1 * n + i], EXACT, 0);
    ++k;
    double x = xs[i], y = ys[i];
    long double XL = x, YL = y;
    (void)XL;
    (void)YL;
    k = 0;
#define HOST_CHECK_D(name, dev, host, kind, bound)             \
  compare(#name, i, outD[k * n + i], (host), (kind), (bound)); \
  ++k;
    DOUBLE_FUNCS(HOST_CHECK_D)
#undef HOST_CHECK_D
#undef HOST_CHECK
  }
  // Exact special cases.
  if (!(out[0 * n + 1] == 0.0f && std::signbit(out[0 * n + 1]))) {
    fprintf(stderr, "sinf(-0) is not -0\n");
    ++failures;
  }

  printf("checked %d float and %d double functions on %d inputs: %d mismatches\n", floatOutputs, kDoubleFuncs,
         n, failures);
  CUDA_CHECK(cudaFree(dA));
  CUDA_CHECK(cudaFree(dB));
  CUDA_CHECK(cudaFree(dOut));
  CUDA_CHECK(cudaFree(dX));
  CUDA_CHECK(cudaFree(dY));
  CUDA_CHECK(cudaFree(dOutD));
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
