/* Canopy's CUDA headers: the pipeline primitives (cuda_pipeline_primitives.h) and the small
   nvcuda::experimental pipeline object over them. */
#ifndef CANOPY_CUDA_PIPELINE_H
#define CANOPY_CUDA_PIPELINE_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define _CUDA_PIPELINE_H_

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
  template <unsigned int _Prior>
  __device__ void wait_prior() {
    __pipeline_wait_prior(_Prior);
  }
  __device__ void arrive_on(unsigned long long* barrier) { __pipeline_arrive_on(barrier); }
};

/* One element (4, 8 or 16 bytes) from global to shared memory through pipeline `p`. */
template <typename _Tp>
__device__ void memcpy_async(_Tp& dst, const _Tp& src, pipeline& p) {
  static_assert(sizeof(_Tp) == 4 || sizeof(_Tp) == 8 || sizeof(_Tp) == 16, "memcpy_async copies 4, 8 or 16 bytes");
  (void)p;
  __pipeline_memcpy_async(&dst, &src, sizeof(_Tp));
}

}  // namespace experimental
}  // namespace nvcuda

#endif /* __CUDA__ */
#endif /* CANOPY_CUDA_PIPELINE_H */
