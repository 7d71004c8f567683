/* Canopy's CUDA headers: integer intrinsics (bit counts, bit reversal, byte permutation, funnel shifts,
   high halves of products, 24-bit products, sums of absolute differences, averages). */
#ifndef CANOPY_CRT_DEVICE_INT_INTRINSICS_H
#define CANOPY_CRT_DEVICE_INT_INTRINSICS_H

#include "crt/device_common.h"

__CANOPY_DEVICE__ int __popc(unsigned int x) { return __builtin_popcount(x); }
__CANOPY_DEVICE__ int __popcll(unsigned long long int x) { return __builtin_popcountll(x); }
/* clz.b32 gives 32 for 0; the conditional lets the compiler use it (clang's builtin is undefined at 0). */
__CANOPY_DEVICE__ int __clz(int x) { return x == 0 ? 32 : __builtin_clz((unsigned int)x); }
__CANOPY_DEVICE__ int __clzll(long long int x) {
  return x == 0 ? 64 : __builtin_clzll((unsigned long long int)x);
}
/* Position (from 1) of the least significant set bit, 0 if none. */
__CANOPY_DEVICE__ int __ffs(int x) { return __builtin_ffs(x); }
__CANOPY_DEVICE__ int __ffsll(long long int x) { return __builtin_ffsll(x); }
__CANOPY_DEVICE__ unsigned int __brev(unsigned int x) { return __builtin_bitreverse32(x); }
__CANOPY_DEVICE__ unsigned long long int __brevll(unsigned long long int x) {
  return __builtin_bitreverse64(x);
}
/* n-th set bit of mask at or after (offset > 0) / before (offset < 0) base (fns.b32). */
__CANOPY_DEVICE__ unsigned int __fns(unsigned int mask, unsigned int base, int offset) {
  return __nvvm_fns(mask, base, offset);
}

/* Byte n of the result is byte s[4n+2:4n] of the 8 bytes {y, x} (x is bytes 0-3). CUDA reads three
   selector bits per byte, PTX prmt four (the fourth replicates the sign), so the fourth is cleared. */
__CANOPY_DEVICE__ unsigned int __byte_perm(unsigned int x, unsigned int y, unsigned int s) {
  return (unsigned int)__nvvm_prmt(x, y, s & 0x7777u);
}

/* Funnel shifts of the 64-bit {hi, lo}: _l returns the high word after a left shift, _r the low word
   after a right shift; the plain forms take the amount modulo 32, the c forms clamp it to 32. */
__CANOPY_DEVICE__ unsigned int __funnelshift_l(unsigned int lo, unsigned int hi, unsigned int shift) {
  unsigned int r;
  asm("shf.l.wrap.b32 %0, %1, %2, %3;" : "=r"(r) : "r"(lo), "r"(hi), "r"(shift));
  return r;
}
__CANOPY_DEVICE__ unsigned int __funnelshift_lc(unsigned int lo, unsigned int hi, unsigned int shift) {
  unsigned int r;
  asm("shf.l.clamp.b32 %0, %1, %2, %3;" : "=r"(r) : "r"(lo), "r"(hi), "r"(shift));
  return r;
}
__CANOPY_DEVICE__ unsigned int __funnelshift_r(unsigned int lo, unsigned int hi, unsigned int shift) {
  unsigned int r;
  asm("shf.r.wrap.b32 %0, %1, %2, %3;" : "=r"(r) : "r"(lo), "r"(hi), "r"(shift));
  return r;
}
__CANOPY_DEVICE__ unsigned int __funnelshift_rc(unsigned int lo, unsigned int hi, unsigned int shift) {
  unsigned int r;
  asm("shf.r.clamp.b32 %0, %1, %2, %3;" : "=r"(r) : "r"(lo), "r"(hi), "r"(shift));
  return r;
}

/* High halves of full products. */
__CANOPY_DEVICE__ int __mulhi(int x, int y) { return __nvvm_mulhi_i(x, y); }
__CANOPY_DEVICE__ unsigned int __umulhi(unsigned int x, unsigned int y) { return __nvvm_mulhi_ui(x, y); }
__CANOPY_DEVICE__ long long int __mul64hi(long long int x, long long int y) { return __nvvm_mulhi_ll(x, y); }
__CANOPY_DEVICE__ unsigned long long int __umul64hi(unsigned long long int x, unsigned long long int y) {
  return __nvvm_mulhi_ull(x, y);
}
/* Low 32 bits of the product of the low 24 bits of each operand. */
__CANOPY_DEVICE__ int __mul24(int x, int y) { return __nvvm_mul24_i(x, y); }
__CANOPY_DEVICE__ unsigned int __umul24(unsigned int x, unsigned int y) { return __nvvm_mul24_ui(x, y); }

/* |x - y| + z */
__CANOPY_DEVICE__ unsigned int __sad(int x, int y, unsigned int z) {
  return (unsigned int)__nvvm_sad_i(x, y, (int)z);
}
__CANOPY_DEVICE__ unsigned int __usad(unsigned int x, unsigned int y, unsigned int z) {
  return __nvvm_sad_ui(x, y, z);
}

/* Averages without overflow of the intermediate sum: (x + y) >> 1 and (x + y + 1) >> 1. */
__CANOPY_DEVICE__ int __hadd(int x, int y) { return (int)(((long long int)x + y) >> 1); }
__CANOPY_DEVICE__ int __rhadd(int x, int y) { return (int)(((long long int)x + y + 1) >> 1); }
__CANOPY_DEVICE__ unsigned int __uhadd(unsigned int x, unsigned int y) {
  return (unsigned int)(((unsigned long long int)x + y) >> 1);
}
__CANOPY_DEVICE__ unsigned int __urhadd(unsigned int x, unsigned int y) {
  return (unsigned int)(((unsigned long long int)x + y + 1) >> 1);
}

/* Per-byte |a - b| of four unsigned bytes. */
__CANOPY_DEVICE__ unsigned int __vabsdiffu4(unsigned int a, unsigned int b) {
  unsigned int r = 0;
  for (int i = 0; i < 32; i += 8) {
    unsigned int x = (a >> i) & 0xffu, y = (b >> i) & 0xffu;
    r |= (x > y ? x - y : y - x) << i;
  }
  return r;
}

#endif /* CANOPY_CRT_DEVICE_INT_INTRINSICS_H */
