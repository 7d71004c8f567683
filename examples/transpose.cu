// Matrix transpose (after the CUDA sample "transpose"): a naive kernel, whose writes are strided,
// and a tiled kernel that stages a 32x32 tile in shared memory, padded to 33 columns so that
// reading a tile column touches 32 different banks.
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>

#define CUDA_CHECK(call)                                                                       \
  do {                                                                                         \
    cudaError_t err_ = (call);                                                                 \
    if (err_ != cudaSuccess) {                                                                 \
      fprintf(stderr, "CUDA error %s at %s:%d: %s\n", cudaGetErrorName(err_), __FILE__, __LINE__, \
              cudaGetErrorString(err_));                                                       \
      exit(EXIT_FAILURE);                                                                      \
    }                                                                                          \
  } while (0)

#define TILE_DIM 32
#define BLOCK_ROWS 8

// in is height x width (row-major), out is width x height.
__global__ void transposeNaive(float* out, const float* in, int width, int height) {
  int x = blockIdx.x * TILE_DIM + threadIdx.x;
  int y = blockIdx.y * TILE_DIM + threadIdx.y;
  for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS) {
    if (x < width && y + j < height) out[x * height + (y + j)] = in[(y + j) * width + x];
  }
}

__global__ void transposeTiled(float* out, const float* in, int width, int height) {
  __shared__ float tile[TILE_DIM][TILE_DIM + 1];

  int x = blockIdx.x * TILE_DIM + threadIdx.x;
  int y = blockIdx.y * TILE_DIM + threadIdx.y;
  for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS) {
    if (x < width && y + j < height) tile[threadIdx.y + j][threadIdx.x] = in[(y + j) * width + x];
  }
  __syncthreads();

  // Swap the block's coordinates: this block writes the transposed tile.
  x = blockIdx.y * TILE_DIM + threadIdx.x;
  y = blockIdx.x * TILE_DIM + threadIdx.y;
  for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS) {
    if (x < height && y + j < width) out[(y + j) * height + x] = tile[threadIdx.x][threadIdx.y + j];
  }
}

static int check(const std::vector<float>& out, const std::vector<float>& in, int width, int height) {
  int errors = 0;
  for (int r = 0; r < height; ++r)
    for (int c = 0; c < width; ++c)
      if (out[c * height + r] != in[r * width + c]) ++errors;
  return errors;
}

int main() {
  cudaDeviceProp prop;
  CUDA_CHECK(cudaGetDeviceProperties(&prop, 0));
  printf("Device: %s\n", prop.name);

  const int width = 1000, height = 770;  // partial tiles on both edges
  const size_t bytes = (size_t)width * height * sizeof(float);
  std::vector<float> h(width * height), out(width * height);
  for (int i = 0; i < width * height; ++i) h[i] = (float)i;

  float *d_in, *d_out;
  CUDA_CHECK(cudaMalloc(&d_in, bytes));
  CUDA_CHECK(cudaMalloc(&d_out, bytes));
  CUDA_CHECK(cudaMemcpy(d_in, h.data(), bytes, cudaMemcpyHostToDevice));

  dim3 grid((width + TILE_DIM - 1) / TILE_DIM, (height + TILE_DIM - 1) / TILE_DIM);
  dim3 threads(TILE_DIM, BLOCK_ROWS);
  cudaEvent_t start, stop;
  CUDA_CHECK(cudaEventCreate(&start));
  CUDA_CHECK(cudaEventCreate(&stop));

  int errors = 0;
  const char* names[2] = {"naive", "tiled (padded shared memory)"};
  for (int variant = 0; variant < 2; ++variant) {
    CUDA_CHECK(cudaMemset(d_out, 0, bytes));
    CUDA_CHECK(cudaEventRecord(start));
    if (variant == 0)
      transposeNaive<<<grid, threads>>>(d_out, d_in, width, height);
    else
      transposeTiled<<<grid, threads>>>(d_out, d_in, width, height);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaEventRecord(stop));
    CUDA_CHECK(cudaEventSynchronize(stop));
    float ms = 0.0f;
    CUDA_CHECK(cudaEventElapsedTime(&ms, start, stop));
    CUDA_CHECK(cudaMemcpy(out.data(), d_out, bytes, cudaMemcpyDeviceToHost));
    int e = check(out, h, width, height);
    printf("%-30s %dx%d: %.3f ms, %.2f GB/s (simulated), %d mismatches\n", names[variant], width,
           height, ms, ms > 0 ? 2.0 * bytes / (ms * 1e6) : 0.0, e);
    errors += e;
  }

  CUDA_CHECK(cudaEventDestroy(start));
  CUDA_CHECK(cudaEventDestroy(stop));
  CUDA_CHECK(cudaFree(d_in));
  CUDA_CHECK(cudaFree(d_out));
  printf("%s\n", errors == 0 ? "PASS" : "FAIL");
  return errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
