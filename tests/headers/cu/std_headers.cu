// Canopy's headers beside the standard headers a CUDA program includes, before and after them (the
// build compiles this file in the device and the host pass; the kernel only has to compile and run).
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <cuda_runtime.h>
#include <device_launch_parameters.h>
#include <math_constants.h>

#include <algorithm>
#include <assert.h>
#include <iostream>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <vector>

__global__ void std_headers_kernel(float* out) {
  int i = threadIdx.x;
  assert(i < 64);
  out[i] = sqrtf((float)i) + __saturatef(CUDART_ONE_F) + (float)clock64() * 0.0f;
  if (i == 0) printf("%d\n", __popc(0xffu));
}

int host_side_uses_the_standard_library() {
  std::vector<int> v = {3, 1, 2};
  std::sort(v.begin(), v.end());
  assert(v[0] == 1);
  std::cout << v[0] << std::endl;
  return (int)std::sqrt(4.0);
}
