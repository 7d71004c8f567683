// Deterministic reductions for the level-1 routines that return a value (dot, nrm2, asum, amax, amin).
// A first kernel of at most kReduceBlocks blocks reduces a grid-stride share of the vector per thread and
// a fixed tree per block; a second, one-block kernel reduces the partials in the same fixed way. The
// order of every combination depends only on n, so a result is bit-identical from run to run and
// whatever the host's threads. An Op supplies Acc, Result, identity(), item(i), combine() and finish().
#pragma once
#include "context.h"

namespace canopy_blas {

template <typename Acc, typename Op>
__device__ Acc reduce_block(const Op& op, Acc acc) {
  __shared__ Acc part[kReduceThreads];
  part[threadIdx.x] = acc;
  __syncthreads();
  for (unsigned width = blockDim.x / 2; width > 0; width /= 2) {
    if (threadIdx.x < width) part[threadIdx.x] = op.combine(part[threadIdx.x], part[threadIdx.x + width]);
    __syncthreads();
  }
  return part[0];
}

template <typename Op>
__global__ void reduce_partials(Op op, int n, typename Op::Acc* partials) {
  using Acc = typename Op::Acc;
  Acc acc = op.identity();
  for (long long i = blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<long long>(gridDim.x) * blockDim.x)
    acc = op.combine(acc, op.item(i));
  acc = reduce_block(op, acc);
  if (threadIdx.x == 0) partials[blockIdx.x] = acc;
}

template <typename Op>
__global__ void reduce_finish(Op op, unsigned count, const typename Op::Acc* partials, typename Op::Result* result) {
  using Acc = typename Op::Acc;
  Acc acc = op.identity();
  for (unsigned i = threadIdx.x; i < count; i += blockDim.x) acc = op.combine(acc, partials[i]);
  acc = reduce_block(op, acc);
  if (threadIdx.x == 0) *result = op.finish(acc);
}

// Runs `op` over n items into `result`: a device address in device pointer mode (the call returns at
// once), else a host address written before the call returns, as cuBLAS does.
template <typename Op>
cublasStatus_t reduce(cublasContext* handle, const Op& op, int n, typename Op::Result* result) {
  static_assert(sizeof(typename Op::Acc) <= kPartialBytes && sizeof(typename Op::Result) <= kPartialBytes);
  if (!result) return CUBLAS_STATUS_INVALID_VALUE;
  if (n < 0) n = 0;
  auto* partials = static_cast<typename Op::Acc*>(handle->scratch);
  auto* slot = reinterpret_cast<typename Op::Result*>(static_cast<char*>(handle->scratch) +
                                                       kReduceBlocks * kPartialBytes);
  bool device_result = handle->pointer_mode == CUBLAS_POINTER_MODE_DEVICE;
  unsigned blocks = blocks_for(n, kReduceThreads, kReduceBlocks);
  reduce_partials<<<blocks, kReduceThreads, 0, handle->stream>>>(op, n, partials);
  reduce_finish<<<1, kReduceThreads, 0, handle->stream>>>(op, blocks, partials, device_result ? result : slot);
  if (cublasStatus_t status = launch_status(); status != CUBLAS_STATUS_SUCCESS) return status;
  if (device_result) return CUBLAS_STATUS_SUCCESS;
  if (cudaMemcpyAsync(result, slot, sizeof(*result), cudaMemcpyDeviceToHost, handle->stream) != cudaSuccess ||
      cudaStreamSynchronize(handle->stream) != cudaSuccess)
    return CUBLAS_STATUS_EXECUTION_FAILED;
  return CUBLAS_STATUS_SUCCESS;
}

}  // namespace canopy_blas
