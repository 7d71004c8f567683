// The checks the compatibility programs share. They are built with short macros on the command line
// (-DN=64 -DM=64 -DK=8 -DT=float -DP=3 -DS=5, as nvcc users pass them), so this header, like the
// programs, avoids those names.
#pragma once
#include <cstdio>

static int compat_failures = 0;
#define COMPAT_EXPECT(cond)                                                       \
  do {                                                                            \
    if (!(cond)) {                                                                \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
      ++compat_failures;                                                          \
    }                                                                             \
  } while (0)
#define COMPAT_OK(call)                                                                           \
  do {                                                                                            \
    cudaError_t status_ = (call);                                                                 \
    if (status_ != cudaSuccess) {                                                                 \
      fprintf(stderr, "%s:%d: %s returned %s\n", __FILE__, __LINE__, #call, cudaGetErrorName(status_)); \
      ++compat_failures;                                                                          \
    }                                                                                             \
  } while (0)
#define COMPAT_RESULT()                                     \
  (compat_failures ? (fprintf(stderr, "%d checks failed\n", compat_failures), 1) : (printf("PASS\n"), 0))
