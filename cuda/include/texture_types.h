/* Canopy's CUDA headers: CUDA's texture_types.h; the types live in canopy_texture_types.h. */
#include "canopy_texture_types.h"
