/* PLACEHOLDER (branch tensor): the minimum of cuda_fp16.h that mma.h and its tests need, until the real
   header (branch fp16) replaces it at merge. __half holds IEEE binary16 bits; conversions round to
   nearest even, as __float2half does. */
#ifndef CANOPY_CUDA_FP16_H
#define CANOPY_CUDA_FP16_H

#include "crt/host_defines.h"

struct __half {
  unsigned short __x;
};

static __host__ __device__ __forceinline__ __half __float2half(float f) {
  unsigned int b = __builtin_bit_cast(unsigned int, f);
  unsigned int sign = (b >> 16) & 0x8000u, mag = b & 0x7fffffffu;
  __half h;
  if (mag > 0x7f800000u) { h.__x = (unsigned short)(sign | 0x7fffu); return h; }  /* NaN */
  if (mag >= 0x477ff000u) { h.__x = (unsigned short)(sign | 0x7c00u); return h; } /* rounds to inf */
  if (mag < 0x38800000u) {                                                         /* f16 subnormal or 0 */
    int shift = 126 - (int)(mag >> 23);                                             /* >= 14 */
    unsigned int m = (mag & 0x7fffffu) | 0x800000u;
    if (shift > 24) { h.__x = (unsigned short)sign; return h; }
    unsigned int q = m >> shift, rem = m & ((1u << shift) - 1u), halfway = 1u << (shift - 1);
    if (rem > halfway || (rem == halfway && (q & 1u))) ++q;
    h.__x = (unsigned short)(sign | q);
    return h;
  }
  unsigned int r = mag - 0x38000000u;  /* rebias 127 -> 15 */
  unsigned int q = r >> 13, rem = r & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (q & 1u))) ++q;
  h.__x = (unsigned short)(sign | q);
  return h;
}

static __host__ __device__ __forceinline__ float __half2float(__half h) {
  unsigned int sign = (unsigned int)(h.__x & 0x8000u) << 16, e = (h.__x >> 10) & 0x1fu, m = h.__x & 0x3ffu;
  unsigned int b;
  if (e == 0x1fu) b = sign | 0x7f800000u | (m << 13);
  else if (e != 0) b = sign | ((e + 112u) << 23) | (m << 13);
  else if (m == 0) b = sign;
  else {
    int k = 0;
    while (!(m & 0x400u)) m <<= 1, ++k;
    b = sign | ((unsigned int)(113 - k) << 23) | ((m & 0x3ffu) << 13);
  }
  return __builtin_bit_cast(float, b);
}

#endif /* CANOPY_CUDA_FP16_H */
