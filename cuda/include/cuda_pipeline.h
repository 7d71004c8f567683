/* Canopy's CUDA headers: the pipeline primitives (cuda_pipeline_primitives.h) and the small
   nvcuda::experimental pipeline object over them. */
#ifndef CANOPY_CUDA_PIPELINE_H
#define CANOPY_CUDA_PIPELINE_H

#include "cuda_pipeline_primitives.h"

#if defined(__CUDA__)

namespace nvcuda {
namespace experimental {

class pipeline {
 public:
  __device__ pipeline() {}
  __device__ void commit() { __pipeline_commit(); }
  __device__ void commit_and_wait() {
    __pipeline_commit();
    __pipeline_wait_prior(0);
  }
  __device__ void wait_prior(unsigned int prior) { __pipeline_wait_prior(prior); }
  template <unsigned int Prior>
  __device__ void wait_prior() {
    __pipeline_wait_prior(Prior);
  }
  __device__ void arrive_on(unsigned long long* barrier) { __pipeline_arrive_on(barrier); }
};

/* One element (4, 8 or 16 bytes) from global to shared memory through pipeline `p`. */
template <typename T>
__device__ void memcpy_async(T& dst, const T& src, pipeline& p) {
  static_assert(sizeof(T) == 4 || sizeof(T) == 8 || sizeof(T) == 16, "memcpy_async copies 4, 8 or 16 bytes");
  (void)p;
  __pipeline_memcpy_async(&dst, &src, sizeof(T));
}

}  // namespace experimental
}  // namespace nvcuda

#endif /* __CUDA__ */
#endif /* CANOPY_CUDA_PIPELINE_H */
