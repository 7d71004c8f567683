// Source of features.ptx: a wide sample of what clang 14 emits for ordinary CUDA code.
#include <__clang_cuda_builtin_vars.h>
#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __shared__ __attribute__((shared))
#define __noinline__ __attribute__((noinline))

struct Vec3 { float x, y, z; };
struct Big { double d[3]; int tag; };

__device__ __noinline__ Vec3 scale(Vec3 v, float s) { return Vec3{v.x * s, v.y * s, v.z * s}; }
__device__ __noinline__ Big make_big(int t) { Big b; b.d[0] = t; b.d[1] = t * 2; b.d[2] = t * 3; b.tag = t; return b; }
__device__ __noinline__ int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
__device__ __noinline__ int twice(int x) { return 2 * x; }
__device__ __noinline__ int thrice(int x) { return 3 * x; }
typedef int (*IntFn)(int);

__global__ void structs(Vec3* out, Big* big, float s) {
  int i = threadIdx.x;
  out[i] = scale(out[i], s);
  big[i] = make_big(i);
}

__global__ void recursion(int* out) { out[threadIdx.x] = fib(threadIdx.x & 15); }

__global__ void indirect(int* out, int which) {
  IntFn f = (which + threadIdx.x) & 1 ? twice : thrice;
  out[threadIdx.x] = f(threadIdx.x);
}

__global__ void bits(unsigned* u, unsigned long long* v, int* s) {
  int i = threadIdx.x;
  unsigned a = u[i], b = u[i + 32];
  u[i] = __builtin_bitreverse32(a) ^ __nvvm_prmt(a, b, 0x5140) ^ __nvvm_mulhi_ui(a, b) ^ __nvvm_sad_ui(a, b, 3);
  v[i] = __builtin_popcountll(v[i]) + __builtin_clzll(v[i] | 1) + (v[i] >> (a & 63)) + v[i] / (b | 1) +
         v[i] % 7;
  s[i] = (s[i] < (int)a ? s[i] : (int)a) + (s[i] > -5 ? s[i] : -5) + __builtin_abs(s[i]) + (s[i] >> 3) +
         __nvvm_mul24_i(s[i], 3);
}

__global__ void floats(float* f, double* d, int* n, unsigned short* h) {
  int i = threadIdx.x;
  float x = f[i];
  f[i] = __nvvm_sqrt_rn_f(x) + __nvvm_div_rn_f(x, 3.0f) + __nvvm_fma_rz_f(x, x, 1.0f) + __nvvm_ex2_approx_f(x) +
         __nvvm_sin_approx_f(x) + __nvvm_rcp_rn_f(x) + __nvvm_fmin_f(x, 2.0f) + __builtin_fabsf(x) + -x;
  d[i] = __nvvm_sqrt_rn_d(d[i]) + __nvvm_rcp_rn_d(d[i]) + (double)n[i] + (double)(unsigned)n[i] + d[i] * x;
  n[i] = (int)x + (int)d[i] + (unsigned)x + (long long)d[i] + __nvvm_f2i_rn(x) + (x < 1.0f) + (d[i] != d[i]);
  h[i] = __nvvm_f2h_rn(x);
}

__global__ void sync_and_atomics(int* data, int* flags, unsigned long long* clk) {
  __shared__ int shared_counter;
  if (threadIdx.x == 0) shared_counter = 0;
  __syncthreads();
  __nvvm_atom_cta_add_gen_i(&shared_counter, 1);
  int c = __nvvm_bar0_popc(data[threadIdx.x] > 0);
  int all = __nvvm_bar0_and(data[threadIdx.x] > 0);
  int old;
  do { old = data[0]; } while (__nvvm_atom_cas_gen_i(&data[0], old, old + 1) != old);
  __nvvm_membar_gl();
  __nvvm_atom_max_gen_i(&flags[0], c);
  __nvvm_atom_xchg_gen_i(&flags[1], all);
  if (threadIdx.x == 0) *clk = __nvvm_read_ptx_sreg_clock64();
  if (data[1] < 0) __builtin_trap();
  *(volatile int*)&flags[2] = shared_counter;
}

__global__ void warps(int* out) {
  int v = out[threadIdx.x];
  int all = __nvvm_vote_all_sync(0xffffffff, v > 0);
  int any = __nvvm_vote_any_sync(0xffffffff, v < 0);
  int up = __nvvm_shfl_sync_up_i32(0xffffffff, v, 2, 0);
  int idx = __nvvm_shfl_sync_idx_i32(0xffffffff, v, 0, 31);
  float fx = __nvvm_shfl_sync_bfly_f32(0xffffffff, (float)v, 4, 31);
  out[threadIdx.x] = all + any + up + idx + (int)fx + __nvvm_read_ptx_sreg_laneid();
}

__global__ void control(int* out, int n) {
  int r = 0;
  switch (out[threadIdx.x] & 7) {
    case 0: r = 10; break;
    case 1: r = out[1]; break;
    case 2: r = n * n; break;
    case 5: r = -3; break;
    default: r = 1;
  }
  for (int i = 0; i < n; ++i) {
    if (i == r) goto done;
    r += i;
  }
done:
  out[threadIdx.x] = r;
}

__global__ void narrow(signed char* c, short* s, unsigned char* u) {
  int i = threadIdx.x;
  c[i] = c[i] * 3 + s[i];
  s[i] = (short)(s[i] >> 1) + u[i];
  u[i] = u[i] / 3;
}
