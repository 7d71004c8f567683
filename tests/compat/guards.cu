// NVIDIA's include guards and version macros, which programs test before using the runtime (the CUDA
// samples' helper_cuda.h defines checkCudaErrors, findCudaDevice and getLastCudaError only under
// __DRIVER_TYPES_H__ / __CUDA_RUNTIME_H__), and the headers nvcc's cuda_runtime.h brings in: this file
// includes nothing itself but what it tests.
#include <cuda_profiler_api.h>
#include <cuda.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <cooperative_groups.h>
#include <mma.h>
#include <math_constants.h>
#include <vector_types.h>

#include "../cuda/check.h"

#if !defined(__CUDA_RUNTIME_H__) || !defined(__CUDA_RUNTIME_API_H__) || !defined(__DRIVER_TYPES_H__)
#error "the runtime's guards are missing"
#endif
#if !defined(__VECTOR_TYPES_H__) || !defined(__DEVICE_LAUNCH_PARAMETERS_H__) || !defined(__CHANNEL_DESCRIPTOR_H__)
#error "the runtime's component guards are missing"
#endif
#if !defined(__CUDA_FP16_H__) || !defined(__CUDA_FP16_TYPES_EXIST__) || !defined(__CUDA_BF16_H__) || \
    !defined(__CUDA_BF16_TYPES_EXIST__)
#error "the half/bf16 guards are missing"
#endif
#if !defined(_COOPERATIVE_GROUPS_H_) || !defined(__CUDA_MMA_H__) || !defined(__MATH_CONSTANTS_H__) || \
    !defined(__CUDA_PROFILER_API_H__) || !defined(__cuda_cuda_h__)
#error "a library header's guard is missing"
#endif
#if !defined(CUDART_VERSION) || CUDART_VERSION < 11000 || !defined(CUDA_VERSION) || !defined(__CUDA_API_VERSION) || \
    !defined(__CUDACC__) || !defined(__NVCC__) || __CUDACC_VER_MAJOR__ < 11
#error "the version macros are missing"
#endif

// What helper_cuda.h does with the guards.
#ifdef __DRIVER_TYPES_H__
#define checkCudaErrors(val) check((val), #val, __LINE__)
template <typename Status>
void check(Status result, const char* what, int line) {
  if (result) {
    fprintf(stderr, "CUDA error %d at line %d: %s\n", static_cast<int>(result), line, what);
    exit(EXIT_FAILURE);  // <stdlib.h> comes with cuda_runtime.h
  }
}
#endif

__global__ void fill(int* out) { out[threadIdx.x] = INT_MAX - (int)threadIdx.x; }  // <limits.h> likewise

int main() {
  int* d = nullptr;
  checkCudaErrors(cudaMalloc(&d, 32 * sizeof(int)));
  checkCudaErrors(cudaProfilerStart());
  fill<<<1, 32>>>(d);
  checkCudaErrors(cudaProfilerStop());
  int h[32];
  checkCudaErrors(cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost));
  for (int i = 0; i < 32; ++i) EXPECT(h[i] == INT_MAX - i);
  char name[16];
  strcpy(name, "canopy");  // <string.h>
  EXPECT(strlen(name) == 6 && isalpha(name[0]));  // <ctype.h>
  assert(h[0] == INT_MAX);  // <assert.h>
  EXPECT(std::numeric_limits<int>::max() == INT_MAX);  // <limits>
  int version = 0;
  checkCudaErrors(cudaRuntimeGetVersion(&version));
  EXPECT(version == CUDART_VERSION);
  checkCudaErrors(cudaFree(d));
  return check_result();
}
