#include "common.cuh"
__device__ __noinline__ int fib(int n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}
__device__ __noinline__ void store_pair(int* out, int a, long long b) { out[0] = a; out[1] = (int)(b >> 3); }
__device__ int twice(int x) { return 2 * x; }
__device__ int square(int x) { return x * x; }
typedef int (*unary_fn)(int);
__device__ unary_fn table[2] = {twice, square};
__global__ void fib_kernel(int* out, int which) {
  int t = threadIdx.x;
  int r = fib(t % 12);
  r += table[which & 1](t);
  store_pair(out + 2 * t, r, (long long)t << 20);
}
