/* Canopy's CUDA headers: conversions between integers and floating point with an explicit rounding mode,
   and bit reinterpretation. Float-to-integer conversions follow PTX cvt: NaN gives 0 and values outside
   the destination's range saturate to its nearest bound. */
#ifndef CANOPY_CRT_DEVICE_CONVERSIONS_H
#define CANOPY_CRT_DEVICE_CONVERSIONS_H

#include "crt/device_common.h"

/* __<from>2<to>_{rn,rz,ru,rd}(x) -> __nvvm_<f>2<t>_{rn,rz,rp,rm}(x). */
#define __CANOPY_CONVERT(_Rp, _Ap, name, builtin)                                  \
  __CANOPY_DEVICE__ _Rp name##_rn(_Ap x) { return (_Rp)__nvvm_##builtin##_rn(x); } \
  __CANOPY_DEVICE__ _Rp name##_rz(_Ap x) { return (_Rp)__nvvm_##builtin##_rz(x); } \
  __CANOPY_DEVICE__ _Rp name##_ru(_Ap x) { return (_Rp)__nvvm_##builtin##_rp(x); } \
  __CANOPY_DEVICE__ _Rp name##_rd(_Ap x) { return (_Rp)__nvvm_##builtin##_rm(x); }

/* floating point -> integer. LLVM 14 folds the round-toward-zero builtins into its generic conversion,
   whose out-of-range and NaN results are undefined (constant operands then fold to nothing), so the _rz
   forms are written as PTX. */
#define __CANOPY_CONVERT_TO_INT(_Rp, _Ap, name, builtin, ptx, rc, ac)              \
  __CANOPY_DEVICE__ _Rp name##_rn(_Ap x) { return (_Rp)__nvvm_##builtin##_rn(x); } \
  __CANOPY_DEVICE__ _Rp name##_rz(_Ap x) {                                         \
    _Rp r;                                                                         \
    asm("cvt.rzi." ptx " %0, %1;" : "=" rc(r) : ac(x));                            \
    return r;                                                                      \
  }                                                                                \
  __CANOPY_DEVICE__ _Rp name##_ru(_Ap x) { return (_Rp)__nvvm_##builtin##_rp(x); } \
  __CANOPY_DEVICE__ _Rp name##_rd(_Ap x) { return (_Rp)__nvvm_##builtin##_rm(x); }
__CANOPY_CONVERT_TO_INT(int, float, __float2int, f2i, "s32.f32", "r", "f")
__CANOPY_CONVERT_TO_INT(unsigned int, float, __float2uint, f2ui, "u32.f32", "r", "f")
__CANOPY_CONVERT_TO_INT(long long int, float, __float2ll, f2ll, "s64.f32", "l", "f")
__CANOPY_CONVERT_TO_INT(unsigned long long int, float, __float2ull, f2ull, "u64.f32", "l", "f")
__CANOPY_CONVERT_TO_INT(int, double, __double2int, d2i, "s32.f64", "r", "d")
__CANOPY_CONVERT_TO_INT(unsigned int, double, __double2uint, d2ui, "u32.f64", "r", "d")
__CANOPY_CONVERT_TO_INT(long long int, double, __double2ll, d2ll, "s64.f64", "l", "d")
__CANOPY_CONVERT_TO_INT(unsigned long long int, double, __double2ull, d2ull, "u64.f64", "l", "d")
#undef __CANOPY_CONVERT_TO_INT

/* integer -> floating point (rounding matters when the integer has more bits than the significand).
   LLVM 14 folds the round-toward-zero builtins of these into its generic conversion, which rounds to
   nearest, so the _rz forms are written as PTX. */
#define __CANOPY_CONVERT_FROM_INT(_Rp, _Ap, name, builtin, ptx, rc, ac)       \
  __CANOPY_DEVICE__ _Rp name##_rn(_Ap x) { return __nvvm_##builtin##_rn(x); } \
  __CANOPY_DEVICE__ _Rp name##_rz(_Ap x) {                                    \
    _Rp r;                                                                    \
    asm("cvt.rz." ptx " %0, %1;" : "=" rc(r) : ac(x));                        \
    return r;                                                                 \
  }                                                                           \
  __CANOPY_DEVICE__ _Rp name##_ru(_Ap x) { return __nvvm_##builtin##_rp(x); } \
  __CANOPY_DEVICE__ _Rp name##_rd(_Ap x) { return __nvvm_##builtin##_rm(x); }
__CANOPY_CONVERT_FROM_INT(float, int, __int2float, i2f, "f32.s32", "f", "r")
__CANOPY_CONVERT_FROM_INT(float, unsigned int, __uint2float, ui2f, "f32.u32", "f", "r")
__CANOPY_CONVERT_FROM_INT(float, long long int, __ll2float, ll2f, "f32.s64", "f", "l")
__CANOPY_CONVERT_FROM_INT(float, unsigned long long int, __ull2float, ull2f, "f32.u64", "f", "l")
__CANOPY_CONVERT_FROM_INT(double, long long int, __ll2double, ll2d, "f64.s64", "d", "l")
__CANOPY_CONVERT_FROM_INT(double, unsigned long long int, __ull2double, ull2d, "f64.u64", "d", "l")
#undef __CANOPY_CONVERT_FROM_INT
/* A 32-bit integer always fits a double exactly. */
__CANOPY_DEVICE__ double __int2double_rn(int x) { return (double)x; }
__CANOPY_DEVICE__ double __uint2double_rn(unsigned int x) { return (double)x; }

/* double -> float */
__CANOPY_CONVERT(float, double, __double2float, d2f)

#undef __CANOPY_CONVERT

/* ---- bit reinterpretation ---- */
__CANOPY_DEVICE__ int __float_as_int(float x) { return __builtin_bit_cast(int, x); }
__CANOPY_DEVICE__ unsigned int __float_as_uint(float x) { return __builtin_bit_cast(unsigned int, x); }
__CANOPY_DEVICE__ float __int_as_float(int x) { return __builtin_bit_cast(float, x); }
__CANOPY_DEVICE__ float __uint_as_float(unsigned int x) { return __builtin_bit_cast(float, x); }
__CANOPY_DEVICE__ long long int __double_as_longlong(double x) {
  return __builtin_bit_cast(long long int, x);
}
__CANOPY_DEVICE__ double __longlong_as_double(long long int x) { return __builtin_bit_cast(double, x); }
__CANOPY_DEVICE__ int __double2hiint(double x) { return __nvvm_d2i_hi(x); }
__CANOPY_DEVICE__ int __double2loint(double x) { return __nvvm_d2i_lo(x); }
__CANOPY_DEVICE__ double __hiloint2double(int hi, int lo) { return __nvvm_lohi_i2d(lo, hi); }

#endif /* CANOPY_CRT_DEVICE_CONVERSIONS_H */
