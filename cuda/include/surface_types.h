/* Canopy's CUDA headers: CUDA's surface_types.h; the types live in canopy_texture_types.h. */
#include "canopy_texture_types.h"
