// cudaDeviceProp and device attributes derived from a GPU description (shared by the runtime and the
// driver API).
#pragma once

// Before any CUDA header: crt/host_defines.h defines __noinline__, which libstdc++'s <memory> uses as an
// attribute name.
#include <memory>

#include "driver_types.h"
#include "gpu/config/gpu_config.h"

namespace canopy::cudart {

cudaDeviceProp device_properties(const gpu::GpuConfig& config);
// cudaErrorInvalidValue for an attribute Canopy does not know.
cudaError_t device_attribute(const gpu::GpuConfig& config, int attr, int& value);  // attr: a cudaDeviceAttr

}  // namespace canopy::cudart
