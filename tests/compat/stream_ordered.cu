// The stream-ordered allocator (cudaMallocAsync, cudaFreeAsync, the default memory pool and its
// attributes) and stream attributes (an L2 access policy window), as the CUDA samples
// streamOrderedAllocation and simpleAttributes use them.
#include "compat_check.h"

__global__ void scale(float* v, float by, int count) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < count) v[i] *= by;
}

int main() {
  int supported = 0;
  COMPAT_OK(cudaDeviceGetAttribute(&supported, cudaDevAttrMemoryPoolsSupported, 0));
  COMPAT_EXPECT(supported == 1);
  cudaMemPool_t pool;
  COMPAT_OK(cudaDeviceGetDefaultMemPool(&pool, 0));
  uint64_t threshold = UINT64_MAX, got = 0;
  COMPAT_OK(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &threshold));
  COMPAT_OK(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &got));
  COMPAT_EXPECT(got == UINT64_MAX);

  cudaStream_t stream;
  COMPAT_OK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
  const int count = 1000;
  float host[count];
  for (int i = 0; i < count; ++i) host[i] = (float)i;
  float* d = nullptr;
  COMPAT_OK(cudaMallocAsync(&d, count * sizeof(float), stream));
  COMPAT_OK(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrUsedMemCurrent, &got));
  COMPAT_EXPECT(got == count * sizeof(float));
  COMPAT_OK(cudaMemcpyAsync(d, host, sizeof host, cudaMemcpyHostToDevice, stream));
  scale<<<4, 256, 0, stream>>>(d, 2.0f, count);
  COMPAT_OK(cudaMemcpyAsync(host, d, sizeof host, cudaMemcpyDeviceToHost, stream));
  COMPAT_OK(cudaFreeAsync(d, stream));
  COMPAT_OK(cudaStreamSynchronize(stream));
  for (int i = 0; i < count; ++i) COMPAT_EXPECT(host[i] == 2.0f * i);
  COMPAT_OK(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrUsedMemCurrent, &got));
  COMPAT_EXPECT(got == 0);
  COMPAT_OK(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrUsedMemHigh, &got));
  COMPAT_EXPECT(got == count * sizeof(float));
  COMPAT_EXPECT(cudaFreeAsync(d, stream) == cudaErrorInvalidValue);  // freed already
  cudaGetLastError();

  cudaDeviceProp prop;
  COMPAT_OK(cudaGetDeviceProperties(&prop, 0));
  COMPAT_EXPECT(prop.persistingL2CacheMaxSize > 0 && prop.accessPolicyMaxWindowSize > 0);
  cudaStreamAttrValue value = {};
  value.accessPolicyWindow.base_ptr = host;
  value.accessPolicyWindow.num_bytes = 4096;
  value.accessPolicyWindow.hitRatio = 0.6f;
  value.accessPolicyWindow.hitProp = cudaAccessPropertyPersisting;
  value.accessPolicyWindow.missProp = cudaAccessPropertyStreaming;
  COMPAT_OK(cudaStreamSetAttribute(stream, cudaStreamAttributeAccessPolicyWindow, &value));
  cudaStreamAttrValue back = {};
  COMPAT_OK(cudaStreamGetAttribute(stream, cudaStreamAttributeAccessPolicyWindow, &back));
  COMPAT_EXPECT(back.accessPolicyWindow.num_bytes == 4096 && back.accessPolicyWindow.hitRatio == 0.6f);
  value.accessPolicyWindow.hitRatio = 1.5f;  // out of [0, 1]
  COMPAT_EXPECT(cudaStreamSetAttribute(stream, cudaStreamAttributeAccessPolicyWindow, &value) == cudaErrorInvalidValue);
  cudaGetLastError();
  COMPAT_OK(cudaCtxResetPersistingL2Cache());
  COMPAT_OK(cudaStreamDestroy(stream));
  return COMPAT_RESULT();
}
