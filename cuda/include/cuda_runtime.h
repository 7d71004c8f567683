/* Canopy's CUDA headers: the umbrella nvcc includes implicitly (canopy cc passes -include cuda_runtime.h).
   It works in three modes: clang's CUDA device pass and host pass (__CUDA__ defined: execution-space
   attributes, built-in variables and device intrinsics) and plain C/C++ (the host API only). The
   runtime API, with CUDA's C++ convenience templates, is cuda_runtime_api.h. */
#ifndef CANOPY_CUDA_RUNTIME_H
#define CANOPY_CUDA_RUNTIME_H

#include "crt/host_defines.h"
#include "cuda_runtime_api.h"
#include "vector_types.h"
#include "vector_functions.h"
#include "device_launch_parameters.h"
#include "channel_descriptor.h"

#if defined(__CUDA__)
#include "device_functions.h"
#include "crt/canopy_math.h"
#include "crt/device_minmax.h"
#include "texture_indirect_functions.h"
#include "surface_indirect_functions.h"
#endif

#endif /* CANOPY_CUDA_RUNTIME_H */
