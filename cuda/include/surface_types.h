/* Canopy's CUDA headers: CUDA's surface_types.h; the types live in canopy_texture_types.h. */
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __SURFACE_TYPES_H__
#include "canopy_texture_types.h"
