/* Canopy's CUDA headers: CUDA splits its device intrinsics over several headers; Canopy keeps them in
   device_functions.h, which this name forwards to. */
#include "device_functions.h"
