// grid_group::sync() is pending (cooperative launches are not supported yet): it must stop the kernel
// with an assertion that names the missing feature, never run on as if synchronized.
#include <cstdio>

#include <cooperative_groups.h>

#include "check.h"

namespace cg = cooperative_groups;

__global__ void uses_grid_sync(int* out) {
  cg::grid_group grid = cg::this_grid();
  out[grid.thread_rank()] = 1;
  grid.sync();
  out[grid.thread_rank()] = 2;
}

int main() {
  int* d_out;
  EXPECT_OK(cudaMalloc(&d_out, 64 * sizeof(int)));
  uses_grid_sync<<<2, 32>>>(d_out);
  EXPECT(cudaDeviceSynchronize() == cudaErrorAssert);
  if (failures) fprintf(stderr, "%d failures\n", failures);
  return failures ? 1 : 0;
}
