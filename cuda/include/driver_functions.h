/* Canopy's CUDA headers: CUDA's driver_functions.h (make_cudaExtent, make_cudaPitchedPtr, make_cudaPos). */
#include "canopy_texture_types.h"
