// A kernel and a launch, compiled by test_toolchain against the stub cuda_runtime.h.
__global__ void saxpy(int n, float a, const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}

#if defined(__CANOPY__) && defined(__CUDACC__) && __CUDACC_VER_MAJOR__ == 11
void launch(int n, float a, const float* x, float* y) { saxpy<<<(n + 127) / 128, 128>>>(n, a, x, y); }
#else
#error the driver must define __CANOPY__, __CUDACC__ and __CUDACC_VER_MAJOR__
#endif
