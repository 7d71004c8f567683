// Warp primitives with their member masks, checked against CPU references: a CUB-style warp reduction
// with __shfl_down_sync over several types, __match_any_sync bucketing, __reduce_*_sync over full and
// partial masks, votes and ballots inside divergent branches, and __syncwarp. Runs on every preset: on
// 64-lane warps each 32-lane half behaves as a CUDA warp.
#include <climits>
#include <cstdio>
#include <vector>

#include "check.h"

constexpr int kThreads = 256;
constexpr unsigned kFull = 0xffffffffu;

template <typename T>
__device__ T warp_sum(T v) {
  for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(kFull, v, offset);
  return v;
}

// Per warp: sums of int, long long, float (integers, exact), double; lane 0 broadcast with __shfl_sync.
__global__ void reductions(const int* in, long long* out) {
  const int t = blockIdx.x * blockDim.x + threadIdx.x, warp = t / 32;
  int v = in[t];
  int si = warp_sum(v);
  long long sl = warp_sum((long long)v * 1000000007LL);
  float sf = warp_sum((float)v);
  double sd = warp_sum((double)v * 0.5);
  si = __shfl_sync(kFull, si, 0);  // lane 0 holds the sums: broadcast two of them to lane 31
  sl = __shfl_sync(kFull, sl, 0);
  if (t % 32 == 31) {
    out[warp * 4 + 0] = si;
    out[warp * 4 + 1] = sl;
  }
  if (t % 32 == 0) {
    out[warp * 4 + 2] = (long long)sf;
    out[warp * 4 + 3] = (long long)(sd * 2);
  }
}

// Bucketing: every thread learns which lanes share its key, the lowest of them (the leader) counts them.
__global__ void buckets(const int* keys, unsigned* peers, int* counts) {
  const int t = blockIdx.x * blockDim.x + threadIdx.x;
  const int key = keys[t];
  unsigned same = __match_any_sync(kFull, key);
  peers[t] = same;
  int pred = 0;
  unsigned all = __match_all_sync(kFull, key / 1000, &pred);  // all keys are below 1000
  const unsigned lane = t % 32;
  if ((unsigned)__builtin_ctz(same) == lane) atomicAdd(&counts[key], __popc(same));
  if (all != kFull || !pred) atomicAdd(&counts[999], 1);  // never
  long long wide = ((long long)key << 40) | (lane & 1);
  peers[kThreads + t] = __match_any_sync(kFull, wide);
}

// Full-mask reductions, then a divergent branch (lanes with lane % 3 == 1) reducing under its own mask.
__global__ void reduces(const int* in, unsigned* out) {
  const int t = blockIdx.x * blockDim.x + threadIdx.x;
  const int v = in[t];
  const unsigned u = (unsigned)v, lane = t % 32;
  unsigned* o = out + t * 10;
  o[0] = __reduce_add_sync(kFull, u);
  o[1] = (unsigned)__reduce_add_sync(kFull, v);
  o[2] = (unsigned)__reduce_min_sync(kFull, v);
  o[3] = (unsigned)__reduce_max_sync(kFull, v);
  o[4] = __reduce_min_sync(kFull, u);
  o[5] = __reduce_max_sync(kFull, u);
  o[6] = __reduce_and_sync(kFull, u);
  o[7] = __reduce_or_sync(kFull, u);
  o[8] = __reduce_xor_sync(kFull, u);
  o[9] = 0;
  if (lane % 3 == 1) o[9] = (unsigned)__reduce_max_sync(0x92492492u, v);
}

// Votes inside a branch: the mask is what __activemask returns there.
__global__ void votes(const int* in, unsigned* out) {
  const int t = blockIdx.x * blockDim.x + threadIdx.x;
  const unsigned lane = t % 32;
  const int p = in[t] > 0;
  unsigned* o = out + t * 6;
  for (int k = 0; k < 6; ++k) o[k] = 0;
  if (lane < 20) {
    const unsigned mask = __activemask();
    o[0] = mask;
    o[1] = __ballot_sync(mask, p);
    o[2] = __all_sync(mask, p);
    o[3] = __any_sync(mask, p);
    o[4] = __uni_sync(mask, p);
    __syncwarp(mask);
    o[5] = __shfl_sync(mask, (unsigned)t, 19);  // lane 19 is in the branch
  }
}

int main() {
  std::vector<int> in(kThreads), keys(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    in[i] = (i * 37) % 101 - 50;
    keys[i] = (i * i) % 7 + 10 * (i / 64);
  }
  int *d_in, *d_keys, *d_counts;
  long long* d_sums;
  unsigned *d_out, *d_peers;
  EXPECT_OK(cudaMalloc(&d_in, kThreads * sizeof(int)));
  EXPECT_OK(cudaMalloc(&d_keys, kThreads * sizeof(int)));
  EXPECT_OK(cudaMalloc(&d_counts, 1000 * sizeof(int)));
  EXPECT_OK(cudaMalloc(&d_sums, kThreads / 32 * 4 * sizeof(long long)));
  EXPECT_OK(cudaMalloc(&d_out, kThreads * 10 * sizeof(unsigned)));
  EXPECT_OK(cudaMalloc(&d_peers, 2 * kThreads * sizeof(unsigned)));
  EXPECT_OK(cudaMemcpy(d_in, in.data(), kThreads * sizeof(int), cudaMemcpyHostToDevice));
  EXPECT_OK(cudaMemcpy(d_keys, keys.data(), kThreads * sizeof(int), cudaMemcpyHostToDevice));
  EXPECT_OK(cudaMemset(d_counts, 0, 1000 * sizeof(int)));

  // Warp sums.
  reductions<<<2, kThreads / 2>>>(d_in, d_sums);
  std::vector<long long> sums(kThreads / 32 * 4);
  EXPECT_OK(cudaMemcpy(sums.data(), d_sums, sums.size() * sizeof(long long), cudaMemcpyDeviceToHost));
  for (int w = 0; w < kThreads / 32; ++w) {
    long long s = 0;
    for (int i = 0; i < 32; ++i) s += in[w * 32 + i];
    EXPECT(sums[w * 4 + 0] == s);
    EXPECT(sums[w * 4 + 1] == s * 1000000007LL);
    EXPECT(sums[w * 4 + 2] == s);
    EXPECT(sums[w * 4 + 3] == s);
  }

  // Bucketing.
  buckets<<<1, kThreads>>>(d_keys, d_peers, d_counts);
  std::vector<unsigned> peers(2 * kThreads);
  std::vector<int> counts(1000);
  EXPECT_OK(cudaMemcpy(peers.data(), d_peers, peers.size() * sizeof(unsigned), cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(counts.data(), d_counts, counts.size() * sizeof(int), cudaMemcpyDeviceToHost));
  std::vector<int> expect_counts(1000, 0);
  for (int t = 0; t < kThreads; ++t) {
    const int w = t / 32 * 32, lane = t % 32;
    unsigned same = 0, same_wide = 0;
    for (int i = 0; i < 32; ++i) {
      if (keys[w + i] == keys[t]) same |= 1u << i;
      if (keys[w + i] == keys[t] && i % 2 == lane % 2) same_wide |= 1u << i;
    }
    EXPECT(peers[t] == same);
    EXPECT(peers[kThreads + t] == same_wide);
    ++expect_counts[keys[t]];
  }
  for (int k = 0; k < 1000; ++k) EXPECT(counts[k] == expect_counts[k]);

  // __reduce_*_sync.
  reduces<<<2, kThreads / 2>>>(d_in, d_out);
  std::vector<unsigned> out(kThreads * 10);
  EXPECT_OK(cudaMemcpy(out.data(), d_out, out.size() * sizeof(unsigned), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) {
    const int w = t / 32 * 32, lane = t % 32;
    unsigned add = 0, umin = ~0u, umax = 0, a = ~0u, o = 0, x = 0;
    int smin = INT_MAX, smax = INT_MIN, part_max = INT_MIN;
    for (int i = 0; i < 32; ++i) {
      const int v = in[w + i];
      const unsigned u = (unsigned)v;
      add += u, a &= u, o |= u, x ^= u;
      umin = u < umin ? u : umin, umax = u > umax ? u : umax;
      smin = v < smin ? v : smin, smax = v > smax ? v : smax;
      if (i % 3 == 1 && v > part_max) part_max = v;
    }
    const unsigned* r = &out[t * 10];
    EXPECT(r[0] == add && r[1] == add);
    EXPECT(r[2] == (unsigned)smin && r[3] == (unsigned)smax);
    EXPECT(r[4] == umin && r[5] == umax);
    EXPECT(r[6] == a && r[7] == o && r[8] == x);
    EXPECT(r[9] == (lane % 3 == 1 ? (unsigned)part_max : 0u));
  }

  // Votes in a divergent branch.
  votes<<<2, kThreads / 2>>>(d_in, d_out);
  EXPECT_OK(cudaMemcpy(out.data(), d_out, kThreads * 6 * sizeof(unsigned), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) {
    const int w = t / 32 * 32, lane = t % 32;
    const unsigned* r = &out[t * 6];
    if (lane >= 20) {
      EXPECT(r[0] == 0 && r[1] == 0 && r[5] == 0);
      continue;
    }
    unsigned ballot = 0;
    for (int i = 0; i < 20; ++i) ballot |= (unsigned)(in[w + i] > 0) << i;
    EXPECT(r[0] == 0xfffffu);
    EXPECT(r[1] == ballot);
    EXPECT(r[2] == (ballot == 0xfffffu));
    EXPECT(r[3] == (ballot != 0));
    EXPECT(r[4] == (ballot == 0 || ballot == 0xfffffu));
    EXPECT(r[5] == (unsigned)(w + 19));
  }

  EXPECT_OK(cudaDeviceSynchronize());
  if (failures) fprintf(stderr, "%d failures\n", failures);
  return failures ? 1 : 0;
}
