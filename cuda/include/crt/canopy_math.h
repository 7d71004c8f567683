/* Canopy's device math library (float and double), included by cuda_runtime.h. Active only when clang
   compiles CUDA (__CUDA__): the functions are __device__ overloads next to the host C library's, so the
   host pass parses them and never emits them; plain C++ translation units see nothing. Accuracy per
   function (measured against MPFR by tests/math) is listed in docs/math.md. */
#ifndef CANOPY_CRT_CANOPY_MATH_H
#define CANOPY_CRT_CANOPY_MATH_H

#if defined(__CUDA__) && defined(__cplusplus)
#include "canopy_math_api.h"
#include "canopy_math_intrinsics.h"
#include "host_defines.h"
#endif

#endif
