/* Canopy's CUDA headers: the execution-space and storage keywords. Under clang's CUDA mode (__CUDA__)
   they are clang's attributes; in plain C/C++ (a .cpp file that includes cuda_runtime.h) they vanish. */
#ifndef CANOPY_CRT_HOST_DEFINES_H
#define CANOPY_CRT_HOST_DEFINES_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __HOST_DEFINES_H__

#if defined(__CUDA__)
#define __host__ __attribute__((host))
#define __device__ __attribute__((device))
#define __global__ __attribute__((global))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __managed__ __attribute__((managed))
#define __launch_bounds__(...) __attribute__((launch_bounds(__VA_ARGS__)))
#else
#define __host__
#define __device__
#define __global__
#define __shared__
#define __constant__
#define __managed__
#define __launch_bounds__(...)
#endif

#define __forceinline__ __inline__ __attribute__((always_inline))
#define __align__(n) __attribute__((aligned(n)))
#define __thread__ __thread
#define __device_builtin__
/* clang's marker of texture<> (a texture reference in device code); only CUDA compiles know it. */
#if defined(__CUDA__)
#define __device_builtin_texture_type__ __attribute__((device_builtin_texture_type))
#define __device_builtin_surface_type__ __attribute__((device_builtin_surface_type))
#else
#define __device_builtin_texture_type__
#define __device_builtin_surface_type__
#endif
#define __builtin_align__(a) __align__(a)
#define __cudart_builtin__
#define CUDARTAPI
#define CUDART_CB
#define __CUDA_ALIGN__(n) __align__(n)
/* CUDA 11.7's kernel-parameter qualifier (the parameter's address is its place in parameter memory):
   clang 14 lacks the attribute, and a parameter whose address is taken is then copied, with the same
   values, so it is accepted and ignored. */
#define __grid_constant__

/* clang's cuda_wrappers/<new> (reached from <memory>, <vector>, <algorithm>, ...) calls ::malloc and
   ::free in device code: declare the device versions before any standard header can pull it in. (The
   device heap itself is not implemented yet: a kernel that calls malloc fails to finalize.) */
#if defined(__CUDA__)
#include <stddef.h>
#include <stdlib.h>
#ifdef __cplusplus
extern "C" {
#endif
__device__ void* malloc(size_t) __attribute__((nothrow));
__device__ void free(void*) __attribute__((nothrow));
#ifdef __cplusplus
}
#endif
#endif

/* libstdc++ spells __attribute__((__noinline__)) (in <memory>), which a __noinline__ macro would break;
   include it before the macro exists, so its include guard keeps it from being parsed again. */
#if defined(__cplusplus) && defined(__has_include)
#if __has_include(<memory>)
#include <memory>
#endif
#endif
#define __noinline__ __attribute__((noinline))

#endif
