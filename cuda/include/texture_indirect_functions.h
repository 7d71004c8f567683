/* Canopy's CUDA headers: texture object fetches (tex1Dfetch, tex1D, tex2D, tex3D, tex1DLayered,
   tex2DLayered) as CUDA declares them. clang 14 has no texture builtins in our setup, so each fetch is
   the PTX `tex` instruction written inline; the engine does the addressing, filtering and conversion
   (docs/cuda.md, "Textures and surfaces"). T picks the PTX result type: float element types fetch .f32
   (also for integer textures read with cudaReadModeNormalizedFloat), signed ones .s32, unsigned ones .u32. */
#ifndef CANOPY_TEXTURE_INDIRECT_FUNCTIONS_H
#define CANOPY_TEXTURE_INDIRECT_FUNCTIONS_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __TEXTURE_INDIRECT_FUNCTIONS_H__

#include "canopy_texture_types.h"
#include "crt/device_common.h"
#include "vector_types.h"

#if defined(__cplusplus) && defined(__CUDA__)

struct __canopy_tex_f {};
struct __canopy_tex_s {};
struct __canopy_tex_u {};

/* The raw fetches: one per geometry and result kind. Coordinates: "f" floats, "r" integers. */
#define __CANOPY_TEX_RAW(name, geom, params, coords, ...)                                             \
  __CANOPY_DEVICE__ float4 name(__canopy_tex_f, cudaTextureObject_t __t, params) {                    \
    float4 __r;                                                                                       \
    asm volatile("tex." geom ".v4.f32." coords                                                        \
                 : "=f"(__r.x), "=f"(__r.y), "=f"(__r.z), "=f"(__r.w)                                 \
                 : "l"(__t), __VA_ARGS__);                                                            \
    return __r;                                                                                       \
  }                                                                                                   \
  __CANOPY_DEVICE__ int4 name(__canopy_tex_s, cudaTextureObject_t __t, params) {                      \
    int4 __r;                                                                                         \
    asm volatile("tex." geom ".v4.s32." coords                                                        \
                 : "=r"(__r.x), "=r"(__r.y), "=r"(__r.z), "=r"(__r.w)                                 \
                 : "l"(__t), __VA_ARGS__);                                                            \
    return __r;                                                                                       \
  }                                                                                                   \
  __CANOPY_DEVICE__ uint4 name(__canopy_tex_u, cudaTextureObject_t __t, params) {                     \
    uint4 __r;                                                                                        \
    asm volatile("tex." geom ".v4.u32." coords                                                        \
                 : "=r"(__r.x), "=r"(__r.y), "=r"(__r.z), "=r"(__r.w)                                 \
                 : "l"(__t), __VA_ARGS__);                                                            \
    return __r;                                                                                       \
  }

#define __CANOPY_COMMA ,
__CANOPY_TEX_RAW(__canopy_tex_fetch, "1d", int __x, "s32 {%0, %1, %2, %3}, [%4, {%5}];", "r"(__x))
__CANOPY_TEX_RAW(__canopy_tex_1d, "1d", float __x, "f32 {%0, %1, %2, %3}, [%4, {%5}];", "f"(__x))
__CANOPY_TEX_RAW(__canopy_tex_2d, "2d", float __x __CANOPY_COMMA float __y,
                 "f32 {%0, %1, %2, %3}, [%4, {%5, %6}];", "f"(__x), "f"(__y))
__CANOPY_TEX_RAW(__canopy_tex_3d, "3d", float __x __CANOPY_COMMA float __y __CANOPY_COMMA float __z,
                 "f32 {%0, %1, %2, %3}, [%4, {%5, %6, %7, %7}];", "f"(__x), "f"(__y), "f"(__z))
__CANOPY_TEX_RAW(__canopy_tex_a1d, "a1d", float __x __CANOPY_COMMA int __layer,
                 "f32 {%0, %1, %2, %3}, [%4, {%6, %5}];", "f"(__x), "r"(__layer))
__CANOPY_TEX_RAW(__canopy_tex_a2d, "a2d", float __x __CANOPY_COMMA float __y __CANOPY_COMMA int __layer,
                 "f32 {%0, %1, %2, %3}, [%4, {%7, %5, %6, %6}];", "f"(__x), "f"(__y), "r"(__layer))
#undef __CANOPY_COMMA
#undef __CANOPY_TEX_RAW

/* Which fetch a result type uses and how the four values become it. */
template <class _Tp>
struct __canopy_texel;

#define __CANOPY_TEXEL(_Tp, _Tag, _Raw, ...)               \
  template <>                                              \
  struct __canopy_texel<_Tp> {                             \
    typedef _Tag tag;                                      \
    static __device__ __forceinline__ _Tp from(_Raw __v) { \
      _Tp __r = {__VA_ARGS__};                             \
      return __r;                                          \
    }                                                      \
  };
#define __CANOPY_TEXEL_FAMILY(_Sp, _Vp, _Tag, _Raw)                                       \
  __CANOPY_TEXEL(_Sp, _Tag, _Raw, (_Sp)__v.x)                                             \
  __CANOPY_TEXEL(_Vp##1, _Tag, _Raw, (_Sp)__v.x)                                          \
  __CANOPY_TEXEL(_Vp##2, _Tag, _Raw, (_Sp)__v.x, (_Sp)__v.y)                              \
  __CANOPY_TEXEL(_Vp##4, _Tag, _Raw, (_Sp)__v.x, (_Sp)__v.y, (_Sp)__v.z, (_Sp)__v.w)

__CANOPY_TEXEL_FAMILY(float, float, __canopy_tex_f, float4)
__CANOPY_TEXEL_FAMILY(int, int, __canopy_tex_s, int4)
__CANOPY_TEXEL_FAMILY(unsigned int, uint, __canopy_tex_u, uint4)
__CANOPY_TEXEL_FAMILY(short, short, __canopy_tex_s, int4)
__CANOPY_TEXEL_FAMILY(unsigned short, ushort, __canopy_tex_u, uint4)
__CANOPY_TEXEL_FAMILY(signed char, char, __canopy_tex_s, int4)
__CANOPY_TEXEL_FAMILY(unsigned char, uchar, __canopy_tex_u, uint4)
__CANOPY_TEXEL(char, __canopy_tex_s, int4, (char)__v.x)
#undef __CANOPY_TEXEL_FAMILY
#undef __CANOPY_TEXEL

#define __CANOPY_TEX_API(name, raw, params, args)                                            \
  template <class _Tp>                                                                       \
  static __device__ __forceinline__ _Tp name(cudaTextureObject_t __t, params) {              \
    return __canopy_texel<_Tp>::from(raw(typename __canopy_texel<_Tp>::tag(), __t, args));   \
  }                                                                                          \
  template <class _Tp>                                                                       \
  static __device__ __forceinline__ void name(_Tp* __ret, cudaTextureObject_t __t, params) { \
    *__ret = name<_Tp>(__t, args);                                                           \
  }

#define __CANOPY_COMMA ,
__CANOPY_TEX_API(tex1Dfetch, __canopy_tex_fetch, int x, x)
__CANOPY_TEX_API(tex1D, __canopy_tex_1d, float x, x)
__CANOPY_TEX_API(tex2D, __canopy_tex_2d, float x __CANOPY_COMMA float y, x __CANOPY_COMMA y)
__CANOPY_TEX_API(tex3D, __canopy_tex_3d, float x __CANOPY_COMMA float y __CANOPY_COMMA float z,
                 x __CANOPY_COMMA y __CANOPY_COMMA z)
__CANOPY_TEX_API(tex1DLayered, __canopy_tex_a1d, float x __CANOPY_COMMA int layer, x __CANOPY_COMMA layer)
__CANOPY_TEX_API(tex2DLayered, __canopy_tex_a2d, float x __CANOPY_COMMA float y __CANOPY_COMMA int layer,
                 x __CANOPY_COMMA y __CANOPY_COMMA layer)
#undef __CANOPY_COMMA
#undef __CANOPY_TEX_API


/* Cubemaps: the direction (x, y, z) picks the face of its major axis and that face's coordinates, as the
   CUDA Programming Guide's cubemap table gives them (faces +x, -x, +y, -y, +z, -z are layers 0-5; ties
   go to x, then y). The face is then a normalized-coordinate fetch of that layer (the runtime gives a
   cubemap object normalized coordinates and clamping). */
static __device__ __forceinline__ int __canopy_cube_face(float __x, float __y, float __z, float* __u, float* __v) {
  const float __ax = __builtin_fabsf(__x), __ay = __builtin_fabsf(__y), __az = __builtin_fabsf(__z);
  int __face;
  float __s, __t, __m;
  if (__ax >= __ay && __ax >= __az) {
    __face = __x >= 0.0f ? 0 : 1, __m = __ax, __s = __x >= 0.0f ? -__z : __z, __t = -__y;
  } else if (__ay >= __az) {
    __face = __y >= 0.0f ? 2 : 3, __m = __ay, __s = __x, __t = __y >= 0.0f ? __z : -__z;
  } else {
    __face = __z >= 0.0f ? 4 : 5, __m = __az, __s = __z >= 0.0f ? __x : -__x, __t = -__y;
  }
  *__u = (__s / __m + 1.0f) * 0.5f;
  *__v = (__t / __m + 1.0f) * 0.5f;
  return __face;
}
template <class _Tp>
static __device__ __forceinline__ _Tp texCubemap(cudaTextureObject_t __t, float x, float y, float z) {
  float __u, __v;
  const int __face = __canopy_cube_face(x, y, z, &__u, &__v);
  return tex2DLayered<_Tp>(__t, __u, __v, __face);
}
template <class _Tp>
static __device__ __forceinline__ void texCubemap(_Tp* __ret, cudaTextureObject_t __t, float x, float y, float z) {
  *__ret = texCubemap<_Tp>(__t, x, y, z);
}
template <class _Tp>
static __device__ __forceinline__ _Tp texCubemapLayered(cudaTextureObject_t __t, float x, float y, float z, int layer) {
  float __u, __v;
  const int __face = __canopy_cube_face(x, y, z, &__u, &__v);
  return tex2DLayered<_Tp>(__t, __u, __v, layer * 6 + __face);
}
template <class _Tp>
static __device__ __forceinline__ void texCubemapLayered(_Tp* __ret, cudaTextureObject_t __t, float x, float y, float z,
                                                        int layer) {
  *__ret = texCubemapLayered<_Tp>(__t, x, y, z, layer);
}

#endif /* __cplusplus && __CUDA__ */
#endif /* CANOPY_TEXTURE_INDIRECT_FUNCTIONS_H */
