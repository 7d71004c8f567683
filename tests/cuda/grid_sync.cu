// Cooperative launch (cudaLaunchCooperativeKernel) with grid-wide barriers (the header's and
// cooperative_groups' this_grid().sync()): a ping-pong 1-D stencil whose
// every step reads neighbours written by other blocks in the previous step, and a grid-wide reduction
// finished by block 0 after a barrier. Checked against the same arithmetic on the host. Also: the
// device attribute, and cudaErrorCooperativeLaunchTooLarge for a grid that cannot be resident at once.
#include <cstdio>
#include <vector>

#include <cooperative_groups.h>
#include <crt/device_grid_sync.h>

#include "check.h"

__global__ void stencil_steps(int* a, int* b, int n, int steps, long long* total) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  for (int s = 0; s < steps; ++s) {
    const int* src = s % 2 ? b : a;
    int* dst = s % 2 ? a : b;
    if (i < n) dst[i] = (src[(i + n - 1) % n] + 2 * src[i] + src[(i + 1) % n]) % 1000003;
    __canopy_grid_sync();
  }
  const int* result = steps % 2 ? b : a;
  __shared__ long long partial;
  if (threadIdx.x == 0) partial = 0;
  __syncthreads();
  if (i < n) atomicAdd((unsigned long long*)&partial, (unsigned long long)result[i]);
  __syncthreads();
  if (threadIdx.x == 0) total[1 + blockIdx.x] = partial;
  cooperative_groups::this_grid().sync();
  if (i == 0) {
    long long sum = 0;
    for (unsigned k = 0; k < gridDim.x; ++k) sum += total[1 + k];
    total[0] = sum;
  }
}

int main() {
  int coop = 0;
  EXPECT_OK(cudaDeviceGetAttribute(&coop, cudaDevAttrCooperativeLaunch, 0));
  EXPECT(coop == 1);

  const int threads = 128, blocks = 12, n = threads * blocks - 37, steps = 9;
  std::vector<int> h(n);
  for (int i = 0; i < n; ++i) h[i] = (i * 7919) % 1009;
  int *a, *b;
  long long* total;
  EXPECT_OK(cudaMalloc(&a, n * sizeof(int)));
  EXPECT_OK(cudaMalloc(&b, n * sizeof(int)));
  EXPECT_OK(cudaMalloc(&total, (1 + blocks) * sizeof(long long)));
  EXPECT_OK(cudaMemcpy(a, h.data(), n * sizeof(int), cudaMemcpyHostToDevice));
  int n_arg = n, steps_arg = steps;
  void* args[] = {&a, &b, &n_arg, &steps_arg, &total};
  EXPECT_OK(cudaLaunchCooperativeKernel((void*)stencil_steps, dim3(blocks), dim3(threads), args, 0, nullptr));
  EXPECT_OK(cudaDeviceSynchronize());

  std::vector<int> x = h, y(n);
  for (int s = 0; s < steps; ++s) {
    for (int i = 0; i < n; ++i) y[i] = (x[(i + n - 1) % n] + 2 * x[i] + x[(i + 1) % n]) % 1000003;
    x.swap(y);
  }
  std::vector<int> got(n);
  EXPECT_OK(cudaMemcpy(got.data(), steps % 2 ? b : a, n * sizeof(int), cudaMemcpyDeviceToHost));
  int bad = 0;
  for (int i = 0; i < n; ++i) bad += got[i] != x[i];
  if (bad) fprintf(stderr, "%d of %d wrong, first %d vs %d\n", bad, n, got[0], x[0]);
  EXPECT(bad == 0);
  long long want = 0, sum = 0;
  for (int v : x) want += v;
  EXPECT_OK(cudaMemcpy(&sum, total, sizeof sum, cudaMemcpyDeviceToHost));
  EXPECT(sum == want);

  // The same kernel again: the barrier word needs no reset between launches.
  EXPECT_OK(cudaMemcpy(a, h.data(), n * sizeof(int), cudaMemcpyHostToDevice));
  EXPECT_OK(cudaLaunchCooperativeKernel((void*)stencil_steps, dim3(blocks), dim3(threads), args, 0, nullptr));
  EXPECT_OK(cudaDeviceSynchronize());
  EXPECT_OK(cudaMemcpy(&sum, total, sizeof sum, cudaMemcpyDeviceToHost));
  EXPECT(sum == want);

  // More blocks than can be resident at once.
  int per_sm = 0, sms = 0;
  EXPECT_OK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, stencil_steps, 1024, 0));
  EXPECT_OK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0));
  EXPECT(per_sm >= 1);
  EXPECT(cudaLaunchCooperativeKernel((void*)stencil_steps, dim3(per_sm * sms + 1), dim3(1024), args, 0, nullptr) ==
         cudaErrorCooperativeLaunchTooLarge);
  EXPECT(cudaGetLastError() == cudaErrorCooperativeLaunchTooLarge);  // recorded, not sticky
  EXPECT(cudaGetLastError() == cudaSuccess);

  cudaFree(a);
  cudaFree(b);
  cudaFree(total);
  if (failures) fprintf(stderr, "%d checks failed\n", failures);
  else printf("grid sync: all checks passed\n");
  return failures ? 1 : 0;
}
