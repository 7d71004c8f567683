// Stands in for cuda_runtime.h while compiling the math test kernels: the CUDA keywords, the builtin
// variables and the device math library.
#pragma once
#include <__clang_cuda_builtin_vars.h>

#include "crt/canopy_math.h"
#include "crt/host_defines.h"
