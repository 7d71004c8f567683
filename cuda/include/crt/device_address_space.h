/* Canopy's CUDA headers: address-space conversions (__cvta_generic_to_shared and friends), each one PTX
   cvta instruction. A shared, local or constant address is the byte offset in that space (what ldmatrix,
   ld.shared and friends take); a global address is the same as its generic one. */
#ifndef CANOPY_CRT_DEVICE_ADDRESS_SPACE_H
#define CANOPY_CRT_DEVICE_ADDRESS_SPACE_H

#include "crt/device_common.h"

#define __CANOPY_CVTA(name, space)                                   \
  __CANOPY_DEVICE__ size_t __cvta_generic_to_##name(const void* p) { \
    size_t r;                                                        \
    asm("cvta.to." #space ".u64 %0, %1;" : "=l"(r) : "l"(p));        \
    return r;                                                        \
  }                                                                  \
  __CANOPY_DEVICE__ void* __cvta_##name##_to_generic(size_t a) {     \
    void* r;                                                         \
    asm("cvta." #space ".u64 %0, %1;" : "=l"(r) : "l"(a));           \
    return r;                                                        \
  }
__CANOPY_CVTA(global, global)
__CANOPY_CVTA(shared, shared)
__CANOPY_CVTA(local, local)
__CANOPY_CVTA(constant, const)
#undef __CANOPY_CVTA

#endif /* CANOPY_CRT_DEVICE_ADDRESS_SPACE_H */
