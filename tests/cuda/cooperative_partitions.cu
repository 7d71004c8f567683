// Cooperative-groups partitions: labeled_partition and binary_partition of coalesced groups and warp tiles
// (sizes, ranks, reduce, shuffles and ballots inside each part, also from divergent code), and tiles wider
// than a warp, thread_block_tile<64..1024> and tiled_partition(block, n > 32): ranks, meta ranks (also of
// tiles nested in wider tiles), and sync() as a real barrier between the tile's warps (double-buffered
// neighbour exchanges over several rounds would read stale values if any warp ran ahead), including a
// partial last tile, and cg::reduce over wide tiles. Checked against CPU models of the CUDA semantics.
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>

#include <algorithm>
#include <vector>

#include "check.h"

namespace cg = cooperative_groups;

// Per thread: [0] size, [1] rank, [2] sum of the part's lane ids, [3] ballot(lane is even) in rank bits,
// [4] lane id of rank (rank + 1) % size via shfl, [5] meta_group_rank * 100 + meta_group_size.
constexpr int kFields = 6;

__device__ void record(const cg::coalesced_group& g, int* out) {
  const int lane = threadIdx.x % 32;
  out[0] = g.size();
  out[1] = g.thread_rank();
  out[2] = cg::reduce(g, lane, cg::plus<int>());
  out[3] = g.ballot(lane % 2 == 0);
  out[4] = g.shfl(lane, (g.thread_rank() + 1) % g.size());
  out[5] = g.meta_group_rank() * 100 + g.meta_group_size();
}

// mode 0: labeled_partition(coalesced_threads(), lane % 3); mode 1: the same inside `if (lane % 4 != 1)`;
// mode 2: labeled_partition(tile<16>, value / 10); mode 3: binary_partition(tile<32>, value > 50);
// mode 4: binary_partition(coalesced_threads() of the lanes with lane < 20, lane % 5 == 0).
__global__ void partitions(const int* values, int* out, int mode) {
  const int lane = threadIdx.x % 32, v = values[threadIdx.x];
  int* o = out + threadIdx.x * kFields;
  for (int i = 0; i < kFields; ++i) o[i] = -1;
  cg::thread_block block = cg::this_thread_block();
  if (mode == 0) {
    record(cg::labeled_partition(cg::coalesced_threads(), lane % 3), o);
  } else if (mode == 1) {
    if (lane % 4 != 1) record(cg::labeled_partition(cg::coalesced_threads(), (unsigned)(lane / 8)), o);
  } else if (mode == 2) {
    cg::thread_block_tile<16> t = cg::tiled_partition<16>(block);
    record(cg::labeled_partition(t, v / 10), o);
  } else if (mode == 3) {
    cg::thread_block_tile<32> t = cg::tiled_partition<32>(block);
    record(cg::binary_partition(t, v > 50), o);
  } else if (mode == 4) {
    if (lane < 20) record(cg::binary_partition(cg::coalesced_threads(), lane % 5 == 0), o);
  }
}

// One tile of N threads: ranks, then `rounds` double-buffered exchanges in which thread r reads what
// thread (r + 1) % N of its tile wrote in the round before.
template <unsigned N>
__global__ void wide_tile(int* out, int rounds) {
  extern __shared__ int buf[];  // 2 * blockDim.x
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<N> tile = cg::tiled_partition<N>(block);
  const int t = block.thread_rank(), base = t - tile.thread_rank();
  int* o = out + (blockIdx.x * blockDim.x + t) * 6;
  o[0] = tile.thread_rank();
  o[1] = tile.size() * 1000 + tile.num_threads();
  o[2] = tile.meta_group_rank() * 100 + tile.meta_group_size();
  // The tile's real extent (the last tile of the block may be partial).
  const int members = min((int)N, (int)block.size() - base);
  int value = t;
  for (int r = 0; r < rounds; ++r) {
    int* cur = buf + (r % 2) * blockDim.x;
    cur[t] = value;
    tile.sync();
    value = cur[base + (tile.thread_rank() + 1) % members] + 1;
    tile.sync();  // the next round's writes go to the other buffer, but the one after reuses this one
  }
  o[3] = value;
  // Sum of the tile's block ranks, twice in a row (the shared slots are reused).
  const int sum = cg::reduce(tile, t, cg::plus<int>());
  const int mx = cg::reduce(tile, (t * 37) % 101, cg::greater<int>());
  o[4] = sum;
  o[5] = mx;
}

// Nested static tiles and dynamic wide tiles: meta ranks are relative to the parent.
__global__ void nested(int* out) {
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<128> t128 = cg::tiled_partition<128>(block);
  cg::thread_block_tile<32> t32 = cg::tiled_partition<32>(t128);
  cg::thread_block_tile<8> t8 = cg::tiled_partition<8>(t32);
  cg::thread_group dyn = cg::tiled_partition(block, 256);
  cg::thread_group dyn4 = cg::tiled_partition(t32, 4);
  cg::thread_group as_group = t128;
  cg::thread_block_tile<512> t512 = cg::tiled_partition<512>(block);
  cg::thread_group inner = cg::tiled_partition<128>(t512);  // meta rank within t512, barrier by block rank
  int* o = out + block.thread_rank() * 9;
  o[0] = t32.meta_group_rank() * 100 + t32.meta_group_size();
  o[1] = t8.meta_group_rank() * 100 + t8.meta_group_size();
  o[2] = (int)(dyn.meta_group_rank() * 100 + dyn.meta_group_size());
  o[3] = (int)(dyn.thread_rank() * 1000 + dyn.size());
  o[4] = (int)(dyn4.meta_group_rank() * 100 + dyn4.meta_group_size());
  o[5] = (int)(as_group.thread_rank() * 1000 + as_group.size());
  o[6] = (int)(as_group.meta_group_rank() * 100 + as_group.meta_group_size());
  // A barrier through the dynamic views: thread r reads what r ^ 1 of the same 256-tile wrote.
  __shared__ int s[1024];
  s[block.thread_rank()] = block.thread_rank() * 3;
  dyn.sync();
  as_group.sync();
  inner.sync();
  o[7] = s[block.thread_rank() ^ 1];
  o[8] = (int)(inner.meta_group_rank() * 100 + inner.meta_group_size());
}

namespace {


// The CPU model: `member(l)` says whether lane l is in the caller's part (lanes of one 32-lane warp).
template <typename Member>
void expect_part(const int* o, int lane, Member member, const char* what, int& bad) {
  int size = 0, rank = 0, sum = 0, ballot = 0, order[32];
  for (int l = 0; l < 32; ++l)
    if (member(l)) {
      if (l < lane) ++rank;
      if (l % 2 == 0) ballot |= 1 << size;
      order[size++] = l;
      sum += l;
    }
  const int want[kFields] = {size, rank, sum, ballot, order[(rank + 1) % size], 1};
  for (int i = 0; i < kFields; ++i)
    if (o[i] != want[i]) {
      if (bad++ < 6) fprintf(stderr, "%s: lane %d field %d = %d, want %d\n", what, lane, i, o[i], want[i]);
    }
}

void test_partitions() {
  const int threads = 64;
  std::vector<int> values(threads);
  for (int i = 0; i < threads; ++i) values[i] = (i * 37 + 11) % 100;
  int *d_values = to_device(values), *d_out = to_device(std::vector<int>(threads * kFields));
  const char* names[] = {"labeled_partition(coalesced)", "labeled_partition(divergent)",
                         "labeled_partition(tile<16>)", "binary_partition(tile<32>)",
                         "binary_partition(divergent)"};
  for (int mode = 0; mode < 5; ++mode) {
    partitions<<<1, threads>>>(d_values, d_out, mode);
    EXPECT_OK(cudaGetLastError());
    auto out = from_device(d_out, threads * kFields);
    int bad = 0;
    for (int t = 0; t < threads; ++t) {
      const int lane = t % 32, w = t - lane;  // w: the warp's first thread
      const int* o = &out[t * kFields];
      auto v = [&](int l) { return values[w + l]; };
      switch (mode) {
        case 0:
          expect_part(
              o, lane, [&](int l) { return l % 3 == lane % 3; }, names[mode], bad);
          break;
        case 1:
          if (lane % 4 == 1) {
            if (o[0] != -1) ++bad;
          } else {
            expect_part(
                o, lane, [&](int l) { return l % 4 != 1 && l / 8 == lane / 8; }, names[mode], bad);
          }
          break;
        case 2:
          expect_part(
              o, lane, [&](int l) { return l / 16 == lane / 16 && v(l) / 10 == v(lane) / 10; }, names[mode],
              bad);
          break;
        case 3:
          expect_part(
              o, lane, [&](int l) { return (v(l) > 50) == (v(lane) > 50); }, names[mode], bad);
          break;
        case 4:
          if (lane >= 20) {
            if (o[0] != -1) ++bad;
          } else {
            expect_part(
                o, lane, [&](int l) { return l < 20 && (l % 5 == 0) == (lane % 5 == 0); }, names[mode], bad);
          }
          break;
      }
    }
    if (bad) ++failures;
    printf("%-30s %s\n", names[mode], bad ? "FAILED" : "ok");
  }
}

template <unsigned N>
void test_wide_tile(int block, int blocks) {
  const int rounds = 5, n = block * blocks;
  int* d_out = to_device(std::vector<int>(n * 6, -1));
  wide_tile<N><<<blocks, block, 2 * block * sizeof(int)>>>(d_out, rounds);
  EXPECT_OK(cudaGetLastError());
  auto out = from_device(d_out, n * 6);
  int bad = 0;
  const int tiles = (block + N - 1) / N;
  for (int b = 0; b < blocks; ++b)
    for (int t = 0; t < block; ++t) {
      const int* o = &out[(b * block + t) * 6];
      const int base = t / N * N, members = block - base < (int)N ? block - base : (int)N;
      // After `rounds` rounds thread r holds the start value of r + rounds (mod members) plus rounds.
      const int want_value = base + ((t - base) + rounds) % members + rounds;
      int sum = 0, mx = -1;
      for (int r = base; r < base + members; ++r) sum += r, mx = std::max(mx, (r * 37) % 101);
      const int want[6] = {t % (int)N, (int)N * 1000 + (int)N, t / (int)N * 100 + tiles, want_value, sum, mx};
      for (int i = 0; i < 6; ++i)
        if (o[i] != want[i] && bad++ < 6)
          fprintf(stderr, "tile<%u> block %d thread %d field %d = %d, want %d\n", N, block, t, i, o[i],
                  want[i]);
    }
  if (bad) ++failures;
  printf("thread_block_tile<%4u>, block %4d %s\n", N, block, bad ? "FAILED" : "ok");
}

void test_nested() {
  const int threads = 1024;
  int* d_out = to_device(std::vector<int>(threads * 9, -1));
  nested<<<1, threads>>>(d_out);
  EXPECT_OK(cudaGetLastError());
  auto out = from_device(d_out, threads * 9);
  int bad = 0;
  for (int t = 0; t < threads; ++t) {
    const int want[9] = {
        (t % 128) / 32 * 100 + 4, (t % 32) / 8 * 100 + 4, t / 256 * 100 + 4, (t % 256) * 1000 + 256,
        (t % 32) / 4 * 100 + 8,   (t % 128) * 1000 + 128, t / 128 * 100 + 8, (t ^ 1) * 3,
        (t % 512) / 128 * 100 + 4};
    for (int i = 0; i < 9; ++i)
      if (out[t * 9 + i] != want[i] && bad++ < 6)
        fprintf(stderr, "nested: thread %d field %d = %d, want %d\n", t, i, out[t * 9 + i], want[i]);
  }
  if (bad) ++failures;
  printf("%-30s %s\n", "nested and dynamic tiles", bad ? "FAILED" : "ok");
}

}  // namespace

int main() {
  test_partitions();
  test_wide_tile<64>(256, 2);
  test_wide_tile<64>(96, 1);   // a partial last tile of 32 threads
  test_wide_tile<64>(512, 2);  // 8 tiles of 64 and ids 7-14
  test_wide_tile<64>(448, 1);  // 7 tiles in a block rounded up to 512
  test_wide_tile<128>(512, 2);
  test_wide_tile<128>(1024, 1);  // ids 7-14 of a 1024-thread block
  test_wide_tile<256>(1024, 1);
  test_wide_tile<512>(1024, 1);
  test_wide_tile<1024>(1024, 1);
  test_wide_tile<256>(320, 1);  // a partial last tile of 64 threads
  test_nested();
  printf("%s\n", failures ? "FAILED" : "PASSED");
  return failures ? 1 : 0;
}
