// Lets the same sources compile with clang (no CUDA headers: -DCANOPY_CLANG) and with nvcc.
#pragma once
#ifdef CANOPY_CLANG
#include <__clang_cuda_builtin_vars.h>
#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __noinline__ __attribute__((noinline))
#define __launch_bounds__(a, b) __attribute__((launch_bounds(a, b)))
#define ATOMIC_ADD_F(p, v) __nvvm_atom_add_gen_f((p), (v))
#define ATOMIC_ADD_I(p, v) __nvvm_atom_add_gen_i((p), (v))
#define ATOMIC_MAX_I(p, v) __nvvm_atom_max_gen_i((p), (v))
#define SHFL_DOWN(v, d) __nvvm_shfl_sync_down_i32(0xffffffffu, (v), (d), 31)
extern "C" __device__ float sqrtf(float x) { return __nvvm_sqrt_rn_f(x); }
extern "C" __device__ double sqrt(double x) { return __nvvm_sqrt_rn_d(x); }
extern "C" __device__ double fma(double a, double b, double c) { return __nvvm_fma_rn_d(a, b, c); }
#else
#define ATOMIC_ADD_F(p, v) atomicAdd((p), (v))
#define ATOMIC_ADD_I(p, v) atomicAdd((p), (v))
#define ATOMIC_MAX_I(p, v) atomicMax((p), (v))
#define SHFL_DOWN(v, d) __shfl_down_sync(0xffffffffu, (v), (d))
#endif
