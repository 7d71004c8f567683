/* Canopy's CUDA headers: printf and assert in device code.

   printf: declared for the device, clang turns each call into vprintf(format, packed arguments), which
   Canopy's finalizer lowers to a system call of the engine (docs/cuda.md).

   assert: the C library's <assert.h> defines the macro for host and device alike; on glibc (and musl) a
   failed assertion calls __assert_fail(expression, file, line, function). CUDA's overloading on
   __host__/__device__ lets a device __assert_fail stand beside the C library's, so device code calls
   this one whichever order the headers come in, and NDEBUG works as always. It forwards to CUDA's
   __assertfail, which the engine turns into an "assert" fault. */
#ifndef CANOPY_CRT_DEVICE_PRINT_H
#define CANOPY_CRT_DEVICE_PRINT_H

#include <stddef.h>

#include "crt/device_common.h"

extern "C" {
__device__ int printf(const char* format, ...);
__device__ int vprintf(const char* format, const char* args);
__device__ void __assertfail(const char* message, const char* file, unsigned int line, const char* function,
                             size_t char_size) __attribute__((noreturn));
}

static __device__ __forceinline__ __attribute__((noreturn)) void __assert_fail(const char* message,
                                                                               const char* file,
                                                                               unsigned int line,
                                                                               const char* function) {
  __assertfail(message, file, line, function, sizeof(char));
}

#endif /* CANOPY_CRT_DEVICE_PRINT_H */
