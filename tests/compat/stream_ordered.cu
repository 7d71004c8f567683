// The stream-ordered allocator (cudaMallocAsync, cudaFreeAsync, the default memory pool and its
// attributes) and stream attributes (an L2 access policy window), as the CUDA samples
// streamOrderedAllocation and simpleAttributes use them.
#include "../cuda/check.h"

__global__ void scale(float* v, float by, int count) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < count) v[i] *= by;
}

int main() {
  int supported = 0;
  EXPECT_OK(cudaDeviceGetAttribute(&supported, cudaDevAttrMemoryPoolsSupported, 0));
  EXPECT(supported == 1);
  cudaMemPool_t pool;
  EXPECT_OK(cudaDeviceGetDefaultMemPool(&pool, 0));
  uint64_t threshold = UINT64_MAX, got = 0;
  EXPECT_OK(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &threshold));
  EXPECT_OK(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &got));
  EXPECT(got == UINT64_MAX);

  cudaStream_t stream;
  EXPECT_OK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
  const int count = 1000;
  float host[count];
  for (int i = 0; i < count; ++i) host[i] = (float)i;
  float* d = nullptr;
  EXPECT_OK(cudaMallocAsync(&d, count * sizeof(float), stream));
  EXPECT_OK(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrUsedMemCurrent, &got));
  EXPECT(got == count * sizeof(float));
  EXPECT_OK(cudaMemcpyAsync(d, host, sizeof host, cudaMemcpyHostToDevice, stream));
  scale<<<4, 256, 0, stream>>>(d, 2.0f, count);
  EXPECT_OK(cudaMemcpyAsync(host, d, sizeof host, cudaMemcpyDeviceToHost, stream));
  EXPECT_OK(cudaFreeAsync(d, stream));
  EXPECT_OK(cudaStreamSynchronize(stream));
  for (int i = 0; i < count; ++i) EXPECT(host[i] == 2.0f * i);
  EXPECT_OK(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrUsedMemCurrent, &got));
  EXPECT(got == 0);
  EXPECT_OK(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrUsedMemHigh, &got));
  EXPECT(got == count * sizeof(float));
  EXPECT(cudaFreeAsync(d, stream) == cudaErrorInvalidValue);  // freed already
  cudaGetLastError();

  cudaDeviceProp prop;
  EXPECT_OK(cudaGetDeviceProperties(&prop, 0));
  EXPECT(prop.persistingL2CacheMaxSize > 0 && prop.accessPolicyMaxWindowSize > 0);
  cudaStreamAttrValue value = {};
  value.accessPolicyWindow.base_ptr = host;
  value.accessPolicyWindow.num_bytes = 4096;
  value.accessPolicyWindow.hitRatio = 0.6f;
  value.accessPolicyWindow.hitProp = cudaAccessPropertyPersisting;
  value.accessPolicyWindow.missProp = cudaAccessPropertyStreaming;
  EXPECT_OK(cudaStreamSetAttribute(stream, cudaStreamAttributeAccessPolicyWindow, &value));
  cudaStreamAttrValue back = {};
  EXPECT_OK(cudaStreamGetAttribute(stream, cudaStreamAttributeAccessPolicyWindow, &back));
  EXPECT(back.accessPolicyWindow.num_bytes == 4096 && back.accessPolicyWindow.hitRatio == 0.6f);
  value.accessPolicyWindow.hitRatio = 1.5f;  // out of [0, 1]
  EXPECT(cudaStreamSetAttribute(stream, cudaStreamAttributeAccessPolicyWindow, &value) == cudaErrorInvalidValue);
  cudaGetLastError();
  EXPECT_OK(cudaCtxResetPersistingL2Cache());
  EXPECT_OK(cudaStreamDestroy(stream));
  return check_result();
}
