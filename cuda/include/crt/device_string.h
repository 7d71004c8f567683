/* Canopy's CUDA headers: device-side memcpy and memset, which CUDA provides next to the host C library's
   (the compiler expands them into loads and stores). */
#ifndef CANOPY_CRT_DEVICE_STRING_H
#define CANOPY_CRT_DEVICE_STRING_H

#include <stddef.h>

#include "host_defines.h"

static __device__ __inline__ void* memcpy(void* __dst, const void* __src, size_t __n) noexcept {
  return __builtin_memcpy(__dst, __src, __n);
}
static __device__ __inline__ void* memset(void* __dst, int __value, size_t __n) noexcept {
  return __builtin_memset(__dst, __value, __n);
}
namespace std {
using ::memcpy;
using ::memset;
}  // namespace std

#endif
