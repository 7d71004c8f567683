/* Canopy device math: CUDA's fast single-precision intrinsics, mapped onto PTX's approximate instructions
   (ex2.approx, lg2.approx, sin.approx, cos.approx, div.approx) as CUDA documents them. */
#ifndef CANOPY_CRT_CANOPY_MATH_INTRINSICS_H
#define CANOPY_CRT_CANOPY_MATH_INTRINSICS_H

#include "canopy_math_core.h"

__CANOPY_MATH_API float __fdividef(float x, float y) { return __nvvm_div_approx_f(x, y); }
__CANOPY_MATH_API float __expf(float x) { return __nvvm_ex2_approx_f(x * 1.44269504f); }
__CANOPY_MATH_API float __exp10f(float x) { return __nvvm_ex2_approx_f(x * 3.32192809f); }
__CANOPY_MATH_API float __log2f(float x) { return __nvvm_lg2_approx_f(x); }
__CANOPY_MATH_API float __logf(float x) { return __nvvm_lg2_approx_f(x) * 0.693147181f; }
__CANOPY_MATH_API float __log10f(float x) { return __nvvm_lg2_approx_f(x) * 0.301029996f; }
__CANOPY_MATH_API float __sinf(float x) { return __nvvm_sin_approx_f(x); }
__CANOPY_MATH_API float __cosf(float x) { return __nvvm_cos_approx_f(x); }
__CANOPY_MATH_API void __sincosf(float x, float* s, float* c) {
  *s = __sinf(x);
  *c = __cosf(x);
}
__CANOPY_MATH_API float __tanf(float x) { return __fdividef(__sinf(x), __cosf(x)); }
__CANOPY_MATH_API float __powf(float x, float y) { return __nvvm_ex2_approx_f(y * __nvvm_lg2_approx_f(x)); }

#endif
