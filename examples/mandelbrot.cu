// Mandelbrot set: one thread per pixel computes the escape iteration count. The program writes
// the image as a PGM file (mandelbrot.pgm in the current directory), prints a small ASCII
// rendering and a checksum, and compares the counts with the CPU. Every multiply-add is an explicit
// fmaf (one rounding, on the GPU and in the host's libm alike), so no compiler is free to contract
// or not contract it: the GPU must match the CPU on every pixel.
#include <cmath>
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

#define MAX_ITER 256

__host__ __device__ inline int escapeTime(float cr, float ci) {
  float zr = 0.0f, zi = 0.0f;
  int it = 0;
  while (it < MAX_ITER && fmaf(zr, zr, zi * zi) <= 4.0f) {
    float t = fmaf(zr, zr, fmaf(-zi, zi, cr));
    zi = fmaf(2.0f * zr, zi, ci);
    zr = t;
    ++it;
  }
  return it;
}

__global__ void mandelbrot(int* iters, int width, int height, float x0, float y0, float dx, float dy) {
  int px = blockIdx.x * blockDim.x + threadIdx.x;
  int py = blockIdx.y * blockDim.y + threadIdx.y;
  if (px >= width || py >= height) return;
  iters[py * width + px] = escapeTime(fmaf(px, dx, x0), fmaf(py, dy, y0));
}

static void render(std::vector<int>& out, int width, int height, float x0, float y0, float dx,
                   float dy) {
  int* d;
  CUDA_CHECK(cudaMalloc(&d, width * height * sizeof(int)));
  dim3 block(16, 8);
  dim3 grid((width + block.x - 1) / block.x, (height + block.y - 1) / block.y);
  mandelbrot<<<grid, block>>>(d, width, height, x0, y0, dx, dy);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaMemcpy(out.data(), d, width * height * sizeof(int), cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d));
}

int main() {
  cudaDeviceProp prop;
  CUDA_CHECK(cudaGetDeviceProperties(&prop, 0));
  printf("Device: %s\n", prop.name);

  // ASCII preview.
  const int aw = 72, ah = 24;
  std::vector<int> ascii(aw * ah);
  render(ascii, aw, ah, -2.2f, -1.2f, 3.0f / aw, 2.4f / ah);
  const char* shades = " .:-=+*#%@";
  for (int y = 0; y < ah; ++y) {
    char line[aw + 1];
    for (int x = 0; x < aw; ++x) {
      int it = ascii[y * aw + x];
      line[x] = it >= MAX_ITER ? '@' : shades[(it * 9) / MAX_ITER];
    }
    line[aw] = '\0';
    printf("%s\n", line);
  }

  // Full image, timed.
  const int width = 256, height = 192;
  const float x0 = -2.2f, y0 = -1.2f, dx = 3.0f / width, dy = 2.4f / height;
  std::vector<int> img(width * height);
  cudaEvent_t start, stop;
  CUDA_CHECK(cudaEventCreate(&start));
  CUDA_CHECK(cudaEventCreate(&stop));
  CUDA_CHECK(cudaEventRecord(start));
  render(img, width, height, x0, y0, dx, dy);
  CUDA_CHECK(cudaEventRecord(stop));
  CUDA_CHECK(cudaEventSynchronize(stop));
  float ms = 0.0f;
  CUDA_CHECK(cudaEventElapsedTime(&ms, start, stop));

  unsigned long long checksum = 0, totalIters = 0;
  int differ = 0;
  for (int py = 0; py < height; ++py) {
    for (int px = 0; px < width; ++px) {
      int it = img[py * width + px];
      totalIters += it;
      checksum = checksum * 31 + (unsigned)it;
      if (it != escapeTime(fmaf(px, dx, x0), fmaf(py, dy, y0))) ++differ;
    }
  }

  FILE* f = fopen("mandelbrot.pgm", "wb");
  if (f) {
    fprintf(f, "P5\n%d %d\n255\n", width, height);
    for (int i = 0; i < width * height; ++i) {
      unsigned char c = img[i] >= MAX_ITER ? 0 : (unsigned char)(255 - (img[i] * 255) / MAX_ITER);
      fputc(c, f);
    }
    fclose(f);
    printf("wrote mandelbrot.pgm (%dx%d)\n", width, height);
  }
  printf("%dx%d, max %d iterations: %llu iterations in total, checksum %016llx, %.3f ms\n", width,
         height, MAX_ITER, totalIters, checksum, ms);
  printf("pixels differing from the CPU: %d of %d\n", differ, width * height);

  CUDA_CHECK(cudaEventDestroy(start));
  CUDA_CHECK(cudaEventDestroy(stop));
  bool ok = differ == 0;
  printf("%s\n", ok ? "PASS" : "FAIL");
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
