/* Canopy's CUDA headers: what every device-side header shares. Device intrinsics are inline functions
   private to each translation unit, always inlined, as CUDA's are; clang's __nvvm_* builtins (or inline
   PTX where clang has no builtin) reach the PTX instructions. */
#ifndef CANOPY_CRT_DEVICE_COMMON_H
#define CANOPY_CRT_DEVICE_COMMON_H

#include "crt/host_defines.h"

#define __CANOPY_DEVICE__ static __device__ __forceinline__

#endif /* CANOPY_CRT_DEVICE_COMMON_H */
