// The checks the runtime test programs share: each failed check prints where and why and is counted;
// a program returns nonzero when `failures` is not 0.
#pragma once
#include <cstdio>
#include <vector>

#include <cuda_runtime.h>

static int failures = 0;
#define EXPECT(cond)                                                    \
  do {                                                                  \
    if (!(cond)) {                                                      \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                       \
    }                                                                   \
  } while (0)
#define EXPECT_OK(call)                                                                 \
  do {                                                                                  \
    cudaError_t e_ = (call);                                                            \
    if (e_ != cudaSuccess) {                                                            \
      fprintf(stderr, "%s:%d: %s returned %s\n", __FILE__, __LINE__, #call, cudaGetErrorName(e_)); \
      ++failures;                                                                       \
    }                                                                                   \
  } while (0)

// A device copy of `h` (freed by the caller with cudaFree), and a host copy of `n` device elements after
// the device has finished.
template <typename T>
T* to_device(const std::vector<T>& h) {
  T* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, h.size() * sizeof(T)));
  EXPECT_OK(cudaMemcpy(d, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice));
  return d;
}
template <typename T>
std::vector<T> from_device(const T* d, size_t n) {
  std::vector<T> h(n);
  EXPECT_OK(cudaDeviceSynchronize());
  EXPECT_OK(cudaMemcpy(h.data(), d, n * sizeof(T), cudaMemcpyDeviceToHost));
  return h;
}
