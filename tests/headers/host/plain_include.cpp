// Plain C++ (no CUDA mode) including Canopy's cuda_runtime.h between the standard headers a CUDA
// program's host code typically uses: it must compile warning-free with g++ and clang++.
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <device_functions.h>
#include <device_launch_parameters.h>
#include <math.h>
#include <math_constants.h>
#include <stdio.h>
#include <stdlib.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <iostream>
#include <vector>

int canopy_headers_plain_include(int n) {
  std::vector<float> v(static_cast<size_t>(n), CUDART_PI_F);
  std::sort(v.begin(), v.end());
  assert(n >= 0);
  float* device = nullptr;
  if (cudaMalloc(&device, v.size() * sizeof(float)) != cudaSuccess) return -1;
  // Half and bfloat16 buffers are filled on the host with the headers' host conversions.
  std::vector<__half> h(4, __float2half(1.5f));
  h[1] = __float2half_rz(0.1f);
  const __half2 pair = __floats2half2_rn(2.0f, -0.0f);
  std::vector<__nv_bfloat16> b(2, __float2bfloat16_ru(3.0e38f));
  const float back = __half2float(h[1]) + __low2float(pair) + __bfloat162float(b[0]) * 0.0f + float(h[0]);
  if (back < 0 || __half_as_ushort(__ushort_as_half(0x3c00)) != 0x3c00) return -2;
  dim3 grid(2, 3);
  return static_cast<int>(grid.x * grid.y) + static_cast<int>(std::sqrt(CUDART_TWO_TO_23));
}
