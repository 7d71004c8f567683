/* Canopy's CUDA headers: CUDA splits its device intrinsics over several headers; Canopy keeps them in
   device_functions.h, which this name forwards to. */
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __DEVICE_ATOMIC_FUNCTIONS_H__
#include "device_functions.h"
