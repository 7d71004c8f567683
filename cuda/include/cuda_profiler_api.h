/* Canopy's CUDA headers: CUDA's profiler control API. Canopy's statistics cover the whole run
   (canopy run --stats), so cudaProfilerStart/Stop succeed and mark nothing yet. */
#ifndef CANOPY_CUDA_PROFILER_API_H
#define CANOPY_CUDA_PROFILER_API_H
/* NVIDIA's own guard, which programs test. */
#define __CUDA_PROFILER_API_H__

#include "driver_types.h"

#if defined(__cplusplus)
extern "C" {
#endif
cudaError_t cudaProfilerStart(void);
cudaError_t cudaProfilerStop(void);
#if defined(__cplusplus)
}
#endif

#endif
