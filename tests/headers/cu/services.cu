#include <assert.h>
#include <stdio.h>

#include <math_constants.h>

// Device printf (through vprintf) and assert (through __assertfail).
__global__ void hello(int value, double x) {
  printf("thread %d of %d: value=%d x=%.3f %s\n", (int)threadIdx.x, (int)blockDim.x, value, x, "ok");
}

__global__ void check_positive(const int* values) {
  int v = values[threadIdx.x];
  assert(v > 0);
}

__global__ void trap_if(int flag) {
  if (flag) __trap();
}

// Constants from math_constants.h reach device code bit-exactly.
__global__ void constants(unsigned long long* out) {
  out[0] = __float_as_uint(CUDART_PI_F);
  out[1] = __float_as_uint(CUDART_NAN_F);
  out[2] = __float_as_uint(CUDART_INF_F);
  out[3] = (unsigned long long)__double_as_longlong(CUDART_PI);
  out[4] = (unsigned long long)__double_as_longlong(CUDART_NAN);
  out[5] = (unsigned long long)__double_as_longlong(CUDART_NEG_ZERO);
}
