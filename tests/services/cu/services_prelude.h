// Device-side declarations for the services tests: clang lowers printf to vprintf; assert is CUDA's
// __assertfail (a file name without a directory, so the message does not depend on the build path).
#pragma once
#include <__clang_cuda_builtin_vars.h>

#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __shared__ __attribute__((shared))

extern "C" __device__ int printf(const char*, ...);
extern "C" __device__ int vprintf(const char*, const char*);
extern "C" __device__ void __assertfail(const char* message, const char* file, unsigned line,
                                        const char* function, unsigned long char_size);
#define assert(e) ((e) ? (void)0 : __assertfail(#e, __FILE_NAME__, __LINE__, __func__, sizeof(char)))
