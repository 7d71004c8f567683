// The checks the runtime test programs share: each failed check prints where and why and is counted;
// a program returns nonzero when `failures` is not 0. (tests/compat builds with -DN=64 -DM=64 -DK=8 -DT=float
// -DP=3 -DS=5 on the command line, so no such names here.)
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
template <typename Elem>
Elem* to_device(const std::vector<Elem>& h) {
  Elem* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, h.size() * sizeof(Elem)));
  EXPECT_OK(cudaMemcpy(d, h.data(), h.size() * sizeof(Elem), cudaMemcpyHostToDevice));
  return d;
}
template <typename Elem>
std::vector<Elem> from_device(const Elem* d, size_t n) {
  std::vector<Elem> h(n);
  EXPECT_OK(cudaDeviceSynchronize());
  EXPECT_OK(cudaMemcpy(h.data(), d, n * sizeof(Elem), cudaMemcpyDeviceToHost));
  return h;
}

// The exit status of a program whose only output is its verdict: PASS, or the number of failed checks.
inline int check_result() {
  if (failures) {
    fprintf(stderr, "%d checks failed\n", failures);
    return 1;
  }
  printf("PASS\n");
  return 0;
}
