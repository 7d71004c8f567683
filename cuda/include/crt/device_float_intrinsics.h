/* Canopy's CUDA headers: floating-point arithmetic with an explicit IEEE rounding mode (_rn to nearest
   even, _rz toward zero, _ru up, _rd down). Each is one PTX instruction with that rounding, which the
   compiler never contracts into an fma; _ftz forms are not offered (CUDA's are flush-free too). */
#ifndef CANOPY_CRT_DEVICE_FLOAT_INTRINSICS_H
#define CANOPY_CRT_DEVICE_FLOAT_INTRINSICS_H

#include "crt/device_common.h"

/* Binary operations for one type: __<prefix><op>_{rn,rz,ru,rd}(a, b) -> __nvvm_<op>_{rn,rz,rp,rm}_<t>. */
#define __CANOPY_ROUNDED_BINARY(_Tp, name, builtin, t)                                      \
  __CANOPY_DEVICE__ _Tp name##_rn(_Tp a, _Tp b) { return __nvvm_##builtin##_rn_##t(a, b); } \
  __CANOPY_DEVICE__ _Tp name##_rz(_Tp a, _Tp b) { return __nvvm_##builtin##_rz_##t(a, b); } \
  __CANOPY_DEVICE__ _Tp name##_ru(_Tp a, _Tp b) { return __nvvm_##builtin##_rp_##t(a, b); } \
  __CANOPY_DEVICE__ _Tp name##_rd(_Tp a, _Tp b) { return __nvvm_##builtin##_rm_##t(a, b); }
#define __CANOPY_ROUNDED_UNARY(_Tp, name, builtin, t)                             \
  __CANOPY_DEVICE__ _Tp name##_rn(_Tp a) { return __nvvm_##builtin##_rn_##t(a); } \
  __CANOPY_DEVICE__ _Tp name##_rz(_Tp a) { return __nvvm_##builtin##_rz_##t(a); } \
  __CANOPY_DEVICE__ _Tp name##_ru(_Tp a) { return __nvvm_##builtin##_rp_##t(a); } \
  __CANOPY_DEVICE__ _Tp name##_rd(_Tp a) { return __nvvm_##builtin##_rm_##t(a); }
#define __CANOPY_ROUNDED_TERNARY(_Tp, name, builtin, t)                                               \
  __CANOPY_DEVICE__ _Tp name##_rn(_Tp a, _Tp b, _Tp c) { return __nvvm_##builtin##_rn_##t(a, b, c); } \
  __CANOPY_DEVICE__ _Tp name##_rz(_Tp a, _Tp b, _Tp c) { return __nvvm_##builtin##_rz_##t(a, b, c); } \
  __CANOPY_DEVICE__ _Tp name##_ru(_Tp a, _Tp b, _Tp c) { return __nvvm_##builtin##_rp_##t(a, b, c); } \
  __CANOPY_DEVICE__ _Tp name##_rd(_Tp a, _Tp b, _Tp c) { return __nvvm_##builtin##_rm_##t(a, b, c); }

/* ---- single precision ---- */
__CANOPY_ROUNDED_BINARY(float, __fadd, add, f)
__CANOPY_ROUNDED_BINARY(float, __fmul, mul, f)
__CANOPY_ROUNDED_BINARY(float, __fdiv, div, f)
__CANOPY_ROUNDED_TERNARY(float, __fmaf, fma, f)
__CANOPY_ROUNDED_UNARY(float, __frcp, rcp, f)
__CANOPY_ROUNDED_UNARY(float, __fsqrt, sqrt, f)
/* a - b is a + (-b) exactly, negation being exact. */
__CANOPY_DEVICE__ float __fsub_rn(float a, float b) { return __nvvm_add_rn_f(a, -b); }
__CANOPY_DEVICE__ float __fsub_rz(float a, float b) { return __nvvm_add_rz_f(a, -b); }
__CANOPY_DEVICE__ float __fsub_ru(float a, float b) { return __nvvm_add_rp_f(a, -b); }
__CANOPY_DEVICE__ float __fsub_rd(float a, float b) { return __nvvm_add_rm_f(a, -b); }

/* Clamp to [+0, 1]; NaN gives +0 (cvt.sat.f32.f32). */
__CANOPY_DEVICE__ float __saturatef(float x) { return __nvvm_saturate_f(x); }

/* ---- double precision (CUDA names the double fma __fma_<mode>) ---- */
__CANOPY_ROUNDED_BINARY(double, __dadd, add, d)
__CANOPY_ROUNDED_BINARY(double, __dmul, mul, d)
__CANOPY_ROUNDED_BINARY(double, __ddiv, div, d)
__CANOPY_ROUNDED_TERNARY(double, __fma, fma, d)
__CANOPY_ROUNDED_UNARY(double, __drcp, rcp, d)
__CANOPY_ROUNDED_UNARY(double, __dsqrt, sqrt, d)
__CANOPY_DEVICE__ double __dsub_rn(double a, double b) { return __nvvm_add_rn_d(a, -b); }
__CANOPY_DEVICE__ double __dsub_rz(double a, double b) { return __nvvm_add_rz_d(a, -b); }
__CANOPY_DEVICE__ double __dsub_ru(double a, double b) { return __nvvm_add_rp_d(a, -b); }
__CANOPY_DEVICE__ double __dsub_rd(double a, double b) { return __nvvm_add_rm_d(a, -b); }

#undef __CANOPY_ROUNDED_BINARY
#undef __CANOPY_ROUNDED_UNARY
#undef __CANOPY_ROUNDED_TERNARY

#endif /* CANOPY_CRT_DEVICE_FLOAT_INTRINSICS_H */
