/* Canopy's CUDA headers: cudaCreateChannelDesc<T>(), the channel format of each CUDA element type. */
#ifndef CANOPY_CHANNEL_DESCRIPTOR_H
#define CANOPY_CHANNEL_DESCRIPTOR_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __CHANNEL_DESCRIPTOR_H__

#include "cuda_runtime_api.h"

#if defined(__cplusplus)

template <class _Tp>
__inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDesc() {
  return cudaCreateChannelDesc(0, 0, 0, 0, cudaChannelFormatKindNone);
}

#define CANOPY_CHANNEL_DESC(_Tp, bits, n, kind)                                                          \
  template <>                                                                                            \
  __inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDesc<_Tp>() {                               \
    return cudaCreateChannelDesc(bits, (n) > 1 ? (bits) : 0, (n) > 2 ? (bits) : 0, (n) > 3 ? (bits) : 0, \
                                 kind);                                                                  \
  }
#define CANOPY_CHANNEL_DESC_INT(_Sp, _Up, _Vp, bits)                     \
  CANOPY_CHANNEL_DESC(_Sp, bits, 1, cudaChannelFormatKindSigned)         \
  CANOPY_CHANNEL_DESC(_Up, bits, 1, cudaChannelFormatKindUnsigned)       \
  CANOPY_CHANNEL_DESC(_Vp##1, bits, 1, cudaChannelFormatKindSigned)      \
  CANOPY_CHANNEL_DESC(u##_Vp##1, bits, 1, cudaChannelFormatKindUnsigned) \
  CANOPY_CHANNEL_DESC(_Vp##2, bits, 2, cudaChannelFormatKindSigned)      \
  CANOPY_CHANNEL_DESC(u##_Vp##2, bits, 2, cudaChannelFormatKindUnsigned) \
  CANOPY_CHANNEL_DESC(_Vp##4, bits, 4, cudaChannelFormatKindSigned)      \
  CANOPY_CHANNEL_DESC(u##_Vp##4, bits, 4, cudaChannelFormatKindUnsigned)

CANOPY_CHANNEL_DESC(char, 8, 1, cudaChannelFormatKindSigned)
CANOPY_CHANNEL_DESC_INT(signed char, unsigned char, char, 8)
CANOPY_CHANNEL_DESC_INT(short, unsigned short, short, 16)
CANOPY_CHANNEL_DESC_INT(int, unsigned int, int, 32)
CANOPY_CHANNEL_DESC(float, 32, 1, cudaChannelFormatKindFloat)
CANOPY_CHANNEL_DESC(float1, 32, 1, cudaChannelFormatKindFloat)
CANOPY_CHANNEL_DESC(float2, 32, 2, cudaChannelFormatKindFloat)
CANOPY_CHANNEL_DESC(float4, 32, 4, cudaChannelFormatKindFloat)

#undef CANOPY_CHANNEL_DESC_INT
#undef CANOPY_CHANNEL_DESC

#endif /* __cplusplus */
#endif /* CANOPY_CHANNEL_DESCRIPTOR_H */
