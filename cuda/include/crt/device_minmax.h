/* CUDA's integer and floating-point min/max overloads (usable in host and device code of .cu files),
   and umin/llmin/ullmin and friends. Mixed signed/unsigned arguments compare as unsigned, as CUDA's do. */
#ifndef CANOPY_CRT_DEVICE_MINMAX_H
#define CANOPY_CRT_DEVICE_MINMAX_H

#include "crt/host_defines.h"

#if defined(__CUDA__) && defined(__cplusplus)

#define __CANOPY_MINMAX static __host__ __device__ __forceinline__
#define __CANOPY_MINMAX_PAIR(_Tp, _Up, _Rp)                                           \
  __CANOPY_MINMAX _Rp min(_Tp a, _Up b) { return (_Rp)a < (_Rp)b ? (_Rp)a : (_Rp)b; } \
  __CANOPY_MINMAX _Rp max(_Tp a, _Up b) { return (_Rp)a > (_Rp)b ? (_Rp)a : (_Rp)b; }

__CANOPY_MINMAX_PAIR(int, int, int)
__CANOPY_MINMAX_PAIR(unsigned int, unsigned int, unsigned int)
__CANOPY_MINMAX_PAIR(int, unsigned int, unsigned int)
__CANOPY_MINMAX_PAIR(unsigned int, int, unsigned int)
__CANOPY_MINMAX_PAIR(long, long, long)
__CANOPY_MINMAX_PAIR(unsigned long, unsigned long, unsigned long)
__CANOPY_MINMAX_PAIR(long, unsigned long, unsigned long)
__CANOPY_MINMAX_PAIR(unsigned long, long, unsigned long)
__CANOPY_MINMAX_PAIR(long long, long long, long long)
__CANOPY_MINMAX_PAIR(unsigned long long, unsigned long long, unsigned long long)
__CANOPY_MINMAX_PAIR(long long, unsigned long long, unsigned long long)
__CANOPY_MINMAX_PAIR(unsigned long long, long long, unsigned long long)
#undef __CANOPY_MINMAX_PAIR

/* Floating point follows fminf/fmaxf (a NaN operand yields the other operand). */
__CANOPY_MINMAX float min(float a, float b) { return __builtin_fminf(a, b); }
__CANOPY_MINMAX float max(float a, float b) { return __builtin_fmaxf(a, b); }
__CANOPY_MINMAX double min(double a, double b) { return __builtin_fmin(a, b); }
__CANOPY_MINMAX double max(double a, double b) { return __builtin_fmax(a, b); }
__CANOPY_MINMAX double min(float a, double b) { return __builtin_fmin(a, b); }
__CANOPY_MINMAX double max(float a, double b) { return __builtin_fmax(a, b); }
__CANOPY_MINMAX double min(double a, float b) { return __builtin_fmin(a, b); }
__CANOPY_MINMAX double max(double a, float b) { return __builtin_fmax(a, b); }

__CANOPY_MINMAX unsigned int umin(unsigned int a, unsigned int b) { return a < b ? a : b; }
__CANOPY_MINMAX unsigned int umax(unsigned int a, unsigned int b) { return a > b ? a : b; }
__CANOPY_MINMAX long long llmin(long long a, long long b) { return a < b ? a : b; }
__CANOPY_MINMAX long long llmax(long long a, long long b) { return a > b ? a : b; }
__CANOPY_MINMAX unsigned long long ullmin(unsigned long long a, unsigned long long b) { return a < b ? a : b; }
__CANOPY_MINMAX unsigned long long ullmax(unsigned long long a, unsigned long long b) { return a > b ? a : b; }
#undef __CANOPY_MINMAX

#endif
#endif /* CANOPY_CRT_DEVICE_MINMAX_H */
