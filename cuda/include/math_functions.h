/* CUDA's math_functions.h: Canopy's device math library lives in crt/canopy_math.h. */
#ifndef CANOPY_MATH_FUNCTIONS_H
#define CANOPY_MATH_FUNCTIONS_H
#include "crt/canopy_math.h"
#endif
