/* Canopy's CUDA headers: CUDA's cuda_texture_types.h, the texture<> template of texture references (the
   legacy texture API, removed from CUDA 12 and kept here for the programs that still use it). clang
   treats a variable of this type as a device-side texture reference (.texref) and registers it with
   __cudaRegisterTexture; cudaBindTexture* bind a texture object to it (docs/cuda.md, "Textures and
   surfaces"). */
#ifndef CANOPY_CUDA_TEXTURE_TYPES_H
#define CANOPY_CUDA_TEXTURE_TYPES_H
#define __CUDA_TEXTURE_TYPES_H__

#include <limits.h>

#include "channel_descriptor.h"
#include "cuda_runtime_api.h"
#include "texture_types.h"

#if defined(__cplusplus)
template <class _Tp, int __texType = cudaTextureType1D, enum cudaTextureReadMode __mode = cudaReadModeElementType>
struct __device_builtin_texture_type__ texture : public textureReference {
  __host__ texture(int __norm = 0, enum cudaTextureFilterMode __filter = cudaFilterModePoint,
                   enum cudaTextureAddressMode __address = cudaAddressModeClamp) {
    __canopy_init(__norm, __filter, __address, cudaCreateChannelDesc<_Tp>());
  }
  __host__ texture(int __norm, enum cudaTextureFilterMode __filter, enum cudaTextureAddressMode __address,
                   struct cudaChannelFormatDesc __desc) {
    __canopy_init(__norm, __filter, __address, __desc);
  }

 private:
  __host__ void __canopy_init(int __norm, enum cudaTextureFilterMode __filter,
                              enum cudaTextureAddressMode __address, struct cudaChannelFormatDesc __desc) {
    normalized = __norm;
    filterMode = __filter;
    addressMode[0] = addressMode[1] = addressMode[2] = __address;
    channelDesc = __desc;
    sRGB = 0;
    maxAnisotropy = 0;
    mipmapFilterMode = cudaFilterModePoint;
    mipmapLevelBias = minMipmapLevelClamp = maxMipmapLevelClamp = 0.0f;
    disableTrilinearOptimization = 0;
    for (int __i = 0; __i < 14; ++__i) __cudaReserved[__i] = 0;
  }
};

/* The bind calls of texture<> (CUDA's cuda_runtime.h templates): the reference's own channel format
   unless one is given. */
template <class _Tp, int __dim, enum cudaTextureReadMode __mode>
static __inline__ __host__ cudaError_t cudaBindTexture(size_t* offset, const struct texture<_Tp, __dim, __mode>& tex,
                                                       const void* devPtr, const struct cudaChannelFormatDesc& desc,
                                                       size_t size = UINT_MAX) {
  return ::cudaBindTexture(offset, &tex, devPtr, &desc, size);
}
template <class _Tp, int __dim, enum cudaTextureReadMode __mode>
static __inline__ __host__ cudaError_t cudaBindTexture(size_t* offset, const struct texture<_Tp, __dim, __mode>& tex,
                                                       const void* devPtr, size_t size = UINT_MAX) {
  return ::cudaBindTexture(offset, &tex, devPtr, &tex.channelDesc, size);
}
template <class _Tp, int __dim, enum cudaTextureReadMode __mode>
static __inline__ __host__ cudaError_t cudaBindTexture2D(size_t* offset, const struct texture<_Tp, __dim, __mode>& tex,
                                                         const void* devPtr, const struct cudaChannelFormatDesc& desc,
                                                         size_t width, size_t height, size_t pitch) {
  return ::cudaBindTexture2D(offset, &tex, devPtr, &desc, width, height, pitch);
}
template <class _Tp, int __dim, enum cudaTextureReadMode __mode>
static __inline__ __host__ cudaError_t cudaBindTexture2D(size_t* offset, const struct texture<_Tp, __dim, __mode>& tex,
                                                         const void* devPtr, size_t width, size_t height, size_t pitch) {
  return ::cudaBindTexture2D(offset, &tex, devPtr, &tex.channelDesc, width, height, pitch);
}
template <class _Tp, int __dim, enum cudaTextureReadMode __mode>
static __inline__ __host__ cudaError_t cudaBindTextureToArray(const struct texture<_Tp, __dim, __mode>& tex,
                                                              cudaArray_const_t array,
                                                              const struct cudaChannelFormatDesc& desc) {
  return ::cudaBindTextureToArray(&tex, array, &desc);
}
template <class _Tp, int __dim, enum cudaTextureReadMode __mode>
static __inline__ __host__ cudaError_t cudaBindTextureToArray(const struct texture<_Tp, __dim, __mode>& tex,
                                                              cudaArray_const_t array) {
  struct cudaChannelFormatDesc __desc;
  cudaError_t __e = ::cudaGetChannelDesc(&__desc, array);
  return __e == cudaSuccess ? ::cudaBindTextureToArray(&tex, array, &__desc) : __e;
}
template <class _Tp, int __dim, enum cudaTextureReadMode __mode>
static __inline__ __host__ cudaError_t cudaUnbindTexture(const struct texture<_Tp, __dim, __mode>& tex) {
  return ::cudaUnbindTexture(&tex);
}
template <class _Tp, int __dim, enum cudaTextureReadMode __mode>
static __inline__ __host__ cudaError_t cudaGetTextureAlignmentOffset(size_t* offset,
                                                                     const struct texture<_Tp, __dim, __mode>& tex) {
  return ::cudaGetTextureAlignmentOffset(offset, &tex);
}
#endif

#endif
