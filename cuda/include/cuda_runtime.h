/* Canopy's CUDA headers: the umbrella nvcc includes implicitly (canopy cc passes -include cuda_runtime.h).
   It works in three modes: clang's CUDA device pass and host pass (__CUDA__ defined: execution-space
   attributes, built-in variables and device intrinsics) and plain C/C++ (the host API only). The
   runtime API, with CUDA's C++ convenience templates, is cuda_runtime_api.h. */
#ifndef CANOPY_CUDA_RUNTIME_H
#define CANOPY_CUDA_RUNTIME_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __CUDA_RUNTIME_H__

#include "crt/host_defines.h"
/* The C and C++ headers NVIDIA's cuda_runtime.h brings in (through host_config.h, math_functions.h and
   common_functions.h), which programs rely on without including them: INT_MAX, strcpy, printf, assert,
   the host float overloads fabs(float) and std::sqrt, ... */
#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#if defined(__cplusplus)
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <new>
#include <type_traits>
#include <utility>
#endif

#include "cuda_runtime_api.h"
#include "vector_types.h"
#include "vector_functions.h"
#include "device_launch_parameters.h"
#include "channel_descriptor.h"
#include "cuda_texture_types.h"

#if defined(__CUDA__)
#include "device_functions.h"
#include "crt/canopy_math.h"
#include "crt/device_string.h"
#include "crt/device_cxx_abi.h"
#include "crt/graph_device.h"
#include "crt/device_minmax.h"
#include "texture_indirect_functions.h"
#include "texture_fetch_functions.h"
#include "surface_indirect_functions.h"
#endif

#endif /* CANOPY_CUDA_RUNTIME_H */
