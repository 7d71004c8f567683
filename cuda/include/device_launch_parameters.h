/* Canopy's CUDA headers: the built-in variables threadIdx, blockIdx, blockDim, gridDim and warpSize.
   clang provides them (reading %tid, %ctaid, %ntid, %nctaid) in <__clang_cuda_builtin_vars.h>; their
   conversions to uint3 and dim3 are left for the CUDA headers to define once those types exist. Plain C++
   has no device built-ins, so this header gives it nothing. */
#ifndef CANOPY_DEVICE_LAUNCH_PARAMETERS_H
#define CANOPY_DEVICE_LAUNCH_PARAMETERS_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __DEVICE_LAUNCH_PARAMETERS_H__

#if defined(__CUDA__)
#include <__clang_cuda_builtin_vars.h>

#include "crt/host_defines.h"
#include "vector_types.h"

#define __CANOPY_BUILTIN_VAR_CONVERSIONS(_TypeName)                                     \
  __device__ __forceinline__ _TypeName::operator dim3() const { return dim3(x, y, z); } \
  __device__ __forceinline__ _TypeName::operator uint3() const {                        \
    uint3 v;                                                                            \
    v.x = x;                                                                            \
    v.y = y;                                                                            \
    v.z = z;                                                                            \
    return v;                                                                           \
  }

__CANOPY_BUILTIN_VAR_CONVERSIONS(__cuda_builtin_threadIdx_t)
__CANOPY_BUILTIN_VAR_CONVERSIONS(__cuda_builtin_blockIdx_t)
__CANOPY_BUILTIN_VAR_CONVERSIONS(__cuda_builtin_blockDim_t)
__CANOPY_BUILTIN_VAR_CONVERSIONS(__cuda_builtin_gridDim_t)
#undef __CANOPY_BUILTIN_VAR_CONVERSIONS
#endif /* __CUDA__ */

#endif /* CANOPY_DEVICE_LAUNCH_PARAMETERS_H */
