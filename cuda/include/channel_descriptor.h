/* Canopy's CUDA headers: cudaCreateChannelDesc<T>(), the channel format of each CUDA element type. */
#ifndef CANOPY_CHANNEL_DESCRIPTOR_H
#define CANOPY_CHANNEL_DESCRIPTOR_H

#include "cuda_runtime_api.h"

#if defined(__cplusplus)

template <class T>
__inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDesc() {
  return cudaCreateChannelDesc(0, 0, 0, 0, cudaChannelFormatKindNone);
}

#define CANOPY_CHANNEL_DESC(T, bits, n, kind)                                                          \
  template <>                                                                                          \
  __inline__ __host__ cudaChannelFormatDesc cudaCreateChannelDesc<T>() {                               \
    return cudaCreateChannelDesc(bits, (n) > 1 ? (bits) : 0, (n) > 2 ? (bits) : 0, (n) > 3 ? (bits) : 0, \
                                 kind);                                                                \
  }
#define CANOPY_CHANNEL_DESC_INT(S, U, V, bits)                      \
  CANOPY_CHANNEL_DESC(S, bits, 1, cudaChannelFormatKindSigned)      \
  CANOPY_CHANNEL_DESC(U, bits, 1, cudaChannelFormatKindUnsigned)    \
  CANOPY_CHANNEL_DESC(V##1, bits, 1, cudaChannelFormatKindSigned)   \
  CANOPY_CHANNEL_DESC(u##V##1, bits, 1, cudaChannelFormatKindUnsigned) \
  CANOPY_CHANNEL_DESC(V##2, bits, 2, cudaChannelFormatKindSigned)   \
  CANOPY_CHANNEL_DESC(u##V##2, bits, 2, cudaChannelFormatKindUnsigned) \
  CANOPY_CHANNEL_DESC(V##4, bits, 4, cudaChannelFormatKindSigned)   \
  CANOPY_CHANNEL_DESC(u##V##4, bits, 4, cudaChannelFormatKindUnsigned)

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
