/* Canopy's CUDA headers: CUDA's driver_functions.h (make_cudaExtent, make_cudaPitchedPtr, make_cudaPos). */
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __DRIVER_FUNCTIONS_H__
#include "canopy_texture_types.h"
