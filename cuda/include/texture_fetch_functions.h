/* Canopy's CUDA headers: CUDA's texture_fetch_functions.h, the fetches through texture references
   (texture<> variables). clang passes a texture<> value as the reference's handle; its PTX
   `mov.u64 %rd, texref` reads the texture object bound to the reference, and the fetch is then the
   texture-object fetch of texture_indirect_functions.h. The normalized-float read mode returns float
   (or floatN) for 8- and 16-bit integer texels, as CUDA does. */
#ifndef CANOPY_TEXTURE_FETCH_FUNCTIONS_H
#define CANOPY_TEXTURE_FETCH_FUNCTIONS_H
#define __TEXTURE_FETCH_FUNCTIONS_H__

#if defined(__cplusplus) && defined(__CUDA__)
#include "cuda_texture_types.h"
#include "texture_indirect_functions.h"

template <class _Tp, enum cudaTextureReadMode __mode>
struct __canopy_texref_result {
  typedef _Tp type;
};
#define __CANOPY_TEXREF_FLOAT(_Tp, _Rp)                        \
  template <>                                                  \
  struct __canopy_texref_result<_Tp, cudaReadModeNormalizedFloat> { \
    typedef _Rp type;                                          \
  };
#define __CANOPY_TEXREF_FLOAT_FAMILY(_Sp, _Vp) \
  __CANOPY_TEXREF_FLOAT(_Sp, float)            \
  __CANOPY_TEXREF_FLOAT(_Vp##1, float1)        \
  __CANOPY_TEXREF_FLOAT(_Vp##2, float2)        \
  __CANOPY_TEXREF_FLOAT(_Vp##4, float4)
__CANOPY_TEXREF_FLOAT(char, float)
__CANOPY_TEXREF_FLOAT_FAMILY(signed char, char)
__CANOPY_TEXREF_FLOAT_FAMILY(unsigned char, uchar)
__CANOPY_TEXREF_FLOAT_FAMILY(short, short)
__CANOPY_TEXREF_FLOAT_FAMILY(unsigned short, ushort)
#undef __CANOPY_TEXREF_FLOAT_FAMILY
#undef __CANOPY_TEXREF_FLOAT

/* The texture object bound to the reference `__t` (clang lowers the value to the reference's handle). */
template <class _Tp>
static __device__ __forceinline__ cudaTextureObject_t __canopy_texref_object(_Tp __t) {
  cudaTextureObject_t __o;
  asm("mov.b64 %0, %1;" : "=l"(__o) : "l"(__t));
  return __o;
}

#define __CANOPY_TEXREF_API(name, geometry, params, args)                                                    \
  template <class _Tp, enum cudaTextureReadMode __mode>                                                     \
  static __device__ __forceinline__ typename __canopy_texref_result<_Tp, __mode>::type name(                \
      texture<_Tp, geometry, __mode> __t, params) {                                                          \
    return name<typename __canopy_texref_result<_Tp, __mode>::type>(__canopy_texref_object(__t), args);     \
  }
#define __CANOPY_COMMA ,
__CANOPY_TEXREF_API(tex1Dfetch, cudaTextureType1D, int x, x)
__CANOPY_TEXREF_API(tex1D, cudaTextureType1D, float x, x)
__CANOPY_TEXREF_API(tex2D, cudaTextureType2D, float x __CANOPY_COMMA float y, x __CANOPY_COMMA y)
__CANOPY_TEXREF_API(tex3D, cudaTextureType3D, float x __CANOPY_COMMA float y __CANOPY_COMMA float z,
                    x __CANOPY_COMMA y __CANOPY_COMMA z)
__CANOPY_TEXREF_API(tex1DLayered, cudaTextureType1DLayered, float x __CANOPY_COMMA int layer,
                    x __CANOPY_COMMA layer)
__CANOPY_TEXREF_API(tex2DLayered, cudaTextureType2DLayered,
                    float x __CANOPY_COMMA float y __CANOPY_COMMA int layer, x __CANOPY_COMMA y __CANOPY_COMMA layer)
#undef __CANOPY_COMMA
#undef __CANOPY_TEXREF_API

#endif /* __cplusplus && __CUDA__ */
#endif /* CANOPY_TEXTURE_FETCH_FUNCTIONS_H */
