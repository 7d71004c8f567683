// The CUDA math library in kernels, float and double, compared with the host's libm evaluated in
// double precision: within 1e-5 relative (float) and 1e-12 relative (double), with a small
// absolute floor for results near zero. Fast intrinsics (__sinf, __expf, ...) get looser bounds.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>

#define CUDA_CHECK(call)                                                                   \
  do {                                                                                     \
    cudaError_t e_ = (call);                                                               \
    if (e_ != cudaSuccess) {                                                               \
      fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(e_)); \
      exit(1);                                                                             \
    }                                                                                      \
  } while (0)

// X(name, device expression, host reference, relative tolerance, absolute tolerance)
// a: positive float in [0.05, 10), b: float in [-3, 3).
#define FLOAT_FUNCS(X)                                                            \
  X(sinf, sinf(b), sin(B), 1e-5, 1e-6)                                            \
  X(cosf, cosf(b), cos(B), 1e-5, 1e-6)                                            \
  X(tanf, tanf(b * 0.4f), tan((double)(b * 0.4f)), 1e-5, 1e-6)                    \
  X(sinf_large, sinf(a * 100.0f), sin((double)(a * 100.0f)), 1e-5, 1e-6)          \
  X(expf, expf(b), exp(B), 1e-5, 1e-6)                                            \
  X(exp2f, exp2f(b), exp2(B), 1e-5, 1e-6)                                         \
  X(exp10f, exp10f(b), pow(10.0, B), 1e-5, 1e-6)                                  \
  X(expm1f, expm1f(b), expm1(B), 1e-5, 1e-6)                                      \
  X(logf, logf(a), log(A), 1e-5, 1e-6)                                            \
  X(log2f, log2f(a), log2(A), 1e-5, 1e-6)                                         \
  X(log10f, log10f(a), log10(A), 1e-5, 1e-6)                                      \
  X(log1pf, log1pf(a), log1p(A), 1e-5, 1e-6)                                      \
  X(sqrtf, sqrtf(a), sqrt(A), 1e-6, 0)                                            \
  X(sqrt_overload, sqrt(a), sqrt(A), 1e-6, 0)                                     \
  X(rsqrtf, rsqrtf(a), 1.0 / sqrt(A), 1e-5, 0)                                    \
  X(cbrtf, cbrtf(b), cbrt(B), 1e-5, 1e-6)                                         \
  X(powf, powf(a, b), pow(A, B), 1e-5, 1e-6)                                      \
  X(pow_overload, pow(a, 2.0f), pow(A, 2.0), 1e-5, 0)                             \
  X(powf_int, powf(b, 3.0f), pow(B, 3.0), 1e-5, 1e-6)                             \
  X(atanf, atanf(b), atan(B), 1e-5, 1e-6)                                         \
  X(atan2f, atan2f(b, a - 5.0f), atan2(B, (double)(a - 5.0f)), 1e-5, 1e-6)        \
  X(asinf, asinf(b / 3.5f), asin((double)(b / 3.5f)), 1e-5, 1e-6)                 \
  X(acosf, acosf(b / 3.5f), acos((double)(b / 3.5f)), 1e-5, 1e-6)                 \
  X(sinhf, sinhf(b), sinh(B), 1e-5, 1e-6)                                         \
  X(coshf, coshf(b), cosh(B), 1e-5, 1e-6)                                         \
  X(tanhf, tanhf(b), tanh(B), 1e-5, 1e-6)                                         \
  X(asinhf, asinhf(b), asinh(B), 1e-5, 1e-6)                                      \
  X(acoshf, acoshf(a + 1.0f), acosh((double)(a + 1.0f)), 1e-5, 1e-6)              \
  X(atanhf, atanhf(b / 3.5f), atanh((double)(b / 3.5f)), 1e-5, 1e-6)             \
  X(hypotf, hypotf(a, b), hypot(A, B), 1e-5, 0)                                   \
  X(erff, erff(b), erf(B), 1e-5, 1e-6)                                            \
  X(erfcf, erfcf(b), erfc(B), 1e-5, 1e-6)                                         \
  X(lgammaf, lgammaf(a + 2.5f), lgamma((double)(a + 2.5f)), 1e-5, 1e-6)           \
  X(tgammaf, tgammaf(a * 0.5f + 0.5f), tgamma((double)(a * 0.5f + 0.5f)), 1e-5, 1e-6) \
  X(fabsf, fabsf(b), fabs(B), 0, 0)                                               \
  X(floorf, floorf(b), floor(B), 0, 0)                                            \
  X(ceilf, ceilf(b), ceil(B), 0, 0)                                               \
  X(truncf, truncf(b), trunc(B), 0, 0)                                            \
  X(roundf, roundf(b * 2.0f), round((double)(b * 2.0f)), 0, 0)                    \
  X(rintf, rintf(b * 2.0f), nearbyint((double)(b * 2.0f)), 0, 0)                  \
  X(fmodf, fmodf(a, 1.5f), fmod(A, 1.5), 0, 1e-7)                                 \
  X(remainderf, remainderf(a, 1.5f), remainder(A, 1.5), 0, 1e-7)                  \
  X(fminf, fminf(a, b), fmin(A, B), 0, 0)                                         \
  X(fmaxf, fmaxf(a, b), fmax(A, B), 0, 0)                                         \
  X(fmaf, fmaf(a, b, 1.0f), fma(A, B, 1.0), 1e-6, 1e-7)                           \
  X(copysignf, copysignf(a, b), copysign(A, B), 0, 0)                             \
  X(ldexpf, ldexpf(b, 5), ldexp(B, 5), 0, 0)                                      \
  X(intr_sinf, __sinf(b), sin(B), 0, 1e-5)                                        \
  X(intr_cosf, __cosf(b), cos(B), 0, 1e-5)                                        \
  X(intr_expf, __expf(b), exp(B), 1e-4, 1e-6)                                     \
  X(intr_logf, __logf(a), log(A), 1e-4, 1e-5)                                     \
  X(intr_powf, __powf(a, b), pow(A, B), 1e-3, 1e-5)                               \
  X(intr_fdividef, __fdividef(b, a), B / A, 1e-5, 0)                              \
  X(intr_fsqrt_rn, __fsqrt_rn(a), sqrt(A), 1e-6, 0)                               \
  X(intr_frcp_rn, __frcp_rn(a), 1.0 / A, 1e-6, 0)                                 \
  X(intr_fmul_rn, __fmul_rn(a, b), A * B, 1e-6, 0)

// x: double in [-3, 3), y: double in (0.05, 10].
#define DOUBLE_FUNCS(X)                                                           \
  X(sin, sin(x), sin(x), 1e-12, 1e-15)                                            \
  X(cos, cos(x), cos(x), 1e-12, 1e-15)                                            \
  X(tan, tan(x * 0.4), tan(x * 0.4), 1e-12, 1e-15)                                \
  X(exp, exp(x), exp(x), 1e-12, 0)                                                \
  X(log, log(y), log(y), 1e-12, 1e-15)                                            \
  X(log2, log2(y), log2(y), 1e-12, 1e-15)                                         \
  X(log10, log10(y), log10(y), 1e-12, 1e-15)                                      \
  X(sqrt, sqrt(y), sqrt(y), 1e-15, 0)                                             \
  X(rsqrt, rsqrt(y), 1.0 / sqrt(y), 1e-12, 0)                                     \
  X(cbrt, cbrt(x), cbrt(x), 1e-12, 1e-15)                                         \
  X(pow, pow(y, x), pow(y, x), 1e-12, 0)                                          \
  X(atan2, atan2(x, y - 5.0), atan2(x, y - 5.0), 1e-12, 1e-15)                    \
  X(asin, asin(x / 3.5), asin(x / 3.5), 1e-12, 1e-15)                             \
  X(acos, acos(x / 3.5), acos(x / 3.5), 1e-12, 1e-15)                             \
  X(tanh, tanh(x), tanh(x), 1e-12, 1e-15)                                         \
  X(sinh, sinh(x), sinh(x), 1e-12, 1e-15)                                         \
  X(erf, erf(x), erf(x), 1e-12, 1e-15)                                            \
  X(lgamma, lgamma(y + 2.5), lgamma(y + 2.5), 1e-12, 1e-14)                       \
  X(hypot, hypot(x, y), hypot(x, y), 1e-14, 0)                                    \
  X(fma, fma(x, y, -1.0), fma(x, y, -1.0), 0, 0)                                  \
  X(floor, floor(x), floor(x), 0, 0)                                              \
  X(fmod, fmod(y, 0.7), fmod(y, 0.7), 0, 0)

#define COUNT(...) +1
static const int kFloatFuncs = 0 FLOAT_FUNCS(COUNT);
static const int kDoubleFuncs = 0 DOUBLE_FUNCS(COUNT);

__global__ void floatMath(const float* as, const float* bs, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float a = as[i], b = bs[i];
  int k = 0;
#define DEVICE_EVAL(name, dev, host, rel, abs_) out[(k++) * n + i] = (dev);
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

static void compare(const char* name, int index, double got, double ref, double rel, double abs_) {
  double err = fabs(got - ref);
  bool ok = (std::isnan(ref) && std::isnan(got)) || err <= rel * fabs(ref) + abs_;
  if (!ok) {
    if (failures < 20)
      fprintf(stderr, "%s: input %d: got %.17g, expected %.17g (error %.3g)\n", name, index, got, ref, err);
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
#define HOST_CHECK(name, dev, host, rel, abs_)                        \
  compare(#name, i, out[k * n + i], (double)(host), rel, abs_); \
  ++k;
    FLOAT_FUNCS(HOST_CHECK)
    compare("sincosf.sin", i, out[k * n + i], sin(B), 1e-5, 1e-6);
    ++k;
    compare("sincosf.cos", i, out[k * n + i], cos(B), 1e-5, 1e-6);
    ++k;
    double x = xs[i], y = ys[i];
    k = 0;
#define HOST_CHECK_D(name, dev, host, rel, abs_) \
  compare(#name, i, outD[k * n + i], (host), rel, abs_); \
  ++k;
    DOUBLE_FUNCS(HOST_CHECK_D)
  }
  // Exact special cases.
  if (!(out[0 * n + 1] == 0.0f && std::signbit(out[0 * n + 1]))) {
    fprintf(stderr, "sinf(-0) is not -0\n");
    ++failures;
  }

  printf("checked %d float and %d double functions on %d inputs: %d mismatches\n", floatOutputs,
         kDoubleFuncs, n, failures);
  CUDA_CHECK(cudaFree(dA));
  CUDA_CHECK(cudaFree(dB));
  CUDA_CHECK(cudaFree(dOut));
  CUDA_CHECK(cudaFree(dX));
  CUDA_CHECK(cudaFree(dY));
  CUDA_CHECK(cudaFree(dOutD));
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
