/* CUDA's math_functions.h: Canopy's device math library lives in crt/canopy_math.h. */
#ifndef CANOPY_MATH_FUNCTIONS_H
#define CANOPY_MATH_FUNCTIONS_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __MATH_FUNCTIONS_H__
#include "crt/canopy_math.h"
#endif
