// The occupancy calculator: resident blocks per multiprocessor from the CTA, thread, register and shared
// memory limits of the GPU preset, and the block size that maximizes resident threads.
#include <algorithm>

#include "cuda/runtime/kernel_limits.h"
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy;
using namespace canopy::cudart;

namespace {

cudaError_t max_active_blocks(Runtime& rt, int* numBlocks, const void* func, int blockSize,
                              size_t dynamicSMemSize, unsigned flags) {
  if (!numBlocks || blockSize <= 0 || (flags & ~static_cast<unsigned>(cudaOccupancyDisableCachingOverride)))
    return cudaErrorInvalidValue;
  ResolvedKernel k;
  if (cudaError_t e = rt.resolve_kernel(func, k); e != cudaSuccess) return e;
  *numBlocks = blocks_per_sm(rt.device()->config(), *k.function, blockSize, dynamicSMemSize);
  return cudaSuccess;
}

}  // namespace

extern "C" {

cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessor(int* numBlocks, const void* func, int blockSize,
                                                          size_t dynamicSMemSize) {
  return device_call(
      [&](Runtime& rt) { return max_active_blocks(rt, numBlocks, func, blockSize, dynamicSMemSize, 0); });
}

cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(int* numBlocks, const void* func,
                                                                   int blockSize, size_t dynamicSMemSize,
                                                                   unsigned int flags) {
  return device_call(
      [&](Runtime& rt) { return max_active_blocks(rt, numBlocks, func, blockSize, dynamicSMemSize, flags); });
}

// Tries every warp multiple up to the kernel's limit; ties keep the larger block, like CUDA's calculator.
cudaError_t canopyOccupancyMaxPotentialBlockSize(int* minGridSize, int* blockSize, const void* func,
                                                 size_t dynamicSMemSize, int blockSizeLimit,
                                                 unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (!minGridSize || !blockSize || blockSizeLimit < 0) return cudaErrorInvalidValue;
    ResolvedKernel k;
    if (cudaError_t e = rt.resolve_kernel(func, k); e != cudaSuccess) return e;
    const gpu::GpuConfig& c = rt.device()->config();
    int limit = max_threads_per_block(c, *k.function);
    if (blockSizeLimit > 0) limit = std::min(limit, blockSizeLimit);
    const int warp = static_cast<int>(c.warp_size);
    int best_size = 0, best_blocks = 0, best_threads = 0;
    for (int size = limit; size > 0; size = size % warp ? size - size % warp : size - warp) {
      const int blocks = blocks_per_sm(c, *k.function, size, dynamicSMemSize);
      if (blocks * size > best_threads) {
        best_threads = blocks * size;
        best_size = size;
        best_blocks = blocks;
      }
    }
    *blockSize = best_size;
    *minGridSize = best_blocks * static_cast<int>(c.sm_count);
    return cudaSuccess;
  });
}

}  // extern "C"
