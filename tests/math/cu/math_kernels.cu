// One kernel per device math function: out[i] = f(in[i]...) for i < n. Kernel names are k_<function>;
// tests/math/*_test.cpp run them on the simulated GPU and compare with MPFR.
#define CANOPY_INDEX (blockIdx.x * blockDim.x + threadIdx.x)

#define UNARY(T, f)                                             \
  extern "C" __global__ void k_##f(const T* a, T* out, int n) { \
    int i = CANOPY_INDEX;                                       \
    if (i < n) out[i] = f(a[i]);                                \
  }
#define BINARY(T, f)                                                        \
  extern "C" __global__ void k_##f(const T* a, const T* b, T* out, int n) { \
    int i = CANOPY_INDEX;                                                   \
    if (i < n) out[i] = f(a[i], b[i]);                                      \
  }
#define TO_INT(T, R, f)                                         \
  extern "C" __global__ void k_##f(const T* a, R* out, int n) { \
    int i = CANOPY_INDEX;                                       \
    if (i < n) out[i] = (R)f(a[i]);                             \
  }
#define WITH_INT(T, f)                                                        \
  extern "C" __global__ void k_##f(const T* a, const int* b, T* out, int n) { \
    int i = CANOPY_INDEX;                                                     \
    if (i < n) out[i] = f(a[i], b[i]);                                        \
  }

#define BOTH_UNARY(name) UNARY(float, name##f) UNARY(double, name)
#define BOTH_BINARY(name) BINARY(float, name##f) BINARY(double, name)

BOTH_UNARY(exp)
BOTH_UNARY(exp2) BOTH_UNARY(exp10) BOTH_UNARY(expm1) BOTH_UNARY(log) BOTH_UNARY(log2) BOTH_UNARY(log10)
    BOTH_UNARY(log1p) BOTH_UNARY(sin) BOTH_UNARY(cos) BOTH_UNARY(tan) BOTH_UNARY(sinpi) BOTH_UNARY(cospi)
        BOTH_UNARY(asin) BOTH_UNARY(acos) BOTH_UNARY(atan) BOTH_UNARY(sinh) BOTH_UNARY(cosh) BOTH_UNARY(
            tanh) BOTH_UNARY(asinh) BOTH_UNARY(acosh) BOTH_UNARY(atanh) BOTH_UNARY(sqrt) BOTH_UNARY(rsqrt)
            BOTH_UNARY(cbrt) BOTH_UNARY(rcbrt) BOTH_UNARY(erf) BOTH_UNARY(erfc) BOTH_UNARY(erfinv) BOTH_UNARY(erfcinv) BOTH_UNARY(normcdfinv) BOTH_UNARY(erfcx) BOTH_BINARY(rhypot) BOTH_UNARY(
                normcdf) BOTH_UNARY(lgamma) BOTH_UNARY(tgamma) BOTH_UNARY(floor) BOTH_UNARY(ceil)
                BOTH_UNARY(round) BOTH_UNARY(trunc) BOTH_UNARY(rint) BOTH_UNARY(nearbyint) BOTH_UNARY(fabs)
                    BOTH_UNARY(logb) BOTH_BINARY(atan2) BOTH_BINARY(pow) BOTH_BINARY(hypot) BOTH_BINARY(fmod)
                        BOTH_BINARY(remainder) BOTH_BINARY(fmin) BOTH_BINARY(fmax) BOTH_BINARY(fdim)
                            BOTH_BINARY(copysign) BOTH_BINARY(nextafter) TO_INT(float, int, ilogbf)
                                TO_INT(double, int, ilogb) TO_INT(float, long long, lrintf)
                                    TO_INT(float, long long, llrintf) TO_INT(float, long long, lroundf)
                                        TO_INT(float, long long, llroundf) TO_INT(double, long long, lrint)
                                            TO_INT(double, long long, llrint) TO_INT(double, long long,
                                                                                     lround)
                                                TO_INT(double, long long, llround) TO_INT(float, int, isnan)
                                                    TO_INT(float, int, isinf) TO_INT(float, int, isfinite)
                                                        TO_INT(float, int, signbit) WITH_INT(float, ldexpf)
                                                            WITH_INT(double, ldexp) WITH_INT(float, scalbnf)
                                                                WITH_INT(double, scalbn)

    // Fast intrinsics.
    UNARY(float, __expf) UNARY(float, __exp10f) UNARY(float, __logf) UNARY(float, __log2f)
        UNARY(float, __log10f) UNARY(float, __sinf) UNARY(float, __cosf) UNARY(float, __tanf)
            BINARY(float, __powf) BINARY(float, __fdividef)

                extern "C" __global__
    void k_fmaf(const float* a, const float* b, const float* c, float* out, int n) {
  int i = CANOPY_INDEX;
  if (i < n) out[i] = fmaf(a[i], b[i], c[i]);
}
extern "C" __global__ void k_fma(const double* a, const double* b, const double* c, double* out, int n) {
  int i = CANOPY_INDEX;
  if (i < n) out[i] = fma(a[i], b[i], c[i]);
}
extern "C" __global__ void k_sincosf(const float* a, float* s, float* c, int n) {
  int i = CANOPY_INDEX;
  if (i < n) sincosf(a[i], &s[i], &c[i]);
}
extern "C" __global__ void k_sincos(const double* a, double* s, double* c, int n) {
  int i = CANOPY_INDEX;
  if (i < n) sincos(a[i], &s[i], &c[i]);
}
extern "C" __global__ void k___sincosf(const float* a, float* s, float* c, int n) {
  int i = CANOPY_INDEX;
  if (i < n) __sincosf(a[i], &s[i], &c[i]);
}
extern "C" __global__ void k_frexpf(const float* a, float* m, int* e, int n) {
  int i = CANOPY_INDEX;
  if (i < n) m[i] = frexpf(a[i], &e[i]);
}
extern "C" __global__ void k_frexp(const double* a, double* m, int* e, int n) {
  int i = CANOPY_INDEX;
  if (i < n) m[i] = frexp(a[i], &e[i]);
}
extern "C" __global__ void k_modff(const float* a, float* f, float* ip, int n) {
  int i = CANOPY_INDEX;
  if (i < n) f[i] = modff(a[i], &ip[i]);
}
extern "C" __global__ void k_modf(const double* a, double* f, double* ip, int n) {
  int i = CANOPY_INDEX;
  if (i < n) f[i] = modf(a[i], &ip[i]);
}

// The C++ spellings must reach the same device functions: float overloads of the double names and std::.
extern "C" __global__ void k_overloads(const float* a, float* out, int n) {
  int i = CANOPY_INDEX;
  if (i < n) {
    float x = a[i];
    out[4 * i + 0] = exp(x) - expf(x);
    out[4 * i + 1] = std::sin(x) - sinf(x);
    out[4 * i + 2] = pow(x, 1.5f) - powf(x, 1.5f);
    out[4 * i + 3] = std::atan2(x, 2.0f) - atan2f(x, 2.0f);
  }
}

// European call and put prices by the Black-Scholes formula (float math: logf, sqrtf, expf in the normal
// CDF's polynomial approximation, Abramowitz-Stegun 26.2.17), one option per thread; bench/ (BM_BlackScholes)
// measures the float math library's cost with it.
__device__ float normal_cdf(float d) {
  const float k = 1.0f / (1.0f + 0.2316419f * fabsf(d));
  const float poly = k * (0.31938153f + k * (-0.356563782f + k * (1.781477937f + k * (-1.821255978f + k * 1.330274429f))));
  const float tail = 0.3989422804f * expf(-0.5f * d * d) * poly;
  return d > 0 ? 1.0f - tail : tail;
}
extern "C" __global__ void black_scholes(const float* spot, const float* strike, const float* years, float* call,
                                         float* put, float rate, float volatility, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const float root = sqrtf(years[i]);
  const float d1 = (logf(spot[i] / strike[i]) + (rate + 0.5f * volatility * volatility) * years[i]) / (volatility * root);
  const float d2 = d1 - volatility * root;
  const float discount = expf(-rate * years[i]);
  call[i] = spot[i] * normal_cdf(d1) - strike[i] * discount * normal_cdf(d2);
  put[i] = strike[i] * discount * (1.0f - normal_cdf(d2)) - spot[i] * (1.0f - normal_cdf(d1));
}
