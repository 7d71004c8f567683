// cuda_fp16.h / cuda_bf16.h: integer conversions in every rounding mode, the saturating and approximate
// f16 forms and the classification helpers.
#include <cuda_bf16.h>
#include <cuda_fp16.h>

// Each 16-bit input read as __half and as __nv_bfloat16, converted to every integer type and mode.
#define CANOPY_TO_INT(o, name, h) \
  (o)[0] = (long long)name##_rn(h); (o)[1] = (long long)name##_rz(h); (o)[2] = (long long)name##_rd(h); (o)[3] = (long long)name##_ru(h);
extern "C" __global__ void half_to_int(const unsigned short* in, long long* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const __half h = __ushort_as_half(in[i]);
  const __nv_bfloat16 b = __ushort_as_bfloat16(in[i]);
  long long* o = out + i * 48;
  CANOPY_TO_INT(o + 0, __half2int, h) CANOPY_TO_INT(o + 4, __half2uint, h) CANOPY_TO_INT(o + 8, __half2short, h)
  CANOPY_TO_INT(o + 12, __half2ushort, h) CANOPY_TO_INT(o + 16, __half2ll, h) CANOPY_TO_INT(o + 20, __half2ull, h)
  CANOPY_TO_INT(o + 24, __bfloat162int, b) CANOPY_TO_INT(o + 28, __bfloat162uint, b)
  CANOPY_TO_INT(o + 32, __bfloat162short, b) CANOPY_TO_INT(o + 36, __bfloat162ushort, b)
  CANOPY_TO_INT(o + 40, __bfloat162ll, b) CANOPY_TO_INT(o + 44, __bfloat162ull, b)
}

// Each 64-bit input truncated to every integer type, converted in every mode.
#define CANOPY_FROM_INT(o, name, v, asbits) \
  (o)[0] = asbits(name##_rn(v)); (o)[1] = asbits(name##_rz(v)); (o)[2] = asbits(name##_rd(v)); (o)[3] = asbits(name##_ru(v));
extern "C" __global__ void int_to_half(const long long* in, unsigned short* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const long long v = in[i];
  unsigned short* o = out + i * 48;
  CANOPY_FROM_INT(o + 0, __int2half, (int)v, __half_as_ushort)
  CANOPY_FROM_INT(o + 4, __uint2half, (unsigned)v, __half_as_ushort)
  CANOPY_FROM_INT(o + 8, __short2half, (short)v, __half_as_ushort)
  CANOPY_FROM_INT(o + 12, __ushort2half, (unsigned short)v, __half_as_ushort)
  CANOPY_FROM_INT(o + 16, __ll2half, v, __half_as_ushort)
  CANOPY_FROM_INT(o + 20, __ull2half, (unsigned long long)v, __half_as_ushort)
  CANOPY_FROM_INT(o + 24, __int2bfloat16, (int)v, __bfloat16_as_ushort)
  CANOPY_FROM_INT(o + 28, __uint2bfloat16, (unsigned)v, __bfloat16_as_ushort)
  CANOPY_FROM_INT(o + 32, __short2bfloat16, (short)v, __bfloat16_as_ushort)
  CANOPY_FROM_INT(o + 36, __ushort2bfloat16, (unsigned short)v, __bfloat16_as_ushort)
  CANOPY_FROM_INT(o + 40, __ll2bfloat16, v, __bfloat16_as_ushort)
  CANOPY_FROM_INT(o + 44, __ull2bfloat16, (unsigned long long)v, __bfloat16_as_ushort)
}

// Pairs of f16 values (x low, y high): saturating forms, ex2/tanh approximations, classification.
extern "C" __global__ void half_misc(const unsigned* in, unsigned* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const __half2 a = __halves2half2(__ushort_as_half((unsigned short)in[i]), __ushort_as_half((unsigned short)(in[i] >> 16)));
  const __half2 b = __lowhigh2highlow(a);
  unsigned* o = out + i * 9;
  auto u = [](__half2 h) { return (unsigned)__half_as_ushort(h.x) | (unsigned)__half_as_ushort(h.y) << 16; };
  o[0] = u(__hadd2_sat(a, b));
  o[1] = u(__hfma2_sat(a, b, a));
  o[2] = u(h2exp2(a));
  o[3] = u(h2tanh_approx(a));
  o[4] = (unsigned)(__hisinf(a.x) + 1) | (unsigned)(__hisinf(__float2bfloat16(__low2float(a))) + 1) << 8;
  o[5] = __hlt2_mask(a, b);
  o[6] = u(__hmin2_nan(a, b));
  o[7] = u(__hsub2_sat(a, b));
  o[8] = u(__hfma2_relu(a, b, a));
}
