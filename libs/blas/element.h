// Arithmetic on the four BLAS element types (float, double, cuComplex, cuDoubleComplex) under one set of
// names, so that each kernel is written once. Device code only; real types use fused multiply-add as the
// GPU's BLAS does.
#pragma once
#include <cuComplex.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include <cstdint>

namespace canopy_blas {

template <typename Elem>
struct RealOf {
  using type = Elem;
};
template <>
struct RealOf<cuComplex> {
  using type = float;
};
template <>
struct RealOf<cuDoubleComplex> {
  using type = double;
};
template <typename Elem>
using real_t = typename RealOf<Elem>::type;

__device__ inline float add(float a, float b) { return a + b; }
__device__ inline double add(double a, double b) { return a + b; }
__device__ inline cuComplex add(cuComplex a, cuComplex b) { return cuCaddf(a, b); }
__device__ inline cuDoubleComplex add(cuDoubleComplex a, cuDoubleComplex b) { return cuCadd(a, b); }

__device__ inline float sub(float a, float b) { return a - b; }
__device__ inline double sub(double a, double b) { return a - b; }
__device__ inline cuComplex sub(cuComplex a, cuComplex b) { return cuCsubf(a, b); }
__device__ inline cuDoubleComplex sub(cuDoubleComplex a, cuDoubleComplex b) { return cuCsub(a, b); }

__device__ inline float mul(float a, float b) { return a * b; }
__device__ inline double mul(double a, double b) { return a * b; }
__device__ inline cuComplex mul(cuComplex a, cuComplex b) { return cuCmulf(a, b); }
__device__ inline cuDoubleComplex mul(cuDoubleComplex a, cuDoubleComplex b) { return cuCmul(a, b); }
// A complex times a real.
__device__ inline cuComplex mul(cuComplex a, float b) { return make_cuComplex(a.x * b, a.y * b); }
__device__ inline cuDoubleComplex mul(cuDoubleComplex a, double b) { return make_cuDoubleComplex(a.x * b, a.y * b); }

__device__ inline float divide(float a, float b) { return a / b; }
__device__ inline double divide(double a, double b) { return a / b; }
__device__ inline cuComplex divide(cuComplex a, cuComplex b) { return cuCdivf(a, b); }
__device__ inline cuDoubleComplex divide(cuDoubleComplex a, cuDoubleComplex b) { return cuCdiv(a, b); }

// acc + a * b.
__device__ inline float madd(float acc, float a, float b) { return fmaf(a, b, acc); }
__device__ inline double madd(double acc, double a, double b) { return fma(a, b, acc); }
__device__ inline cuComplex madd(cuComplex acc, cuComplex a, cuComplex b) {
  return make_cuComplex(fmaf(-a.y, b.y, fmaf(a.x, b.x, acc.x)), fmaf(a.y, b.x, fmaf(a.x, b.y, acc.y)));
}
__device__ inline cuDoubleComplex madd(cuDoubleComplex acc, cuDoubleComplex a, cuDoubleComplex b) {
  return make_cuDoubleComplex(fma(-a.y, b.y, fma(a.x, b.x, acc.x)), fma(a.y, b.x, fma(a.x, b.y, acc.y)));
}

__device__ inline float conj_of(float a) { return a; }
__device__ inline double conj_of(double a) { return a; }
__device__ inline cuComplex conj_of(cuComplex a) { return cuConjf(a); }
__device__ inline cuDoubleComplex conj_of(cuDoubleComplex a) { return cuConj(a); }

__device__ inline bool is_zero(float a) { return a == 0.0f; }
__device__ inline bool is_zero(double a) { return a == 0.0; }
__device__ inline bool is_zero(cuComplex a) { return a.x == 0.0f && a.y == 0.0f; }
__device__ inline bool is_zero(cuDoubleComplex a) { return a.x == 0.0 && a.y == 0.0; }

// The real part alone (the diagonal of a Hermitian matrix).
__device__ inline float real_part(float a) { return a; }
__device__ inline double real_part(double a) { return a; }
__device__ inline cuComplex real_part(cuComplex a) { return make_cuComplex(a.x, 0.0f); }
__device__ inline cuDoubleComplex real_part(cuDoubleComplex a) { return make_cuDoubleComplex(a.x, 0.0); }

template <typename Elem>
__device__ inline Elem one();
template <>
__device__ inline float one() { return 1.0f; }
template <>
__device__ inline double one() { return 1.0; }
template <>
__device__ inline cuComplex one() { return make_cuComplex(1.0f, 0.0f); }
template <>
__device__ inline cuDoubleComplex one() { return make_cuDoubleComplex(1.0, 0.0); }
template <>
__device__ inline __half one() { return __float2half_rn(1.0f); }
template <>
__device__ inline __nv_bfloat16 one() { return __float2bfloat16_rn(1.0f); }
template <>
__device__ inline int8_t one() { return 1; }

// |re| + |im|: the magnitude BLAS's i?amax, i?amin and ?asum use for complex elements.
__device__ inline float abs1(float a) { return fabsf(a); }
__device__ inline double abs1(double a) { return fabs(a); }
__device__ inline float abs1(cuComplex a) { return fabsf(a.x) + fabsf(a.y); }
__device__ inline double abs1(cuDoubleComplex a) { return fabs(a.x) + fabs(a.y); }

// The narrow types of gemmEx and Hgemm: half arithmetic for CUBLAS_COMPUTE_16F; 32-bit integer
// arithmetic (wrapping, as the hardware's) for CUBLAS_COMPUTE_32I.
__device__ inline __half add(__half a, __half b) { return __hadd(a, b); }
__device__ inline __half mul(__half a, __half b) { return __hmul(a, b); }
__device__ inline __half madd(__half acc, __half a, __half b) { return __hfma(a, b, acc); }
__device__ inline bool is_zero(__half a) { return __half2float(a) == 0.0f; }
__device__ inline int add(int a, int b) { return static_cast<int>(static_cast<unsigned>(a) + static_cast<unsigned>(b)); }
__device__ inline int mul(int a, int b) { return static_cast<int>(static_cast<unsigned>(a) * static_cast<unsigned>(b)); }
__device__ inline int madd(int acc, int a, int b) { return add(acc, mul(a, b)); }
__device__ inline bool is_zero(int a) { return a == 0; }
// Only general operands of these types reach the kernels; the structured reads compile to these.
__device__ inline __half conj_of(__half a) { return a; }
__device__ inline __nv_bfloat16 conj_of(__nv_bfloat16 a) { return a; }
__device__ inline int8_t conj_of(int8_t a) { return a; }
__device__ inline __half real_part(__half a) { return a; }
__device__ inline __nv_bfloat16 real_part(__nv_bfloat16 a) { return a; }
__device__ inline int8_t real_part(int8_t a) { return a; }

// Conversion between the storage, compute and scale types (round to nearest even where narrowing).
template <typename To, typename From>
__device__ inline To convert(From v) {
  if constexpr (__is_same(To, From)) return v;
  else if constexpr (__is_same(From, __half)) return static_cast<To>(__half2float(v));
  else if constexpr (__is_same(From, __nv_bfloat16)) return static_cast<To>(__bfloat162float(v));
  else if constexpr (__is_same(To, __half)) return __float2half_rn(static_cast<float>(v));
  else if constexpr (__is_same(To, __nv_bfloat16)) return __float2bfloat16_rn(static_cast<float>(v));
  else return static_cast<To>(v);
}

// A float rounded to TF32 (10 fraction bits) to nearest, ties away from zero, as cvt.rna.tf32.f32 does.
__device__ inline float round_to_tf32(float v) {
  unsigned bits = __float_as_uint(v);
  if ((bits & 0x7f800000u) == 0x7f800000u) return v;  // inf and NaN pass
  bits = (bits + 0x1000u) & 0xffffe000u;
  return __uint_as_float(bits);
}

template <typename Elem>
__device__ inline Elem zero() {
  return Elem{};
}

// Element i (0-based) of a strided vector with BLAS's convention for negative increments: the vector
// starts at the far end, so x[0] is read last.
template <typename Elem>
__device__ inline Elem* strided(Elem* base, int n, int inc, long long i) {
  long long start = inc < 0 ? static_cast<long long>(n - 1) * -inc : 0;
  return base + start + i * inc;
}

}  // namespace canopy_blas

namespace canopy_blas {

// The scalar 1 on the host, for routines that call a kernel with a fixed alpha.
template <typename Elem>
inline Elem host_one() {
  Elem v{};
  if constexpr (sizeof(Elem) == sizeof(float) || sizeof(Elem) == sizeof(double) && !__is_same(Elem, cuComplex))
    v = Elem(1);
  else
    v.x = 1;
  return v;
}

}  // namespace canopy_blas
