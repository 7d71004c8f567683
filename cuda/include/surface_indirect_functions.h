/* Canopy's CUDA headers: surface object reads and writes (surf1Dread/write, surf2Dread/write,
   surf3Dread/write) as CUDA declares them, written as the PTX suld.b / sust.b instructions (clang 14 has
   no surface builtins in our setup). x is a byte coordinate; a value of 1, 2, 4, 8 or 16 bytes moves as
   .b8, .b16, .b32, .v2.b32 or .v4.b32, and the boundary mode picks .zero, .clamp or .trap. */
#ifndef CANOPY_SURFACE_INDIRECT_FUNCTIONS_H
#define CANOPY_SURFACE_INDIRECT_FUNCTIONS_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __SURFACE_INDIRECT_FUNCTIONS_H__

#include "canopy_texture_types.h"
#include "crt/device_common.h"

#if defined(__cplusplus) && defined(__CUDA__)

/* One instruction in its three boundary variants. */
#define __CANOPY_SURF_MODES(mode, head, tail, ...)             \
  if ((mode) == cudaBoundaryModeZero)                          \
    asm volatile(head ".zero" tail __VA_ARGS__);               \
  else if ((mode) == cudaBoundaryModeClamp)                    \
    asm volatile(head ".clamp" tail __VA_ARGS__);              \
  else                                                         \
    asm volatile(head ".trap" tail __VA_ARGS__)

/* Loads and stores of `bytes` (1, 2, 4, 8, 16) as 32-bit words w. The coordinates are always operands
   (x, y, z); each geometry names the ones it uses. A1/A2/A4: the address after 1, 2 or 4 outputs; S: the
   address of a store, whose data follows at %4. */
#define __CANOPY_SURF_GEOMETRY(_Gp, _A1, _A2, _A4, _Sp)                                                        \
  __CANOPY_DEVICE__ void __canopy_suld_##_Gp(cudaSurfaceObject_t __s, int __x, int __y, int __z, int __bytes,  \
                                          int __mode, unsigned int* __w) {                                     \
    unsigned short __h = 0;                                                                                    \
    switch (__bytes) {                                                                                         \
      case 1:                                                                                                  \
        __CANOPY_SURF_MODES(__mode, "suld.b." #_Gp ".b8", " %0, " _A1 ";",                                     \
                            : "=h"(__h) : "l"(__s), "r"(__x), "r"(__y), "r"(__z));                             \
        __w[0] = __h;                                                                                          \
        break;                                                                                                 \
      case 2:                                                                                                  \
        __CANOPY_SURF_MODES(__mode, "suld.b." #_Gp ".b16", " %0, " _A1 ";",                                    \
                            : "=h"(__h) : "l"(__s), "r"(__x), "r"(__y), "r"(__z));                             \
        __w[0] = __h;                                                                                          \
        break;                                                                                                 \
      case 4:                                                                                                  \
        __CANOPY_SURF_MODES(__mode, "suld.b." #_Gp ".b32", " %0, " _A1 ";",                                    \
                            : "=r"(__w[0]) : "l"(__s), "r"(__x), "r"(__y), "r"(__z));                          \
        break;                                                                                                 \
      case 8:                                                                                                  \
        __CANOPY_SURF_MODES(__mode, "suld.b." #_Gp ".v2.b32", " {%0, %1}, " _A2 ";",                           \
                            : "=r"(__w[0]), "=r"(__w[1]) : "l"(__s), "r"(__x), "r"(__y), "r"(__z));            \
        break;                                                                                                 \
      default:                                                                                                 \
        __CANOPY_SURF_MODES(__mode, "suld.b." #_Gp ".v4.b32", " {%0, %1, %2, %3}, " _A4 ";",                   \
                            : "=r"(__w[0]), "=r"(__w[1]), "=r"(__w[2]), "=r"(__w[3])                           \
                            : "l"(__s), "r"(__x), "r"(__y), "r"(__z));                                         \
        break;                                                                                                 \
    }                                                                                                          \
  }                                                                                                            \
  __CANOPY_DEVICE__ void __canopy_sust_##_Gp(cudaSurfaceObject_t __s, int __x, int __y, int __z, int __bytes,  \
                                          int __mode, const unsigned int* __w) {                               \
    const unsigned short __h = (unsigned short)__w[0];                                                         \
    switch (__bytes) {                                                                                         \
      case 1:                                                                                                  \
        __CANOPY_SURF_MODES(__mode, "sust.b." #_Gp ".b8", " " _Sp ", %4;",                                     \
                            : : "l"(__s), "r"(__x), "r"(__y), "r"(__z), "h"(__h) : "memory");                  \
        break;                                                                                                 \
      case 2:                                                                                                  \
        __CANOPY_SURF_MODES(__mode, "sust.b." #_Gp ".b16", " " _Sp ", %4;",                                    \
                            : : "l"(__s), "r"(__x), "r"(__y), "r"(__z), "h"(__h) : "memory");                  \
        break;                                                                                                 \
      case 4:                                                                                                  \
        __CANOPY_SURF_MODES(__mode, "sust.b." #_Gp ".b32", " " _Sp ", %4;",                                    \
                            : : "l"(__s), "r"(__x), "r"(__y), "r"(__z), "r"(__w[0]) : "memory");               \
        break;                                                                                                 \
      case 8:                                                                                                  \
        __CANOPY_SURF_MODES(__mode, "sust.b." #_Gp ".v2.b32", " " _Sp ", {%4, %5};",                           \
                            : : "l"(__s), "r"(__x), "r"(__y), "r"(__z), "r"(__w[0]), "r"(__w[1]) : "memory");  \
        break;                                                                                                 \
      default:                                                                                                 \
        __CANOPY_SURF_MODES(__mode, "sust.b." #_Gp ".v4.b32", " " _Sp ", {%4, %5, %6, %7};",                   \
                            : : "l"(__s), "r"(__x), "r"(__y), "r"(__z), "r"(__w[0]), "r"(__w[1]), "r"(__w[2]), \
                              "r"(__w[3]) : "memory");                                                         \
        break;                                                                                                 \
    }                                                                                                          \
  }

__CANOPY_SURF_GEOMETRY(1d, "[%1, {%2}]", "[%2, {%3}]", "[%4, {%5}]", "[%0, {%1}]")
__CANOPY_SURF_GEOMETRY(2d, "[%1, {%2, %3}]", "[%2, {%3, %4}]", "[%4, {%5, %6}]", "[%0, {%1, %2}]")
__CANOPY_SURF_GEOMETRY(3d, "[%1, {%2, %3, %4, %4}]", "[%2, {%3, %4, %5, %5}]", "[%4, {%5, %6, %7, %7}]",
                       "[%0, {%1, %2, %3, %3}]")
#undef __CANOPY_SURF_GEOMETRY
#undef __CANOPY_SURF_MODES

#define __CANOPY_SURF_API(read, write, geom, params, args, y, z)                                                     \
  template <class _Tp>                                                                                               \
  static __device__ __forceinline__ _Tp read(cudaSurfaceObject_t __s, params,                                        \
                                           cudaSurfaceBoundaryMode __m = cudaBoundaryModeTrap) {                     \
    static_assert(sizeof(_Tp) == 1 || sizeof(_Tp) == 2 || sizeof(_Tp) == 4 || sizeof(_Tp) == 8 || sizeof(_Tp) == 16, \
                  "surface elements are 1, 2, 4, 8 or 16 bytes");                                                    \
    unsigned int __w[4] = {0, 0, 0, 0};                                                                              \
    __canopy_suld_##geom(__s, x, y, z, (int)sizeof(_Tp), (int)__m, __w);                                             \
    _Tp __r;                                                                                                         \
    __builtin_memcpy(&__r, __w, sizeof(_Tp));                                                                        \
    return __r;                                                                                                      \
  }                                                                                                                  \
  template <class _Tp>                                                                                               \
  static __device__ __forceinline__ void read(_Tp* __r, cudaSurfaceObject_t __s, params,                             \
                                              cudaSurfaceBoundaryMode __m = cudaBoundaryModeTrap) {                  \
    *__r = read<_Tp>(__s, args, __m);                                                                                \
  }                                                                                                                  \
  template <class _Tp>                                                                                               \
  static __device__ __forceinline__ void write(_Tp __v, cudaSurfaceObject_t __s, params,                             \
                                               cudaSurfaceBoundaryMode __m = cudaBoundaryModeTrap) {                 \
    static_assert(sizeof(_Tp) == 1 || sizeof(_Tp) == 2 || sizeof(_Tp) == 4 || sizeof(_Tp) == 8 || sizeof(_Tp) == 16, \
                  "surface elements are 1, 2, 4, 8 or 16 bytes");                                                    \
    unsigned int __w[4] = {0, 0, 0, 0};                                                                              \
    __builtin_memcpy(__w, &__v, sizeof(_Tp));                                                                        \
    __canopy_sust_##geom(__s, x, y, z, (int)sizeof(_Tp), (int)__m, __w);                                             \
  }

#define __CANOPY_COMMA ,
__CANOPY_SURF_API(surf1Dread, surf1Dwrite, 1d, int x, x, 0, 0)
__CANOPY_SURF_API(surf2Dread, surf2Dwrite, 2d, int x __CANOPY_COMMA int y, x __CANOPY_COMMA y, y, 0)
__CANOPY_SURF_API(surf3Dread, surf3Dwrite, 3d, int x __CANOPY_COMMA int y __CANOPY_COMMA int z,
                  x __CANOPY_COMMA y __CANOPY_COMMA z, y, z)
#undef __CANOPY_COMMA
#undef __CANOPY_SURF_API

#endif /* __cplusplus && __CUDA__ */
#endif /* CANOPY_SURFACE_INDIRECT_FUNCTIONS_H */
