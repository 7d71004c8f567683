// A Rodinia-style Needleman-Wunsch global sequence alignment: the (n+1)x(n+1) score matrix is
// filled in 16x16 tiles; one launch per anti-diagonal of tiles, and inside a tile the threads
// sweep its anti-diagonals in shared memory. Compared exactly with the CPU dynamic program.
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>

#define BLOCK_SIZE 16

#define CUDA_CHECK(call)                                                                   \
  do {                                                                                     \
    cudaError_t e_ = (call);                                                               \
    if (e_ != cudaSuccess) {                                                               \
      fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(e_)); \
      exit(1);                                                                             \
    }                                                                                      \
  } while (0)

__device__ __host__ inline int maximum(int a, int b, int c) {
  int k = a <= b ? b : a;
  return k <= c ? c : k;
}

// Processes the tiles (bx, by) with bx + by == diagonal. blockIdx.x indexes the tiles on it.
__global__ void nw_diagonal(int* items, const int* reference, int cols, int diagonal, int firstBx,
                            int penalty) {
  __shared__ int temp[BLOCK_SIZE + 1][BLOCK_SIZE + 1];
  __shared__ int ref[BLOCK_SIZE][BLOCK_SIZE];

  int bx = firstBx + blockIdx.x;
  int by = diagonal - bx;
  int tx = threadIdx.x;

  // Index of the tile's top-left cell (the cell above and left of its first computed cell).
  int base = cols * BLOCK_SIZE * by + BLOCK_SIZE * bx;
  int index = base + cols + 1 + tx;       // row 0 of the tile, column tx
  int indexN = base + 1 + tx;             // the row above the tile
  int indexW = base + cols * (tx + 1);    // the column left of the tile

  if (tx == 0) temp[0][0] = items[base];
  for (int ty = 0; ty < BLOCK_SIZE; ++ty) ref[ty][tx] = reference[index + cols * ty];
  temp[0][tx + 1] = items[indexN];
  temp[tx + 1][0] = items[indexW];
  __syncthreads();

  // Upper-left triangle of anti-diagonals, then the lower-right one.
  for (int m = 0; m < BLOCK_SIZE; ++m) {
    if (tx <= m) {
      int x = tx + 1, y = m - tx + 1;
      temp[y][x] = maximum(temp[y - 1][x - 1] + ref[y - 1][x - 1], temp[y][x - 1] - penalty,
                           temp[y - 1][x] - penalty);
    }
    __syncthreads();
  }
  for (int m = BLOCK_SIZE - 2; m >= 0; --m) {
    if (tx <= m) {
      int x = tx + BLOCK_SIZE - m, y = BLOCK_SIZE - tx;
      temp[y][x] = maximum(temp[y - 1][x - 1] + ref[y - 1][x - 1], temp[y][x - 1] - penalty,
                           temp[y - 1][x] - penalty);
    }
    __syncthreads();
  }

  for (int ty = 0; ty < BLOCK_SIZE; ++ty) items[index + cols * ty] = temp[ty + 1][tx + 1];
}

int main() {
  const int n = 512;  // sequence length, a multiple of BLOCK_SIZE
  const int penalty = 10;
  const int cols = n + 1, rows = n + 1;

  // A small substitution matrix over a 10-letter alphabet and two random sequences.
  int blosum[10][10];
  for (int a = 0; a < 10; ++a)
    for (int b = 0; b < 10; ++b) blosum[a][b] = a == b ? 5 + a % 4 : -((a * 7 + b * 3) % 5) - 1;
  std::vector<int> seqA(n + 1), seqB(n + 1);
  srand(7);
  for (int i = 1; i <= n; ++i) {
    seqA[i] = rand() % 10;
    seqB[i] = rand() % 10;
  }
  std::vector<int> reference(rows * cols, 0), items(rows * cols, 0);
  for (int i = 1; i < rows; ++i)
    for (int j = 1; j < cols; ++j) reference[i * cols + j] = blosum[seqA[i]][seqB[j]];
  for (int i = 1; i < rows; ++i) items[i * cols] = -i * penalty;
  for (int j = 1; j < cols; ++j) items[j] = -j * penalty;

  // CPU reference.
  std::vector<int> cpu = items;
  for (int i = 1; i < rows; ++i)
    for (int j = 1; j < cols; ++j)
      cpu[i * cols + j] = maximum(cpu[(i - 1) * cols + j - 1] + reference[i * cols + j],
                                  cpu[i * cols + j - 1] - penalty, cpu[(i - 1) * cols + j] - penalty);

  int *dItems, *dRef;
  CUDA_CHECK(cudaMalloc(&dItems, sizeof(int) * rows * cols));
  CUDA_CHECK(cudaMalloc(&dRef, sizeof(int) * rows * cols));
  CUDA_CHECK(cudaMemcpy(dItems, items.data(), sizeof(int) * rows * cols, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(dRef, reference.data(), sizeof(int) * rows * cols, cudaMemcpyHostToDevice));

  const int tiles = n / BLOCK_SIZE;
  printf("Start Needleman-Wunsch: %d x %d, %d x %d tiles\n", n, n, tiles, tiles);
  for (int d = 0; d < 2 * tiles - 1; ++d) {
    int firstBx = d < tiles ? 0 : d - tiles + 1;
    int lastBx = d < tiles ? d : tiles - 1;
    nw_diagonal<<<lastBx - firstBx + 1, BLOCK_SIZE>>>(dItems, dRef, cols, d, firstBx, penalty);
    CUDA_CHECK(cudaGetLastError());
  }
  CUDA_CHECK(cudaMemcpy(items.data(), dItems, sizeof(int) * rows * cols, cudaMemcpyDeviceToHost));

  int errors = 0;
  for (int i = 0; i < rows * cols; ++i) {
    if (items[i] != cpu[i]) {
      if (errors < 5) fprintf(stderr, "cell (%d,%d): %d, expected %d\n", i / cols, i % cols, items[i], cpu[i]);
      ++errors;
    }
  }
  printf("alignment score: %d (expected %d)\n", items[rows * cols - 1], cpu[rows * cols - 1]);
  CUDA_CHECK(cudaFree(dItems));
  CUDA_CHECK(cudaFree(dRef));
  printf("%s\n", errors == 0 ? "PASS" : "FAIL");
  return errors == 0 ? 0 : 1;
}
