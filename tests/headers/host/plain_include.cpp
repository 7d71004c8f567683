// Plain C++ (no CUDA mode) including Canopy's cuda_runtime.h between the standard headers a CUDA
// program's host code typically uses: it must compile warning-free with g++ and clang++.
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
  dim3 grid(2, 3);
  return static_cast<int>(grid.x * grid.y) + static_cast<int>(std::sqrt(CUDART_TWO_TO_23));
}
