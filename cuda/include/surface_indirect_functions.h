/* Canopy's CUDA headers: surface object reads and writes (surf1Dread/write, surf2Dread/write,
   surf3Dread/write) as CUDA declares them, written as the PTX suld.b / sust.b instructions (clang 14 has
   no surface builtins in our setup). x is a byte coordinate; a value of 1, 2, 4, 8 or 16 bytes moves as
   .b8, .b16, .b32, .v2.b32 or .v4.b32, and the boundary mode picks .zero, .clamp or .trap. */
#ifndef CANOPY_SURFACE_INDIRECT_FUNCTIONS_H
#define CANOPY_SURFACE_INDIRECT_FUNCTIONS_H

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
#define __CANOPY_SURF_GEOMETRY(G, A1, A2, A4, S)                                                              \
  __CANOPY_DEVICE__ void __canopy_suld_##G(cudaSurfaceObject_t __s, int __x, int __y, int __z, int __bytes,    \
                                          int __mode, unsigned int* __w) {                                    \
    unsigned short __h = 0;                                                                                   \
    switch (__bytes) {                                                                                        \
      case 1:                                                                                                 \
        __CANOPY_SURF_MODES(__mode, "suld.b." #G ".b8", " %0, " A1 ";",                                       \
                            : "=h"(__h) : "l"(__s), "r"(__x), "r"(__y), "r"(__z));                           \
        __w[0] = __h;                                                                                         \
        break;                                                                                                \
      case 2:                                                                                                 \
        __CANOPY_SURF_MODES(__mode, "suld.b." #G ".b16", " %0, " A1 ";",                                      \
                            : "=h"(__h) : "l"(__s), "r"(__x), "r"(__y), "r"(__z));                           \
        __w[0] = __h;                                                                                         \
        break;                                                                                                \
      case 4:                                                                                                 \
        __CANOPY_SURF_MODES(__mode, "suld.b." #G ".b32", " %0, " A1 ";",                                      \
                            : "=r"(__w[0]) : "l"(__s), "r"(__x), "r"(__y), "r"(__z));                        \
        break;                                                                                                \
      case 8:                                                                                                 \
        __CANOPY_SURF_MODES(__mode, "suld.b." #G ".v2.b32", " {%0, %1}, " A2 ";",                             \
                            : "=r"(__w[0]), "=r"(__w[1]) : "l"(__s), "r"(__x), "r"(__y), "r"(__z));          \
        break;                                                                                                \
      default:                                                                                                \
        __CANOPY_SURF_MODES(__mode, "suld.b." #G ".v4.b32", " {%0, %1, %2, %3}, " A4 ";",                     \
                            : "=r"(__w[0]), "=r"(__w[1]), "=r"(__w[2]), "=r"(__w[3])                         \
                            : "l"(__s), "r"(__x), "r"(__y), "r"(__z));                                        \
        break;                                                                                                \
    }                                                                                                         \
  }                                                                                                           \
  __CANOPY_DEVICE__ void __canopy_sust_##G(cudaSurfaceObject_t __s, int __x, int __y, int __z, int __bytes,    \
                                          int __mode, const unsigned int* __w) {                              \
    const unsigned short __h = (unsigned short)__w[0];                                                        \
    switch (__bytes) {                                                                                        \
      case 1:                                                                                                 \
        __CANOPY_SURF_MODES(__mode, "sust.b." #G ".b8", " " S ", %4;",                                        \
                            : : "l"(__s), "r"(__x), "r"(__y), "r"(__z), "h"(__h) : "memory");               \
        break;                                                                                                \
      case 2:                                                                                                 \
        __CANOPY_SURF_MODES(__mode, "sust.b." #G ".b16", " " S ", %4;",                                       \
                            : : "l"(__s), "r"(__x), "r"(__y), "r"(__z), "h"(__h) : "memory");               \
        break;                                                                                                \
      case 4:                                                                                                 \
        __CANOPY_SURF_MODES(__mode, "sust.b." #G ".b32", " " S ", %4;",                                       \
                            : : "l"(__s), "r"(__x), "r"(__y), "r"(__z), "r"(__w[0]) : "memory");            \
        break;                                                                                                \
      case 8:                                                                                                 \
        __CANOPY_SURF_MODES(__mode, "sust.b." #G ".v2.b32", " " S ", {%4, %5};",                              \
                            : : "l"(__s), "r"(__x), "r"(__y), "r"(__z), "r"(__w[0]), "r"(__w[1]) : "memory"); \
        break;                                                                                                \
      default:                                                                                                \
        __CANOPY_SURF_MODES(__mode, "sust.b." #G ".v4.b32", " " S ", {%4, %5, %6, %7};",                      \
                            : : "l"(__s), "r"(__x), "r"(__y), "r"(__z), "r"(__w[0]), "r"(__w[1]), "r"(__w[2]), \
                              "r"(__w[3]) : "memory");                                                        \
        break;                                                                                                \
    }                                                                                                         \
  }

__CANOPY_SURF_GEOMETRY(1d, "[%1, {%2}]", "[%2, {%3}]", "[%4, {%5}]", "[%0, {%1}]")
__CANOPY_SURF_GEOMETRY(2d, "[%1, {%2, %3}]", "[%2, {%3, %4}]", "[%4, {%5, %6}]", "[%0, {%1, %2}]")
__CANOPY_SURF_GEOMETRY(3d, "[%1, {%2, %3, %4, %4}]", "[%2, {%3, %4, %5, %5}]", "[%4, {%5, %6, %7, %7}]",
                       "[%0, {%1, %2, %3, %3}]")
#undef __CANOPY_SURF_GEOMETRY
#undef __CANOPY_SURF_MODES

#define __CANOPY_SURF_API(read, write, geom, params, args, y, z)                                                   \
  template <class T>                                                                                        \
  static __device__ __forceinline__ T read(cudaSurfaceObject_t __s, params,                                 \
                                           cudaSurfaceBoundaryMode __m = cudaBoundaryModeTrap) {            \
    static_assert(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8 || sizeof(T) == 16, \
                  "surface elements are 1, 2, 4, 8 or 16 bytes");                                          \
    unsigned int __w[4] = {0, 0, 0, 0};                                                                     \
    __canopy_suld_##geom(__s, x, y, z, (int)sizeof(T), (int)__m, __w);                                      \
    T __r;                                                                                                  \
    __builtin_memcpy(&__r, __w, sizeof(T));                                                                 \
    return __r;                                                                                             \
  }                                                                                                         \
  template <class T>                                                                                        \
  static __device__ __forceinline__ void read(T* __r, cudaSurfaceObject_t __s, params,                      \
                                              cudaSurfaceBoundaryMode __m = cudaBoundaryModeTrap) {         \
    *__r = read<T>(__s, args, __m);                                                                      \
  }                                                                                                         \
  template <class T>                                                                                        \
  static __device__ __forceinline__ void write(T __v, cudaSurfaceObject_t __s, params,                      \
                                               cudaSurfaceBoundaryMode __m = cudaBoundaryModeTrap) {        \
    static_assert(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8 || sizeof(T) == 16, \
                  "surface elements are 1, 2, 4, 8 or 16 bytes");                                          \
    unsigned int __w[4] = {0, 0, 0, 0};                                                                     \
    __builtin_memcpy(__w, &__v, sizeof(T));                                                                 \
    __canopy_sust_##geom(__s, x, y, z, (int)sizeof(T), (int)__m, __w);                                      \
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
