/* Canopy's CUDA headers: every device-side intrinsic (what nvcc's device_functions.h and the sm_*
   intrinsics headers declare). Only meaningful in clang's CUDA mode; elsewhere it declares nothing. */
#ifndef CANOPY_DEVICE_FUNCTIONS_H
#define CANOPY_DEVICE_FUNCTIONS_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __DEVICE_FUNCTIONS_H__

#if defined(__CUDA__)
#include "crt/device_sync.h"
#include "crt/device_float_intrinsics.h"
#include "crt/device_conversions.h"
#include "crt/device_int_intrinsics.h"
#include "crt/device_atomics.h"
#include "crt/device_loads.h"
#include "crt/device_warp.h"
#include "crt/device_print.h"
#include "crt/device_address_space.h"
#endif

#endif /* CANOPY_DEVICE_FUNCTIONS_H */
