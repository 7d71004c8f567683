/* Canopy's CUDA headers: loads and stores with cache hints, for every scalar type and the vector types
   of vector_types.h. __ldg is a read-only (non-coherent) load through clang's builtins; the other hints
   (__ldca, __ldcg, __ldcs, __ldlu, __ldcv; __stwb, __stcg, __stcs, __stwt) are PTX cache operators
   clang has no builtins for, written as one ld/st of the value's size whose bits are then reinterpreted.
   The pointers are generic addresses of global memory, which PTX gives the same value in the global
   space. The asm statements clobber memory so that they stay ordered with ordinary accesses. */
#ifndef CANOPY_CRT_DEVICE_LOADS_H
#define CANOPY_CRT_DEVICE_LOADS_H

#include "crt/device_common.h"
#include "vector_types.h"

/* ---- __ldg ---- */
typedef char __canopy_c2 __attribute__((ext_vector_type(2)));
typedef char __canopy_c4 __attribute__((ext_vector_type(4)));
typedef unsigned char __canopy_uc2 __attribute__((ext_vector_type(2)));
typedef unsigned char __canopy_uc4 __attribute__((ext_vector_type(4)));
typedef short __canopy_s2 __attribute__((ext_vector_type(2)));
typedef short __canopy_s4 __attribute__((ext_vector_type(4)));
typedef unsigned short __canopy_us2 __attribute__((ext_vector_type(2)));
typedef unsigned short __canopy_us4 __attribute__((ext_vector_type(4)));
typedef int __canopy_i2 __attribute__((ext_vector_type(2)));
typedef int __canopy_i4 __attribute__((ext_vector_type(4)));
typedef unsigned int __canopy_ui2 __attribute__((ext_vector_type(2)));
typedef unsigned int __canopy_ui4 __attribute__((ext_vector_type(4)));
typedef long long __canopy_ll2 __attribute__((ext_vector_type(2)));
typedef unsigned long long __canopy_ull2 __attribute__((ext_vector_type(2)));
typedef float __canopy_f2 __attribute__((ext_vector_type(2)));
typedef float __canopy_f4 __attribute__((ext_vector_type(4)));
typedef double __canopy_d2 __attribute__((ext_vector_type(2)));

#define __CANOPY_LDG(_Tp, b) \
  __CANOPY_DEVICE__ _Tp __ldg(const _Tp* p) { return __nvvm_ldg_##b(p); }
/* A CUDA vector struct has the size of the matching clang vector; its members are read through it. */
#define __CANOPY_LDG_VEC(_Tp, _Vp, b) \
  __CANOPY_DEVICE__ _Tp __ldg(const _Tp* p) { return __builtin_bit_cast(_Tp, __nvvm_ldg_##b((const _Vp*)p)); }

__CANOPY_LDG(char, c)
__CANOPY_LDG(short, s)
__CANOPY_LDG(int, i)
__CANOPY_LDG(long, l)
__CANOPY_LDG(long long, ll)
__CANOPY_LDG(unsigned char, uc)
__CANOPY_LDG(unsigned short, us)
__CANOPY_LDG(unsigned int, ui)
__CANOPY_LDG(unsigned long, ul)
__CANOPY_LDG(unsigned long long, ull)
__CANOPY_LDG(float, f)
__CANOPY_LDG(double, d)
__CANOPY_DEVICE__ signed char __ldg(const signed char* p) {
  return (signed char)__nvvm_ldg_c((const char*)p);
}
__CANOPY_LDG_VEC(char2, __canopy_c2, c2)
__CANOPY_LDG_VEC(char4, __canopy_c4, c4)
__CANOPY_LDG_VEC(uchar2, __canopy_uc2, uc2)
__CANOPY_LDG_VEC(uchar4, __canopy_uc4, uc4)
__CANOPY_LDG_VEC(short2, __canopy_s2, s2)
__CANOPY_LDG_VEC(short4, __canopy_s4, s4)
__CANOPY_LDG_VEC(ushort2, __canopy_us2, us2)
__CANOPY_LDG_VEC(ushort4, __canopy_us4, us4)
__CANOPY_LDG_VEC(int2, __canopy_i2, i2)
__CANOPY_LDG_VEC(int4, __canopy_i4, i4)
__CANOPY_LDG_VEC(uint2, __canopy_ui2, ui2)
__CANOPY_LDG_VEC(uint4, __canopy_ui4, ui4)
__CANOPY_LDG_VEC(longlong2, __canopy_ll2, ll2)
__CANOPY_LDG_VEC(ulonglong2, __canopy_ull2, ull2)
__CANOPY_LDG_VEC(float2, __canopy_f2, f2)
__CANOPY_LDG_VEC(float4, __canopy_f4, f4)
__CANOPY_LDG_VEC(double2, __canopy_d2, d2)
#undef __CANOPY_LDG
#undef __CANOPY_LDG_VEC

/* ---- the other cache operators: one access of 1, 2, 4, 8 or 16 bytes ---- */
struct __canopy_bits128 {
  unsigned long long lo, hi;
};

#define __CANOPY_CACHED_ACCESS(op)                                                                         \
  __CANOPY_DEVICE__ unsigned char __canopy_ld_##op##_8(const void* p) {                                    \
    unsigned int r;                                                                                        \
    asm volatile("ld.global." #op ".u8 %0, [%1];" : "=r"(r) : "l"(p) : "memory");                          \
    return (unsigned char)r;                                                                               \
  }                                                                                                        \
  __CANOPY_DEVICE__ unsigned short __canopy_ld_##op##_16(const void* p) {                                  \
    unsigned int r;                                                                                        \
    asm volatile("ld.global." #op ".u16 %0, [%1];" : "=r"(r) : "l"(p) : "memory");                         \
    return (unsigned short)r;                                                                              \
  }                                                                                                        \
  __CANOPY_DEVICE__ unsigned int __canopy_ld_##op##_32(const void* p) {                                    \
    unsigned int r;                                                                                        \
    asm volatile("ld.global." #op ".u32 %0, [%1];" : "=r"(r) : "l"(p) : "memory");                         \
    return r;                                                                                              \
  }                                                                                                        \
  __CANOPY_DEVICE__ unsigned long long __canopy_ld_##op##_64(const void* p) {                              \
    unsigned long long r;                                                                                  \
    asm volatile("ld.global." #op ".u64 %0, [%1];" : "=l"(r) : "l"(p) : "memory");                         \
    return r;                                                                                              \
  }                                                                                                        \
  __CANOPY_DEVICE__ __canopy_bits128 __canopy_ld_##op##_128(const void* p) {                               \
    __canopy_bits128 r;                                                                                    \
    asm volatile("ld.global." #op ".v2.u64 {%0, %1}, [%2];" : "=l"(r.lo), "=l"(r.hi) : "l"(p) : "memory"); \
    return r;                                                                                              \
  }
#define __CANOPY_CACHED_STORE(op)                                                                       \
  __CANOPY_DEVICE__ void __canopy_st_##op##_8(void* p, unsigned char v) {                               \
    asm volatile("st.global." #op ".u8 [%0], %1;" ::"l"(p), "r"((unsigned int)v) : "memory");           \
  }                                                                                                     \
  __CANOPY_DEVICE__ void __canopy_st_##op##_16(void* p, unsigned short v) {                             \
    asm volatile("st.global." #op ".u16 [%0], %1;" ::"l"(p), "r"((unsigned int)v) : "memory");          \
  }                                                                                                     \
  __CANOPY_DEVICE__ void __canopy_st_##op##_32(void* p, unsigned int v) {                               \
    asm volatile("st.global." #op ".u32 [%0], %1;" ::"l"(p), "r"(v) : "memory");                        \
  }                                                                                                     \
  __CANOPY_DEVICE__ void __canopy_st_##op##_64(void* p, unsigned long long v) {                         \
    asm volatile("st.global." #op ".u64 [%0], %1;" ::"l"(p), "l"(v) : "memory");                        \
  }                                                                                                     \
  __CANOPY_DEVICE__ void __canopy_st_##op##_128(void* p, __canopy_bits128 v) {                          \
    asm volatile("st.global." #op ".v2.u64 [%0], {%1, %2};" ::"l"(p), "l"(v.lo), "l"(v.hi) : "memory"); \
  }

__CANOPY_CACHED_ACCESS(ca)
__CANOPY_CACHED_ACCESS(cg)
__CANOPY_CACHED_ACCESS(cs)
__CANOPY_CACHED_ACCESS(lu)
__CANOPY_CACHED_ACCESS(cv)
__CANOPY_CACHED_STORE(wb)
__CANOPY_CACHED_STORE(cg)
__CANOPY_CACHED_STORE(cs)
__CANOPY_CACHED_STORE(wt)

/* Every type the hinted accesses take, with its size in bits. */
#define __CANOPY_HINTED_TYPES(_Xp)                                                                                       \
  _Xp(char, 8)                                                                                                           \
  _Xp(signed char, 8) _Xp(unsigned char, 8) _Xp(short, 16) _Xp(unsigned short, 16) _Xp(int, 32) _Xp(unsigned int, 32)    \
      _Xp(long, 64) _Xp(unsigned long, 64) _Xp(long long, 64) _Xp(unsigned long long, 64) _Xp(float, 32) _Xp(double, 64) \
          _Xp(char2, 16) _Xp(char4, 32) _Xp(uchar2, 16) _Xp(uchar4, 32) _Xp(short2, 32) _Xp(short4, 64) _Xp(ushort2, 32) \
              _Xp(ushort4, 64) _Xp(int2, 64) _Xp(int4, 128) _Xp(uint2, 64) _Xp(uint4, 128) _Xp(longlong2, 128)           \
                  _Xp(ulonglong2, 128) _Xp(float2, 64) _Xp(float4, 128) _Xp(double2, 128)

#define __CANOPY_HINTED_LOAD(name, op, _Tp, bits) \
  __CANOPY_DEVICE__ _Tp name(const _Tp* p) { return __builtin_bit_cast(_Tp, __canopy_ld_##op##_##bits(p)); }
#define __CANOPY_HINTED_STORE(name, op, _Tp, bits)                                             \
  __CANOPY_DEVICE__ void name(_Tp* p, _Tp v) {                                                 \
    __canopy_st_##op##_##bits(p, __builtin_bit_cast(decltype(__canopy_ld_cg_##bits(p)), v));   \
  }
#define __CANOPY_LDCA(_Tp, bits) __CANOPY_HINTED_LOAD(__ldca, ca, _Tp, bits)
#define __CANOPY_LDCG(_Tp, bits) __CANOPY_HINTED_LOAD(__ldcg, cg, _Tp, bits)
#define __CANOPY_LDCS(_Tp, bits) __CANOPY_HINTED_LOAD(__ldcs, cs, _Tp, bits)
#define __CANOPY_LDLU(_Tp, bits) __CANOPY_HINTED_LOAD(__ldlu, lu, _Tp, bits)
#define __CANOPY_LDCV(_Tp, bits) __CANOPY_HINTED_LOAD(__ldcv, cv, _Tp, bits)
#define __CANOPY_STWB(_Tp, bits) __CANOPY_HINTED_STORE(__stwb, wb, _Tp, bits)
#define __CANOPY_STCG(_Tp, bits) __CANOPY_HINTED_STORE(__stcg, cg, _Tp, bits)
#define __CANOPY_STCS(_Tp, bits) __CANOPY_HINTED_STORE(__stcs, cs, _Tp, bits)
#define __CANOPY_STWT(_Tp, bits) __CANOPY_HINTED_STORE(__stwt, wt, _Tp, bits)
__CANOPY_HINTED_TYPES(__CANOPY_LDCA)
__CANOPY_HINTED_TYPES(__CANOPY_LDCG)
__CANOPY_HINTED_TYPES(__CANOPY_LDCS)
__CANOPY_HINTED_TYPES(__CANOPY_LDLU)
__CANOPY_HINTED_TYPES(__CANOPY_LDCV)
__CANOPY_HINTED_TYPES(__CANOPY_STWB)
__CANOPY_HINTED_TYPES(__CANOPY_STCG)
__CANOPY_HINTED_TYPES(__CANOPY_STCS)
__CANOPY_HINTED_TYPES(__CANOPY_STWT)
#undef __CANOPY_LDCA
#undef __CANOPY_LDCG
#undef __CANOPY_LDCS
#undef __CANOPY_LDLU
#undef __CANOPY_LDCV
#undef __CANOPY_STWB
#undef __CANOPY_STCG
#undef __CANOPY_STCS
#undef __CANOPY_STWT
#undef __CANOPY_HINTED_LOAD
#undef __CANOPY_HINTED_STORE
#undef __CANOPY_HINTED_TYPES
#undef __CANOPY_CACHED_ACCESS
#undef __CANOPY_CACHED_STORE

#endif /* CANOPY_CRT_DEVICE_LOADS_H */
