/* Canopy's CUDA headers: CUDA's texture_types.h; the types live in canopy_texture_types.h. */
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __TEXTURE_TYPES_H__
#include "canopy_texture_types.h"
