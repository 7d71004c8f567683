// The host C++ math headers first, then Canopy's math library: device code must still find device versions
// of the C and C++ names (including std:: and the float overloads), and the host pass must accept the file.
#include <__clang_cuda_builtin_vars.h>
#include <math.h>

#include <cmath>

#include "crt/canopy_math.h"
#include "crt/host_defines.h"

__device__ float include_before_float(float x) {
  return std::sin(x) + sin(x) + sinf(x) + std::exp(x) + powf(x, 2.0f) + std::sqrt(x) + fabsf(x) +
         (std::isnan(x) ? 1.0f : 0.0f) + (isinf(x) ? 1.0f : 0.0f) + std::fmax(x, 1.0f) + std::abs(x);
}
__device__ double include_before_double(double x) {
  return std::sin(x) + sin(x) + std::pow(x, 3.0) + std::log(x) + ::lgamma(x) + std::erf(x) +
         (std::isfinite(x) ? 1.0 : 0.0) + (signbit(x) ? 1.0 : 0.0);
}
int include_before_host(double x) { return (int)(std::sin(x) + sinf((float)x) + std::isnan(x)); }
