// A Rodinia-style "pathfinder" benchmark: dynamic programming over a grid of weights, finding the
// cheapest path from the top row to each bottom-row cell moving down, down-left or down-right.
// As in the benchmark, each launch advances several rows at once ("pyramid height") inside one
// block's shared memory, recomputing a shrinking halo instead of synchronizing between rows.
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>

#define BLOCK_SIZE 256
#define HALO 1
#define IN_RANGE(x, min, max) ((x) >= (min) && (x) <= (max))
#define CLAMP_RANGE(x, min, max) x = ((x) < (min)) ? (min) : (((x) > (max)) ? (max) : (x))
#define MIN(a, b) ((a) <= (b) ? (a) : (b))

#define CUDA_CHECK(call)                                                                   \
  do {                                                                                     \
    cudaError_t e_ = (call);                                                               \
    if (e_ != cudaSuccess) {                                                               \
      fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(e_)); \
      exit(1);                                                                             \
    }                                                                                      \
  } while (0)

__global__ void dynproc_kernel(int iteration, const int* gpuWall, const int* gpuSrc, int* gpuResults, int cols,
                               int startStep, int border) {
  __shared__ int prev[BLOCK_SIZE];
  __shared__ int result[BLOCK_SIZE];

  int bx = blockIdx.x;
  int tx = threadIdx.x;

  // Each block produces small_block_cols outputs; the rest of its threads cover the halo.
  int small_block_cols = BLOCK_SIZE - iteration * HALO * 2;
  int blkX = small_block_cols * bx - border;
  int blkXmax = blkX + BLOCK_SIZE - 1;
  int xidx = blkX + tx;

  int validXmin = (blkX < 0) ? -blkX : 0;
  int validXmax = (blkXmax > cols - 1) ? BLOCK_SIZE - 1 - (blkXmax - cols + 1) : BLOCK_SIZE - 1;

  int W = tx - 1;
  int E = tx + 1;
  CLAMP_RANGE(W, validXmin, validXmax);
  CLAMP_RANGE(E, validXmin, validXmax);
  bool isValid = IN_RANGE(tx, validXmin, validXmax);

  if (IN_RANGE(xidx, 0, cols - 1)) prev[tx] = gpuSrc[xidx];
  __syncthreads();

  bool computed = false;
  for (int i = 0; i < iteration; i++) {
    computed = false;
    if (IN_RANGE(tx, i + 1, BLOCK_SIZE - i - 2) && isValid) {
      computed = true;
      int left = prev[W];
      int up = prev[tx];
      int right = prev[E];
      int shortest = MIN(left, up);
      shortest = MIN(shortest, right);
      int index = cols * (startStep + i) + xidx;
      result[tx] = shortest + gpuWall[index];
    }
    __syncthreads();
    if (i == iteration - 1) break;
    if (computed) prev[tx] = result[tx];
    __syncthreads();
  }
  if (computed) gpuResults[xidx] = result[tx];
}

int main() {
  const int rows = 100, cols = 10000, pyramid_height = 20;
  std::vector<int> wall(rows * cols);
  srand(9);
  for (auto& w : wall) w = rand() % 10;

  // CPU reference.
  std::vector<int> src(wall.begin(), wall.begin() + cols), dst(cols);
  for (int t = 1; t < rows; ++t) {
    for (int n = 0; n < cols; ++n) {
      int m = src[n];
      if (n > 0) m = MIN(m, src[n - 1]);
      if (n < cols - 1) m = MIN(m, src[n + 1]);
      dst[n] = wall[t * cols + n] + m;
    }
    src.swap(dst);
  }

  int borderCols = pyramid_height * HALO;
  int smallBlockCol = BLOCK_SIZE - pyramid_height * HALO * 2;
  int blockCols = cols / smallBlockCol + ((cols % smallBlockCol == 0) ? 0 : 1);
  printf("pyramidHeight: %d\ngridSize: [%d]\nborder:[%d]\nblockSize: %d\nblockGrid:[%d]\ntargetBlock:[%d]\n",
         pyramid_height, cols, borderCols, BLOCK_SIZE, blockCols, smallBlockCol);

  int *gpuWall, *gpuResult[2];
  CUDA_CHECK(cudaMalloc(&gpuResult[0], sizeof(int) * cols));
  CUDA_CHECK(cudaMalloc(&gpuResult[1], sizeof(int) * cols));
  CUDA_CHECK(cudaMemcpy(gpuResult[0], wall.data(), sizeof(int) * cols, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMalloc(&gpuWall, sizeof(int) * (rows - 1) * cols));
  CUDA_CHECK(cudaMemcpy(gpuWall, wall.data() + cols, sizeof(int) * (rows - 1) * cols, cudaMemcpyHostToDevice));

  int src_i = 1, dst_i = 0;
  for (int t = 0; t < rows - 1; t += pyramid_height) {
    int temp = src_i;
    src_i = dst_i;
    dst_i = temp;
    dynproc_kernel<<<blockCols, BLOCK_SIZE>>>(MIN(pyramid_height, rows - t - 1), gpuWall, gpuResult[src_i],
                                              gpuResult[dst_i], cols, t, borderCols);
    CUDA_CHECK(cudaGetLastError());
  }
  std::vector<int> result(cols);
  CUDA_CHECK(cudaMemcpy(result.data(), gpuResult[dst_i], sizeof(int) * cols, cudaMemcpyDeviceToHost));

  int errors = 0;
  long long total = 0;
  for (int n = 0; n < cols; ++n) {
    total += result[n];
    if (result[n] != src[n]) {
      if (errors < 5) fprintf(stderr, "column %d: %d, expected %d\n", n, result[n], src[n]);
      ++errors;
    }
  }
  printf("sum of shortest paths: %lld (columns 0..4: %d %d %d %d %d)\n", total, result[0], result[1],
         result[2], result[3], result[4]);
  CUDA_CHECK(cudaFree(gpuWall));
  CUDA_CHECK(cudaFree(gpuResult[0]));
  CUDA_CHECK(cudaFree(gpuResult[1]));
  printf("%s\n", errors == 0 ? "PASS" : "FAIL");
  return errors == 0 ? 0 : 1;
}
