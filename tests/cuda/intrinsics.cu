// Integer and bit intrinsics, type-punning intrinsics and warp-level primitives (vote, shuffle),
// checked against host implementations.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <cuda_runtime.h>

static int failures = 0;
#define CUDA_CHECK(call)                                                                   \
  do {                                                                                     \
    cudaError_t e_ = (call);                                                               \
    if (e_ != cudaSuccess) {                                                               \
      fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(e_)); \
      exit(1);                                                                             \
    }                                                                                      \
  } while (0)

#define NUM_INT_OPS 16

__global__ void bitOps(const unsigned* in, unsigned long long* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  unsigned x = in[i], y = in[(i + 1) % n];
  unsigned long long wide = ((unsigned long long)x << 32) | y;
  unsigned long long* o = out + (size_t)i * NUM_INT_OPS;
  o[0] = __popc(x);
  o[1] = __popcll(wide);
  o[2] = __clz((int)x);
  o[3] = __clzll((long long)wide);
  o[4] = __ffs((int)x);
  o[5] = __ffsll((long long)wide);
  o[6] = __brev(x);
  o[7] = __brevll(wide);
  o[8] = __byte_perm(x, y, 0x3715);
  o[9] = __umulhi(x, y);
  o[10] = (unsigned)__mulhi((int)x, (int)y);
  o[11] = __umul64hi(wide, 0x9e3779b97f4a7c15ull);
  o[12] = __funnelshift_l(x, y, i % 40);
  o[13] = __funnelshift_r(x, y, i % 40);
  o[14] = (unsigned)__float_as_int(__int_as_float((int)x));
  o[15] = min(x, y) ^ ((unsigned long long)max((int)x, (int)y) << 32);
}

static unsigned long long hostOp(int op, unsigned x, unsigned y, int i) {
  unsigned long long wide = ((unsigned long long)x << 32) | y;
  auto clz64 = [](unsigned long long v) {
    int c = 0;
    for (int b = 63; b >= 0 && !((v >> b) & 1); --b) ++c;
    return c;
  };
  auto ffs64 = [](unsigned long long v) {
    for (int b = 0; b < 64; ++b)
      if ((v >> b) & 1) return b + 1;
    return 0;
  };
  auto rev64 = [](unsigned long long v, int bits) {
    unsigned long long r = 0;
    for (int b = 0; b < bits; ++b)
      if ((v >> b) & 1) r |= 1ull << (bits - 1 - b);
    return r;
  };
  switch (op) {
    case 0: return __builtin_popcount(x);
    case 1: return __builtin_popcountll(wide);
    case 2: return clz64(x) - 32;
    case 3: return clz64(wide);
    case 4: return ffs64(x);
    case 5: return ffs64(wide);
    case 6: return rev64(x, 32);
    case 7: return rev64(wide, 64);
    case 8: {
      unsigned char bytes[8];
      for (int b = 0; b < 4; ++b) bytes[b] = (x >> (8 * b)) & 0xff;
      for (int b = 0; b < 4; ++b) bytes[4 + b] = (y >> (8 * b)) & 0xff;
      unsigned s = 0x3715, r = 0;
      for (int b = 0; b < 4; ++b) r |= (unsigned)bytes[(s >> (4 * b)) & 7] << (8 * b);
      return r;
    }
    case 9: return (unsigned)(((unsigned long long)x * y) >> 32);
    case 10: return (unsigned)(uint32_t)(((long long)(int)x * (long long)(int)y) >> 32);
    case 11: {
      unsigned long long a = wide, b = 0x9e3779b97f4a7c15ull;
      unsigned long long al = a & 0xffffffffu, ah = a >> 32, bl = b & 0xffffffffu, bh = b >> 32;
      unsigned long long ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
      unsigned long long mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
      return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    }
    case 12: {  // shift the 64-bit y:x left, keep the high word; the amount wraps modulo 32
      int s = (i % 40) & 31;
      unsigned long long v = ((unsigned long long)y << 32) | x;
      return (unsigned)((v << s) >> 32);
    }
    case 13: {
      int s = (i % 40) & 31;
      unsigned long long v = ((unsigned long long)y << 32) | x;
      return (unsigned)(v >> s);
    }
    case 14: return x;
    case 15: {
      unsigned mn = x < y ? x : y;
      int mx = (int)x > (int)y ? (int)x : (int)y;
      return mn ^ ((unsigned long long)mx << 32);
    }
  }
  return 0;
}

// Warp primitives: each lane writes what it observed.
__global__ void warpOps(const int* in, int* out) {
  int lane = threadIdx.x & 31;
  int v = in[blockIdx.x * blockDim.x + threadIdx.x];
  int* o = out + (blockIdx.x * blockDim.x + threadIdx.x) * 8;
  unsigned ballot = __ballot_sync(0xffffffffu, v > 0);
  o[0] = (int)ballot;
  o[1] = __any_sync(0xffffffffu, v > 90);
  o[2] = __all_sync(0xffffffffu, v > -100);
  o[3] = __shfl_sync(0xffffffffu, v, 7);          // broadcast from lane 7
  o[4] = __shfl_up_sync(0xffffffffu, v, 3);       // lanes 0..2 keep their own value
  o[5] = __shfl_down_sync(0xffffffffu, v, 5);     // lanes 27..31 keep their own value
  o[6] = __shfl_xor_sync(0xffffffffu, v, 0x11);
  o[7] = __shfl_sync(0xffffffffu, v, lane + 1, 8);  // within groups of 8, wrapping
}

int main() {
  const int n = 512;
  std::vector<unsigned> in(n);
  uint32_t s = 0x12345678u;
  for (int i = 0; i < n; ++i) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    in[i] = (i % 17 == 0) ? 0u : (i % 19 == 0 ? 0xffffffffu : s >> (i % 9));
  }
  unsigned* dIn;
  unsigned long long* dOut;
  CUDA_CHECK(cudaMalloc(&dIn, n * sizeof(unsigned)));
  CUDA_CHECK(cudaMalloc(&dOut, n * NUM_INT_OPS * sizeof(unsigned long long)));
  CUDA_CHECK(cudaMemcpy(dIn, in.data(), n * sizeof(unsigned), cudaMemcpyHostToDevice));
  bitOps<<<n / 128, 128>>>(dIn, dOut, n);
  CUDA_CHECK(cudaGetLastError());
  std::vector<unsigned long long> out(n * NUM_INT_OPS);
  CUDA_CHECK(cudaMemcpy(out.data(), dOut, out.size() * sizeof(unsigned long long), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    for (int op = 0; op < NUM_INT_OPS; ++op) {
      unsigned long long expected = hostOp(op, in[i], in[(i + 1) % n], i);
      if (out[i * NUM_INT_OPS + op] != expected) {
        if (failures < 20)
          fprintf(stderr, "op %d, input %d (0x%08x, 0x%08x): got 0x%llx, expected 0x%llx\n", op, i, in[i],
                  in[(i + 1) % n], out[i * NUM_INT_OPS + op], expected);
        ++failures;
      }
    }
  }

  const int threads = 64, blocks = 2, total = threads * blocks;
  std::vector<int> w(total);
  for (int i = 0; i < total; ++i) w[i] = (i * 53) % 201 - 100;
  int *dW, *dWOut;
  CUDA_CHECK(cudaMalloc(&dW, total * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&dWOut, total * 8 * sizeof(int)));
  CUDA_CHECK(cudaMemcpy(dW, w.data(), total * sizeof(int), cudaMemcpyHostToDevice));
  warpOps<<<blocks, threads>>>(dW, dWOut);
  CUDA_CHECK(cudaGetLastError());
  std::vector<int> wo(total * 8);
  CUDA_CHECK(cudaMemcpy(wo.data(), dWOut, wo.size() * sizeof(int), cudaMemcpyDeviceToHost));
  for (int i = 0; i < total; ++i) {
    int warpBase = i & ~31, lane = i & 31;
    unsigned ballot = 0;
    int any = 0, all = 1;
    for (int l = 0; l < 32; ++l) {
      int v = w[warpBase + l];
      if (v > 0) ballot |= 1u << l;
      any |= v > 90;
      all &= v > -100;
    }
    int expected[8] = {(int)ballot,
                       any,
                       all,
                       w[warpBase + 7],
                       lane >= 3 ? w[i - 3] : w[i],
                       lane + 5 < 32 ? w[i + 5] : w[i],
                       w[warpBase + (lane ^ 0x11)],
                       w[warpBase + (lane & ~7) + ((lane + 1) & 7)]};
    for (int k = 0; k < 8; ++k) {
      int got = wo[i * 8 + k];
      bool ok = (k == 1 || k == 2) ? ((got != 0) == (expected[k] != 0)) : got == expected[k];
      if (!ok) {
        if (failures < 40) fprintf(stderr, "warp op %d, thread %d: got %d, expected %d\n", k, i, got, expected[k]);
        ++failures;
      }
    }
  }

  CUDA_CHECK(cudaFree(dIn));
  CUDA_CHECK(cudaFree(dOut));
  CUDA_CHECK(cudaFree(dW));
  CUDA_CHECK(cudaFree(dWOut));
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
