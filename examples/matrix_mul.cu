// Matrix multiplication C = A * B with shared-memory tiling (as in the CUDA Programming Guide).
// The sizes are deliberately not multiples of the tile size so that the edge handling is exercised.
// Each product is accumulated with an explicit fmaf in k order (what clang's contraction would emit
// anyway, but now no compiler may choose otherwise), so the host can repeat the very same operations:
// the result must match it bit for bit. Independently of the order, every entry must also lie within
// the classic a priori bound of a K-term dot product, gamma_K * sum |a||b| (gamma_K = K u / (1 - K u),
// u = 2^-24; Higham, Accuracy and Stability of Numerical Algorithms, 3.1), of the exact value.
#include <cuda_runtime.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#define CUDA_CHECK(call)                                                                          \
  do {                                                                                            \
    cudaError_t err_ = (call);                                                                    \
    if (err_ != cudaSuccess) {                                                                    \
      fprintf(stderr, "CUDA error %s at %s:%d: %s\n", cudaGetErrorName(err_), __FILE__, __LINE__, \
              cudaGetErrorString(err_));                                                          \
      exit(EXIT_FAILURE);                                                                         \
    }                                                                                             \
  } while (0)

#define TILE 16

// A is M x K, B is K x N, C is M x N, all row-major.
__global__ void matMulTiled(const float* A, const float* B, float* C, int M, int N, int K) {
  __shared__ float As[TILE][TILE];
  __shared__ float Bs[TILE][TILE];

  int tx = threadIdx.x, ty = threadIdx.y;
  int row = blockIdx.y * TILE + ty;
  int col = blockIdx.x * TILE + tx;
  float acc = 0.0f;

  for (int t = 0; t < (K + TILE - 1) / TILE; ++t) {
    int aCol = t * TILE + tx;
    int bRow = t * TILE + ty;
    As[ty][tx] = (row < M && aCol < K) ? A[row * K + aCol] : 0.0f;
    Bs[ty][tx] = (bRow < K && col < N) ? B[bRow * N + col] : 0.0f;
    __syncthreads();
#pragma unroll
    for (int k = 0; k < TILE; ++k) {
      acc = fmaf(As[ty][k], Bs[k][tx], acc);  // the padding beyond K adds 0 * 0: acc is unchanged
    }
    __syncthreads();
  }
  if (row < M && col < N) {
    C[row * N + col] = acc;
  }
}

int main() {
  cudaDeviceProp prop;
  CUDA_CHECK(cudaGetDeviceProperties(&prop, 0));
  printf("Device: %s\n", prop.name);

  const int M = 200, K = 300, N = 250;
  printf("MatrixA(%d,%d), MatrixB(%d,%d), tile %dx%d\n", M, K, K, N, TILE, TILE);

  std::vector<float> hA(M * K), hB(K * N), hC(M * N);
  srand(42);
  for (auto& v : hA) v = (rand() % 1000) / 500.0f - 1.0f;
  for (auto& v : hB) v = (rand() % 1000) / 500.0f - 1.0f;

  float *dA, *dB, *dC;
  CUDA_CHECK(cudaMalloc(&dA, hA.size() * sizeof(float)));
  CUDA_CHECK(cudaMalloc(&dB, hB.size() * sizeof(float)));
  CUDA_CHECK(cudaMalloc(&dC, hC.size() * sizeof(float)));
  CUDA_CHECK(cudaMemcpy(dA, hA.data(), hA.size() * sizeof(float), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(dB, hB.data(), hB.size() * sizeof(float), cudaMemcpyHostToDevice));

  dim3 threads(TILE, TILE);
  dim3 grid((N + TILE - 1) / TILE, (M + TILE - 1) / TILE);

  cudaEvent_t start, stop;
  CUDA_CHECK(cudaEventCreate(&start));
  CUDA_CHECK(cudaEventCreate(&stop));
  CUDA_CHECK(cudaEventRecord(start, 0));
  matMulTiled<<<grid, threads>>>(dA, dB, dC, M, N, K);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaEventRecord(stop, 0));
  CUDA_CHECK(cudaEventSynchronize(stop));
  float ms = 0.0f;
  CUDA_CHECK(cudaEventElapsedTime(&ms, start, stop));
  CUDA_CHECK(cudaMemcpy(hC.data(), dC, hC.size() * sizeof(float), cudaMemcpyDeviceToHost));

  double flops = 2.0 * M * N * K;
  printf("Performance: %.3f ms, %.2f GFlop/s (simulated time)\n", ms,
         ms > 0 ? flops * 1e-9 / (ms / 1000.0) : 0.0);

  // Host references: the same fmaf chain in k order (bit-exact), and the exact dot product in double (each
  // product of two floats is exact there; the sum's own error is below 1e-8 of the bound).
  const double u = 0x1p-24, gammaK = K * u / (1 - K * u);
  int errors = 0, inexact = 0;
  double checksum = 0.0, maxErr = 0.0, maxRatio = 0.0;
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      float same = 0.0f;
      double exact = 0.0, magnitude = 0.0;
      for (int k = 0; k < K; ++k) {
        same = fmaf(hA[i * K + k], hB[k * N + j], same);
        exact += (double)hA[i * K + k] * hB[k * N + j];
        magnitude += fabs((double)hA[i * K + k] * hB[k * N + j]);
      }
      float got = hC[i * N + j];
      checksum += got;
      double err = fabs(got - exact), bound = gammaK * magnitude;
      if (err > maxErr) maxErr = err;
      if (bound > 0 && err / bound > maxRatio) maxRatio = err / bound;
      if (err > bound) {
        if (errors < 5)
          fprintf(stderr, "C[%d][%d] = %.9g, exact %.17g: error %.3g above the bound %.3g\n", i, j, got,
                  exact, err, bound);
        ++errors;
      }
      if (memcmp(&got, &same, sizeof got) != 0) {
        if (inexact < 5)
          fprintf(stderr, "C[%d][%d] = %.9g, the host's fmaf chain gives %.9g\n", i, j, got, same);
        ++inexact;
      }
    }
  }
  printf("max error %.3g (%.3g of the a priori bound); %d entries differ from the host's fmaf chain\n",
         maxErr, maxRatio, inexact);
  errors += inexact;
  printf("checksum(C) = %.4f, C[0][0] = %.5f, C[%d][%d] = %.5f\n", checksum, hC[0], M - 1, N - 1,
         hC[M * N - 1]);

  CUDA_CHECK(cudaEventDestroy(start));
  CUDA_CHECK(cudaEventDestroy(stop));
  CUDA_CHECK(cudaFree(dA));
  CUDA_CHECK(cudaFree(dB));
  CUDA_CHECK(cudaFree(dC));
  printf("%s\n", errors == 0 ? "PASS" : "FAIL");
  return errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
