/* A minimal stand-in for Canopy's cuda_runtime.h, so test_toolchain checks the driver independently of
   the real headers: just what clang needs to accept kernels and launches. */
#pragma once
#if defined(__CUDA__)
#include <__clang_cuda_builtin_vars.h>
#define __host__ __attribute__((host))
#define __device__ __attribute__((device))
#define __global__ __attribute__((global))
#define __shared__ __attribute__((shared))
#else
#define __host__
#define __device__
#define __global__
#define __shared__
#endif
struct dim3 {
  unsigned x, y, z;
  __host__ __device__ dim3(unsigned a = 1, unsigned b = 1, unsigned c = 1) : x(a), y(b), z(c) {}
};
typedef struct CUstream_st* cudaStream_t;
extern "C" int __cudaPushCallConfiguration(dim3 grid, dim3 block, unsigned long shared = 0, cudaStream_t s = 0);
extern "C" int cudaLaunchKernel(const void*, dim3, dim3, void**, unsigned long, cudaStream_t);
