// cooperative_groups::block_tile_memory with tiles wider than a warp (CUDA 11's experimental form and
// CUDA 12's), and libcu++ (Debian's libcu++-dev) in device code: cuda::atomic_ref, cuda::std::
// numeric_limits and cuda::std::array next to Canopy's cuda::barrier. Sums are checked against the host.
#include <cooperative_groups.h>
#include <cuda/barrier>
// Debian's libcu++ 1.8.1 names one of its own template parameters T, so it cannot be included under
// -DT=... with nvcc either; this program shows the workaround.
#pragma push_macro("T")
#undef T
#include <cuda/atomic>
#include <cuda/std/array>
#include <cuda/std/cstdint>
#include <cuda/std/limits>
#pragma pop_macro("T")

#include <vector>

#include "../cuda/check.h"

namespace cg = cooperative_groups;

__global__ void tile_sums(const int* in, int* tile_out, int* total, unsigned* big) {
  __shared__ cg::experimental::block_tile_memory<4, 256> scratch;
  __shared__ int partial[256];
  cg::thread_block block = cg::experimental::this_thread_block(scratch);
  auto tile = cg::experimental::tiled_partition<128>(block);
  const int t = block.thread_rank();
  partial[t] = in[blockIdx.x * 256 + t];
  tile.sync();
  for (int stride = 64; stride > 0; stride /= 2) {  // a tree over the 128 threads of this tile
    if ((int)tile.thread_rank() < stride) partial[t] += partial[t + stride];
    tile.sync();
  }
  if (tile.thread_rank() == 0) tile_out[blockIdx.x * 2 + tile.meta_group_rank()] = partial[t];
  cuda::atomic_ref<int, cuda::thread_scope_device> sum(*total);
  sum.fetch_add(in[blockIdx.x * 256 + t], cuda::std::memory_order_relaxed);
  cuda::std::array<cuda::std::uint32_t, 2> pair = {cuda::std::numeric_limits<cuda::std::uint32_t>::max(), 1u};
  if (t == 0) big[blockIdx.x] = pair[0] - pair[1];
}

__global__ void wide_tile_ranks(unsigned* out) {
  __shared__ cg::block_tile_memory<512> scratch;
  cg::thread_block block = cg::this_thread_block(scratch);
  auto tile = cg::tiled_partition<256>(block);
  out[block.thread_rank()] = tile.meta_group_rank() * 1000 + tile.thread_rank() + (tile.size() == 256 ? 0 : 77777);
}

int main() {
  const int blocks = 4;
  std::vector<int> in(blocks * 256);
  for (size_t i = 0; i < in.size(); ++i) in[i] = (int)(i * 7 % 101) - 50;
  int *d_in, *d_tiles, *d_total;
  unsigned *d_big, *d_ranks;
  EXPECT_OK(cudaMalloc(&d_in, in.size() * sizeof(int)));
  EXPECT_OK(cudaMalloc(&d_tiles, blocks * 2 * sizeof(int)));
  EXPECT_OK(cudaMalloc(&d_total, sizeof(int)));
  EXPECT_OK(cudaMalloc(&d_big, blocks * sizeof(unsigned)));
  EXPECT_OK(cudaMalloc(&d_ranks, 512 * sizeof(unsigned)));
  EXPECT_OK(cudaMemset(d_total, 0, sizeof(int)));
  EXPECT_OK(cudaMemcpy(d_in, in.data(), in.size() * sizeof(int), cudaMemcpyHostToDevice));
  tile_sums<<<blocks, 256>>>(d_in, d_tiles, d_total, d_big);
  wide_tile_ranks<<<1, 512>>>(d_ranks);
  std::vector<int> tiles(blocks * 2);
  std::vector<unsigned> big(blocks), ranks(512);
  int total = 0;
  EXPECT_OK(cudaMemcpy(tiles.data(), d_tiles, tiles.size() * sizeof(int), cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(&total, d_total, sizeof(int), cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(big.data(), d_big, big.size() * sizeof(unsigned), cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(ranks.data(), d_ranks, ranks.size() * sizeof(unsigned), cudaMemcpyDeviceToHost));
  int expect_total = 0;
  for (int b = 0; b < blocks * 2; ++b) {
    int s = 0;
    for (int i = 0; i < 128; ++i) s += in[b * 128 + i];
    EXPECT(tiles[b] == s);
    expect_total += s;
  }
  EXPECT(total == expect_total);
  for (unsigned v : big) EXPECT(v == 0xfffffffeu);
  for (unsigned t = 0; t < 512; ++t) EXPECT(ranks[t] == (t / 256) * 1000 + t % 256);
  cudaFree(d_in);
  cudaFree(d_tiles);
  cudaFree(d_total);
  cudaFree(d_big);
  cudaFree(d_ranks);
  return check_result();
}
