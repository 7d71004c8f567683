// Cooperative groups, checked against CPU references: thread_block accessors and sync, static tiles
// (tiled_partition<16>/<4>) with cg::reduce over plus/less/greater/bit ops and the tile's shuffles, votes
// and matches, a dynamic tiled_partition(block, 8), coalesced_threads() inside a divergent branch, the
// scans, and this_grid()'s ranks.
#include <climits>
#include <cstdio>
#include <vector>

#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>

#include "check.h"

namespace cg = cooperative_groups;

constexpr int kBlock = 128, kBlocks = 2, kThreads = kBlock * kBlocks;

// Per thread 12 words from tiles of 16 and 4.
__global__ void static_tiles(const int* in, int* out) {
  cg::thread_block block = cg::this_thread_block();
  const int t = blockIdx.x * blockDim.x + block.thread_rank();
  const int v = in[t];
  cg::thread_block_tile<16> t16 = cg::tiled_partition<16>(block);
  cg::thread_block_tile<4> t4 = cg::tiled_partition<4>(block);
  int* o = out + t * 12;
  o[0] = cg::reduce(t16, v, cg::plus<int>());
  o[1] = cg::reduce(t16, v, cg::less<int>());
  o[2] = cg::reduce(t16, v, cg::greater<int>());
  o[3] = (int)cg::reduce(t4, (unsigned)v, cg::bit_xor<unsigned>());
  o[4] = (int)cg::reduce(t4, (unsigned)v, cg::bit_or<unsigned>());
  o[5] = (int)cg::reduce(t4, (unsigned)v, cg::bit_and<unsigned>());
  o[6] = t16.shfl_xor(v, 5) + 1000 * (int)t16.thread_rank();
  o[7] = (int)t16.ballot(v > 0) ^ (t16.any(v > 40) << 20) ^ (t16.all(v > -60) << 21);
  o[8] = (int)t4.match_any(v & 1);
  o[9] = t16.meta_group_rank() * 100 + t16.meta_group_size() * 10000 + t4.meta_group_rank();
  o[10] = t16.shfl_up(v, 3) + t16.shfl_down(v, 2) * 3 + t16.shfl(v, 15) * 7;
  o[11] = (int)(cg::reduce(t16, (double)v * 0.25, cg::plus<double>()) * 4) + (int)t16.size() * 100000;
  t16.sync();
  block.sync();
}

// A dynamic tile of 8: per thread {rank, size, sum through shuffles of a thread_block_tile<8> view}.
__global__ void dynamic_tiles(const int* in, int* out) {
  cg::thread_block block = cg::this_thread_block();
  const int t = blockIdx.x * blockDim.x + block.thread_rank();
  cg::thread_group g = cg::tiled_partition(block, 8);
  g.sync();
  int* o = out + t * 3;
  o[0] = (int)g.thread_rank();
  o[1] = (int)g.size();
  o[2] = (int)g.meta_group_rank();
}

// Inside a branch taken by the threads with lane % 3 != 2, the coalesced group is exactly those threads.
__global__ void coalesced(const int* in, int* out) {
  const int t = blockIdx.x * blockDim.x + threadIdx.x;
  const int v = in[t];
  int* o = out + t * 8;
  for (int k = 0; k < 8; ++k) o[k] = -1;
  if (threadIdx.x % 32 % 3 != 2) {
    cg::coalesced_group g = cg::coalesced_threads();
    o[0] = (int)g.size();
    o[1] = (int)g.thread_rank();
    o[2] = g.shfl(v, 0);
    o[3] = (int)g.ballot(v > 0);
    o[4] = cg::reduce(g, v, cg::plus<int>());
    o[5] = cg::inclusive_scan(g, v);
    o[6] = cg::exclusive_scan(g, v, cg::plus<int>());
    o[7] = g.shfl_down(v, 1);
    g.sync();
  }
}

// Scans on a static tile and the grid's ranks.
__global__ void scans_and_grid(const int* in, long long* out) {
  cg::thread_block block = cg::this_thread_block();
  cg::grid_group grid = cg::this_grid();
  const int t = blockIdx.x * blockDim.x + threadIdx.x;
  const int v = in[t];
  cg::thread_block_tile<32> warp = cg::tiled_partition<32>(block);
  long long* o = out + t * 6;
  o[0] = cg::inclusive_scan(warp, v, cg::plus<int>());
  o[1] = cg::exclusive_scan(warp, v);
  o[2] = cg::inclusive_scan(warp, v, cg::greater<int>());
  o[3] = (long long)grid.thread_rank();
  o[4] = (long long)grid.size() * 10 + grid.is_valid();
  o[5] = block.group_index().x * 1000 + block.thread_index().x + block.dim_threads().x * 100000 +
         (long long)grid.num_blocks() * 100000000LL;
}

int main() {
  std::vector<int> in(kThreads);
  for (int i = 0; i < kThreads; ++i) in[i] = (i * 53) % 97 - 48;
  int *d_in, *d_out;
  long long* d_out64;
  EXPECT_OK(cudaMalloc(&d_in, kThreads * sizeof(int)));
  EXPECT_OK(cudaMalloc(&d_out, kThreads * 12 * sizeof(int)));
  EXPECT_OK(cudaMalloc(&d_out64, kThreads * 6 * sizeof(long long)));
  EXPECT_OK(cudaMemcpy(d_in, in.data(), kThreads * sizeof(int), cudaMemcpyHostToDevice));
  std::vector<int> out(kThreads * 12);

  static_tiles<<<kBlocks, kBlock>>>(d_in, d_out);
  EXPECT_OK(cudaMemcpy(out.data(), d_out, out.size() * sizeof(int), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) {
    const int r = t % kBlock, b16 = t - r % 16, b4 = t - r % 4, r16 = r % 16;
    int sum = 0, mn = INT_MAX, mx = INT_MIN, ballot = 0, any = 0, all = 1;
    double dsum = 0;
    for (int i = 0; i < 16; ++i) {
      const int v = in[b16 + i];
      sum += v, mn = v < mn ? v : mn, mx = v > mx ? v : mx, dsum += v * 0.25;
      ballot |= (v > 0) << i, any |= v > 40, all &= v > -60;
    }
    unsigned x = 0, o = 0, a = ~0u;
    int match = 0;
    for (int i = 0; i < 4; ++i) {
      const unsigned u = (unsigned)in[b4 + i];
      x ^= u, o |= u, a &= u;
      if ((in[b4 + i] & 1) == (in[t] & 1)) match |= 1 << i;
    }
    const int* g = &out[t * 12];
    EXPECT(g[0] == sum && g[1] == mn && g[2] == mx);
    EXPECT(g[3] == (int)x && g[4] == (int)o && g[5] == (int)a);
    EXPECT(g[6] == in[b16 + (r16 ^ 5)] + 1000 * r16);
    EXPECT(g[7] == (ballot ^ (any << 20) ^ (all << 21)));
    EXPECT(g[8] == match);
    EXPECT(g[9] == r / 16 * 100 + kBlock / 16 * 10000 + r / 4);
    const int up = r16 >= 3 ? in[t - 3] : in[t], down = r16 + 2 < 16 ? in[t + 2] : in[t];
    EXPECT(g[10] == up + down * 3 + in[b16 + 15] * 7);
    EXPECT(g[11] == (int)(dsum * 4) + 16 * 100000);
  }

  dynamic_tiles<<<kBlocks, kBlock>>>(d_in, d_out);
  EXPECT_OK(cudaMemcpy(out.data(), d_out, kThreads * 3 * sizeof(int), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) {
    const int r = t % kBlock;
    EXPECT(out[t * 3] == r % 8 && out[t * 3 + 1] == 8 && out[t * 3 + 2] == r / 8);
  }

  coalesced<<<kBlocks, kBlock>>>(d_in, d_out);
  EXPECT_OK(cudaMemcpy(out.data(), d_out, kThreads * 8 * sizeof(int), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) {
    const int w = t / 32 * 32, lane = t % 32;
    const int* g = &out[t * 8];
    if (lane % 3 == 2) {
      EXPECT(g[0] == -1 && g[4] == -1);
      continue;
    }
    std::vector<int> members;
    for (int i = 0; i < 32; ++i)
      if (i % 3 != 2) members.push_back(w + i);
    int rank = 0, sum = 0, ballot = 0, before = 0;
    for (size_t k = 0; k < members.size(); ++k) {
      if (members[k] < t) ++rank, before += in[members[k]];
      sum += in[members[k]];
      ballot |= (in[members[k]] > 0) << k;
    }
    EXPECT(g[0] == (int)members.size() && g[1] == rank);
    EXPECT(g[2] == in[members[0]]);
    EXPECT(g[3] == ballot);
    EXPECT(g[4] == sum);
    EXPECT(g[5] == before + in[t]);
    EXPECT(g[6] == before);
    EXPECT(g[7] == (rank + 1 < (int)members.size() ? in[members[rank + 1]] : in[t]));
  }

  std::vector<long long> out64(kThreads * 6);
  scans_and_grid<<<kBlocks, kBlock>>>(d_in, d_out64);
  EXPECT_OK(cudaMemcpy(out64.data(), d_out64, out64.size() * sizeof(long long), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) {
    const int w = t / 32 * 32;
    long long incl = 0;
    int mx = INT_MIN;
    for (int i = w; i <= t; ++i) incl += in[i], mx = in[i] > mx ? in[i] : mx;
    const long long* g = &out64[t * 6];
    EXPECT(g[0] == incl && g[1] == incl - in[t] && g[2] == mx);
    EXPECT(g[3] == t && g[4] == (long long)kThreads * 10 + 1);
    EXPECT(g[5] == (t / kBlock) * 1000 + t % kBlock + kBlock * 100000LL + kBlocks * 100000000LL);
  }

  EXPECT_OK(cudaDeviceSynchronize());
  if (failures) fprintf(stderr, "%d failures\n", failures);
  return failures ? 1 : 0;
}
