// 32-bit shared-window address arithmetic wraps as on hardware: a .shared address is 32 bits, so a
// register holding (base - 65536) mod 2^32 plus an immediate offset of 65536 addresses `base` again,
// for loads, stores and atomics. (Computed in 64 bits the sum would lie 4 GiB past the window and fault.)
#include "../cuda/check.h"

__global__ void wrapped(int* out) {
  __shared__ int cells[64];
  const unsigned i = threadIdx.x;
  cells[i] = static_cast<int>(i * 3);
  __syncthreads();
  const unsigned base = static_cast<unsigned>(__cvta_generic_to_shared(&cells[i]));
  const unsigned below = base - 65536u;  // wraps below zero in 32-bit arithmetic
  int loaded;
  asm volatile("ld.shared.u32 %0, [%1+65536];" : "=r"(loaded) : "r"(below));
  asm volatile("st.shared.u32 [%0+65536], %1;" ::"r"(below), "r"(loaded + 1000));
  asm volatile("atom.shared.add.u32 %0, [%1+65536], 5;" : "=r"(loaded) : "r"(below) : "memory");
  __syncthreads();
  out[i] = cells[i];
  out[64 + i] = loaded;
}

int main() {
  int* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, 128 * sizeof(int)));
  wrapped<<<1, 64>>>(d);
  EXPECT_OK(cudaGetLastError());
  std::vector<int> h = from_device(d, 128);
  int bad = 0;
  for (int i = 0; i < 64; ++i) bad += h[i] != i * 3 + 1005 || h[64 + i] != i * 3 + 1000;
  EXPECT(bad == 0);
  EXPECT_OK(cudaFree(d));
  return check_result();
}
