// With NDEBUG, device asserts vanish as host ones do.
#define NDEBUG
#include <assert.h>

__global__ void check_positive_ndebug(const int* values, int* out) {
  int v = values[threadIdx.x];
  assert(v > 0);
  out[threadIdx.x] = v;
}
