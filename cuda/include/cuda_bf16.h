/* PLACEHOLDER (branch tensor): the minimum of cuda_bf16.h that mma.h and its tests need, until the real
   header (branch fp16) replaces it at merge. __nv_bfloat16 holds bfloat16 bits (the upper half of an
   f32); __float2bfloat16 rounds to nearest even. */
#ifndef CANOPY_CUDA_BF16_H
#define CANOPY_CUDA_BF16_H

#include "crt/host_defines.h"

struct __nv_bfloat16 {
  unsigned short __x;
};

static __host__ __device__ __forceinline__ __nv_bfloat16 __float2bfloat16(float f) {
  unsigned int b = __builtin_bit_cast(unsigned int, f);
  __nv_bfloat16 h;
  if ((b & 0x7fffffffu) > 0x7f800000u) { h.__x = (unsigned short)((b >> 16) | 0x40u); return h; }  /* quiet NaN */
  b += 0x7fffu + ((b >> 16) & 1u);
  h.__x = (unsigned short)(b >> 16);
  return h;
}

static __host__ __device__ __forceinline__ float __bfloat162float(__nv_bfloat16 h) {
  return __builtin_bit_cast(float, (unsigned int)h.__x << 16);
}

#endif /* CANOPY_CUDA_BF16_H */
