/* Canopy's CUDA headers: atomic read-modify-write functions on global or shared memory (generic
   addresses). Each returns the old value. The plain forms are device-scoped (atom.gpu), the _block forms
   are atomic among the threads of a block (atom.cta) and the _system forms also towards the host
   (atom.sys). Types are those CUDA allows for each operation. */
#ifndef CANOPY_CRT_DEVICE_ATOMICS_H
#define CANOPY_CRT_DEVICE_ATOMICS_H

#include "crt/device_common.h"

/* clang 14 lowers its scoped unsigned min/max builtins to signed PTX (atom.cta.min.s32), so unsigned
   min/max are written out in PTX. The builtins take signed pointers; unsigned values go through them
   unchanged (two's complement). */
#define __CANOPY_I32(p) ((int*)(p))
#define __CANOPY_I64(p) ((long long*)(p))

#define __CANOPY_ATOMICS(sfx, scope, ptx_scope)                                                              \
  __CANOPY_DEVICE__ int atomicAdd##sfx(int* p, int v) { return __nvvm_atom_##scope##add_gen_i(p, v); }       \
  __CANOPY_DEVICE__ unsigned int atomicAdd##sfx(unsigned int* p, unsigned int v) {                           \
    return (unsigned int)__nvvm_atom_##scope##add_gen_i(__CANOPY_I32(p), (int)v);                            \
  }                                                                                                          \
  __CANOPY_DEVICE__ unsigned long long int atomicAdd##sfx(unsigned long long int* p,                         \
                                                          unsigned long long int v) {                        \
    return (unsigned long long int)__nvvm_atom_##scope##add_gen_ll(__CANOPY_I64(p), (long long)v);           \
  }                                                                                                          \
  __CANOPY_DEVICE__ float atomicAdd##sfx(float* p, float v) { return __nvvm_atom_##scope##add_gen_f(p, v); } \
  __CANOPY_DEVICE__ double atomicAdd##sfx(double* p, double v) {                                             \
    return __nvvm_atom_##scope##add_gen_d(p, v);                                                             \
  }                                                                                                          \
  /* x - v is x + (0 - v) in wrapping arithmetic */                                                          \
  __CANOPY_DEVICE__ int atomicSub##sfx(int* p, int v) {                                                      \
    return __nvvm_atom_##scope##add_gen_i(p, (int)(0u - (unsigned int)v));                                   \
  }                                                                                                          \
  __CANOPY_DEVICE__ unsigned int atomicSub##sfx(unsigned int* p, unsigned int v) {                           \
    return (unsigned int)__nvvm_atom_##scope##add_gen_i(__CANOPY_I32(p), (int)(0u - v));                     \
  }                                                                                                          \
  __CANOPY_DEVICE__ int atomicExch##sfx(int* p, int v) { return __nvvm_atom_##scope##xchg_gen_i(p, v); }     \
  __CANOPY_DEVICE__ unsigned int atomicExch##sfx(unsigned int* p, unsigned int v) {                          \
    return (unsigned int)__nvvm_atom_##scope##xchg_gen_i(__CANOPY_I32(p), (int)v);                           \
  }                                                                                                          \
  __CANOPY_DEVICE__ unsigned long long int atomicExch##sfx(unsigned long long int* p,                        \
                                                           unsigned long long int v) {                       \
    return (unsigned long long int)__nvvm_atom_##scope##xchg_gen_ll(__CANOPY_I64(p), (long long)v);          \
  }                                                                                                          \
  __CANOPY_DEVICE__ float atomicExch##sfx(float* p, float v) {                                               \
    return __builtin_bit_cast(float,                                                                         \
                              __nvvm_atom_##scope##xchg_gen_i(__CANOPY_I32(p), __builtin_bit_cast(int, v))); \
  }                                                                                                          \
  __CANOPY_DEVICE__ int atomicMin##sfx(int* p, int v) { return __nvvm_atom_##scope##min_gen_i(p, v); }       \
  __CANOPY_DEVICE__ unsigned int atomicMin##sfx(unsigned int* p, unsigned int v) {                           \
    unsigned int old;                                                                                        \
    asm volatile("atom" ptx_scope ".min.u32 %0, [%1], %2;" : "=r"(old) : "l"(p), "r"(v) : "memory");         \
    return old;                                                                                              \
  }                                                                                                          \
  __CANOPY_DEVICE__ long long int atomicMin##sfx(long long int* p, long long int v) {                        \
    return __nvvm_atom_##scope##min_gen_ll(p, v);                                                            \
  }                                                                                                          \
  __CANOPY_DEVICE__ unsigned long long int atomicMin##sfx(unsigned long long int* p,                         \
                                                          unsigned long long int v) {                        \
    unsigned long long int old;                                                                              \
    asm volatile("atom" ptx_scope ".min.u64 %0, [%1], %2;" : "=l"(old) : "l"(p), "l"(v) : "memory");         \
    return old;                                                                                              \
  }                                                                                                          \
  __CANOPY_DEVICE__ int atomicMax##sfx(int* p, int v) { return __nvvm_atom_##scope##max_gen_i(p, v); }       \
  __CANOPY_DEVICE__ unsigned int atomicMax##sfx(unsigned int* p, unsigned int v) {                           \
    unsigned int old;                                                                                        \
    asm volatile("atom" ptx_scope ".max.u32 %0, [%1], %2;" : "=r"(old) : "l"(p), "r"(v) : "memory");         \
    return old;                                                                                              \
  }                                                                                                          \
  __CANOPY_DEVICE__ long long int atomicMax##sfx(long long int* p, long long int v) {                        \
    return __nvvm_atom_##scope##max_gen_ll(p, v);                                                            \
  }                                                                                                          \
  __CANOPY_DEVICE__ unsigned long long int atomicMax##sfx(unsigned long long int* p,                         \
                                                          unsigned long long int v) {                        \
    unsigned long long int old;                                                                              \
    asm volatile("atom" ptx_scope ".max.u64 %0, [%1], %2;" : "=l"(old) : "l"(p), "l"(v) : "memory");         \
    return old;                                                                                              \
  }                                                                                                          \
  /* inc: old >= v ? 0 : old + 1;  dec: (old == 0 || old > v) ? v : old - 1 */                               \
  __CANOPY_DEVICE__ unsigned int atomicInc##sfx(unsigned int* p, unsigned int v) {                           \
    return __nvvm_atom_##scope##inc_gen_ui(p, v);                                                            \
  }                                                                                                          \
  __CANOPY_DEVICE__ unsigned int atomicDec##sfx(unsigned int* p, unsigned int v) {                           \
    return __nvvm_atom_##scope##dec_gen_ui(p, v);                                                            \
  }                                                                                                          \
  __CANOPY_DEVICE__ int atomicCAS##sfx(int* p, int compare, int v) {                                         \
    return __nvvm_atom_##scope##cas_gen_i(p, compare, v);                                                    \
  }                                                                                                          \
  __CANOPY_DEVICE__ unsigned int atomicCAS##sfx(unsigned int* p, unsigned int compare, unsigned int v) {     \
    return (unsigned int)__nvvm_atom_##scope##cas_gen_i(__CANOPY_I32(p), (int)compare, (int)v);              \
  }                                                                                                          \
  __CANOPY_DEVICE__ unsigned long long int atomicCAS##sfx(                                                   \
      unsigned long long int* p, unsigned long long int compare, unsigned long long int v) {                 \
    return (unsigned long long int)__nvvm_atom_##scope##cas_gen_ll(__CANOPY_I64(p), (long long)compare,      \
                                                                   (long long)v);                            \
  }                                                                                                          \
  __CANOPY_ATOMIC_BITWISE(And, and, sfx, scope)                                                              \
  __CANOPY_ATOMIC_BITWISE(Or, or, sfx, scope)                                                                \
  __CANOPY_ATOMIC_BITWISE(Xor, xor, sfx, scope)

#define __CANOPY_ATOMIC_BITWISE(_Name, op, sfx, scope)                                                      \
  __CANOPY_DEVICE__ int atomic##_Name##sfx(int* p, int v) { return __nvvm_atom_##scope##op##_gen_i(p, v); } \
  __CANOPY_DEVICE__ unsigned int atomic##_Name##sfx(unsigned int* p, unsigned int v) {                      \
    return (unsigned int)__nvvm_atom_##scope##op##_gen_i(__CANOPY_I32(p), (int)v);                          \
  }                                                                                                         \
  __CANOPY_DEVICE__ unsigned long long int atomic##_Name##sfx(unsigned long long int* p,                    \
                                                             unsigned long long int v) {                    \
    return (unsigned long long int)__nvvm_atom_##scope##op##_gen_ll(__CANOPY_I64(p), (long long)v);         \
  }

__CANOPY_ATOMICS(, , "")
__CANOPY_ATOMICS(_block, cta_, ".cta")
__CANOPY_ATOMICS(_system, sys_, ".sys")

#undef __CANOPY_ATOMICS
#undef __CANOPY_ATOMIC_BITWISE
#undef __CANOPY_I32
#undef __CANOPY_I64

#endif /* CANOPY_CRT_DEVICE_ATOMICS_H */
