// Source of kernels.ptx (regenerate with tests/data/compiler/regen.sh; needs clang-14).
#include <__clang_cuda_builtin_vars.h>
#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __shared__ __attribute__((shared))
#define __noinline__ __attribute__((noinline))
#define __constant__ __attribute__((constant))

__global__ void vec_add(const float* a, const float* b, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

__global__ void reduce_sum(const float* in, float* out, int n) {
  __shared__ float sdata[256];
  unsigned tid = threadIdx.x;
  unsigned i = blockIdx.x * blockDim.x * 2 + threadIdx.x;
  float v = 0;
  if (i < n) v = in[i];
  if (i + blockDim.x < n) v += in[i + blockDim.x];
  sdata[tid] = v;
  __syncthreads();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
    if (tid < s) sdata[tid] += sdata[tid + s];
    __syncthreads();
  }
  if (tid == 0) __nvvm_atom_add_gen_f(out, sdata[0]);
}

__global__ void matmul(const float* a, const float* b, float* c, int n) {
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  if (row >= n || col >= n) return;
  float acc = 0;
  for (int k = 0; k < n; ++k) acc += a[row * n + k] * b[k * n + col];
  c[row * n + col] = acc;
}

__global__ void histogram(const unsigned char* data, int n, int* bins) {
  __shared__ int local[64];
  for (int i = threadIdx.x; i < 64; i += blockDim.x) local[i] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    __nvvm_atom_add_gen_i(&local[data[i] & 63], 1);
  __syncthreads();
  for (int i = threadIdx.x; i < 64; i += blockDim.x) __nvvm_atom_add_gen_i(&bins[i], local[i]);
}

__device__ __noinline__ float poly(float x, int k) {
  float r = 1;
  for (int i = 0; i < k; ++i) r = r * x + 1.0f;
  return r;
}

__device__ __noinline__ int divmod(int a, int b, int* rem) {
  if (b == 0) return 0;
  *rem = a % b;
  return a / b;
}

__global__ void calls(float* x, int* q, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  int r;
  q[i] = divmod(i * 7, 3, &r) + r;
  x[i] = poly(x[i], i & 7);
}

__global__ void local_array(int* out, int k) {
  int buf[16];
  for (int i = 0; i < 16; ++i) buf[i] = i * threadIdx.x;
  out[threadIdx.x] = buf[(threadIdx.x + k) & 15];
}

__constant__ float coeffs[4] = {1.0f, 2.0f, 3.0f, 4.0f};
__device__ int counter;
__device__ float* table_ptr = 0;

__global__ void consts(float* out, double d) {
  int i = threadIdx.x;
  float x = out[i];
  out[i] = coeffs[0] + x * (coeffs[1] + x * (coeffs[2] + x * coeffs[3])) + (float)d;
  if (i == 0) __nvvm_atom_add_gen_i(&counter, 1);
}

__global__ void nested(int* out, int n, int m) {
  int acc = 0;
  for (int i = 0; i < n; ++i) {
    if (i & 1) continue;
    for (int j = 0; j < m; ++j) {
      if ((i ^ j) == 5) break;
      acc += i * j;
    }
  }
  out[threadIdx.x] = acc;
}

__global__ void mathy(float* x, double* y, long long* z, unsigned* u) {
  int i = threadIdx.x;
  x[i] = __builtin_sqrtf(x[i]) / (x[i] + 1.0f);
  y[i] = y[i] / 3.0 + (double)z[i];
  z[i] = z[i] * 12345678901LL + (z[i] >> 3);
  u[i] = __builtin_popcount(u[i]) + __builtin_clz(u[i] | 1) + (u[i] << 3) / 7u;
}

__global__ void warp_ops(int* out) {
  int v = threadIdx.x;
  v += __nvvm_shfl_sync_down_i32(0xffffffff, v, 1, 31);
  unsigned b = __nvvm_vote_ballot_sync(0xffffffff, v & 1);
  out[threadIdx.x] = v + b;
}

extern __shared__ float dyn[];
__global__ void dynamic_shared(float* out) {
  dyn[threadIdx.x] = threadIdx.x;
  __syncthreads();
  out[threadIdx.x] = dyn[blockDim.x - 1 - threadIdx.x];
}

struct Pair { int a; float b; double c; };
__global__ void struct_param(Pair p, float* out) { out[threadIdx.x] = p.a + p.b + p.c; }
