// Launchers defined in the .cu files; main.cpp is plain C++ and only sees these declarations.
#ifndef SEPARATE_KERNELS_H
#define SEPARATE_KERNELS_H

#include <cuda_runtime.h>

// kernels.cu
cudaError_t launchSaxpy(float a, const float* x, float* y, int n, cudaStream_t stream);
cudaError_t setOffset(float offset);  // a __constant__ in kernels.cu
cudaError_t launchAddOffset(float* y, int n);

// stats.cu
cudaError_t launchSumSquares(const float* x, int n, double* result);
int statsLaunchCount();

#endif
