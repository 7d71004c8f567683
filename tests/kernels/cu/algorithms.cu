#include "prelude.h"

#define TILE 16
extern "C" __global__ void sgemm_tiled(int n, const float* a, const float* b, float* c) {
  __shared__ float ta[TILE][TILE];
  __shared__ float tb[TILE][TILE];
  int row = blockIdx.y * TILE + threadIdx.y, col = blockIdx.x * TILE + threadIdx.x;
  float acc = 0.0f;
  for (int t = 0; t < n; t += TILE) {
    ta[threadIdx.y][threadIdx.x] = (row < n && t + threadIdx.x < n) ? a[row * n + t + threadIdx.x] : 0.0f;
    tb[threadIdx.y][threadIdx.x] = (col < n && t + threadIdx.y < n) ? b[(t + threadIdx.y) * n + col] : 0.0f;
    __syncthreads();
    for (int k = 0; k < TILE; ++k) acc += ta[threadIdx.y][k] * tb[k][threadIdx.x];
    __syncthreads();
  }
  if (row < n && col < n) c[row * n + col] = acc;
}

extern "C" __global__ void reduce_sum(const float* in, float* out, int n) {
  extern __shared__ float s[];
  unsigned t = threadIdx.x;
  float v = 0.0f;
  for (unsigned i = blockIdx.x * blockDim.x + t; i < n; i += blockDim.x * gridDim.x) v += in[i];
  s[t] = v;
  __syncthreads();
  for (unsigned k = blockDim.x / 2; k > 0; k >>= 1) {
    if (t < k) s[t] += s[t + k];
    __syncthreads();
  }
  if (t == 0) atomicAdd(out, s[0]);
}

// Work-efficient exclusive scan of one block (Blelloch), 2 elements per thread.
extern "C" __global__ void scan_block(const int* in, int* out, int n) {
  extern __shared__ int tmp[];
  int t = threadIdx.x, offset = 1;
  tmp[2 * t] = 2 * t < n ? in[2 * t] : 0;
  tmp[2 * t + 1] = 2 * t + 1 < n ? in[2 * t + 1] : 0;
  int m = 2 * blockDim.x;
  for (int d = m >> 1; d > 0; d >>= 1) {
    __syncthreads();
    if (t < d) tmp[offset * (2 * t + 2) - 1] += tmp[offset * (2 * t + 1) - 1];
    offset *= 2;
  }
  if (t == 0) tmp[m - 1] = 0;
  for (int d = 1; d < m; d *= 2) {
    offset >>= 1;
    __syncthreads();
    if (t < d) {
      int ai = offset * (2 * t + 1) - 1, bi = offset * (2 * t + 2) - 1;
      int x = tmp[ai];
      tmp[ai] = tmp[bi];
      tmp[bi] += x;
    }
  }
  __syncthreads();
  if (2 * t < n) out[2 * t] = tmp[2 * t];
  if (2 * t + 1 < n) out[2 * t + 1] = tmp[2 * t + 1];
}

// Bitonic sort of one block's worth of keys in shared memory.
extern "C" __global__ void bitonic_sort(int* data) {
  extern __shared__ int keys[];
  unsigned t = threadIdx.x, n = blockDim.x;
  keys[t] = data[blockIdx.x * n + t];
  __syncthreads();
  for (unsigned k = 2; k <= n; k <<= 1) {
    for (unsigned j = k >> 1; j > 0; j >>= 1) {
      unsigned p = t ^ j;
      if (p > t) {
        bool up = (t & k) == 0;
        int a = keys[t], b = keys[p];
        if ((a > b) == up) { keys[t] = b; keys[p] = a; }
      }
      __syncthreads();
    }
  }
  data[blockIdx.x * n + t] = keys[t];
}

extern "C" __global__ void stencil5(int w, int h, const float* in, float* out) {
  int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= w || y >= h) return;
  if (x == 0 || y == 0 || x == w - 1 || y == h - 1) { out[y * w + x] = in[y * w + x]; return; }
  out[y * w + x] = 0.5f * in[y * w + x] +
                   0.125f * (in[y * w + x - 1] + in[y * w + x + 1] + in[(y - 1) * w + x] + in[(y + 1) * w + x]);
}

// One level of a frontier-based BFS over a CSR graph (divergent, irregular).
extern "C" __global__ void bfs_level(int n, const int* row, const int* col, int* dist, int level, int* changed) {
  int v = blockIdx.x * blockDim.x + threadIdx.x;
  if (v >= n || dist[v] != level) return;
  for (int e = row[v]; e < row[v + 1]; ++e) {
    int u = col[e];
    if (dist[u] < 0) {
      dist[u] = level + 1;
      *changed = 1;
    }
  }
}

extern "C" __global__ void histogram(const unsigned char* in, int n, unsigned* bins) {
  __shared__ unsigned local[256];
  for (int i = threadIdx.x; i < 256; i += blockDim.x) local[i] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    atomicAdd(&local[in[i]], 1u);
  __syncthreads();
  for (int i = threadIdx.x; i < 256; i += blockDim.x) atomicAdd(&bins[i], local[i]);
}

extern "C" __global__ void nbody_step(int n, const float4* pos, float3* acc) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float4 p = pos[i];
  float ax = 0, ay = 0, az = 0;
  for (int j = 0; j < n; ++j) {
    float4 q = pos[j];
    float dx = q.x - p.x, dy = q.y - p.y, dz = q.z - p.z;
    float d2 = dx * dx + dy * dy + dz * dz + 0.01f;
    float inv = 1.0f / sqrtf(d2);
    float s = q.w * inv * inv * inv;
    ax += dx * s; ay += dy * s; az += dz * s;
  }
  acc[i] = make_float3(ax, ay, az);
}

