// cudaDeviceProp and device attributes derived from a GPU description (shared by the runtime and the
// driver API).
#pragma once

// Before any CUDA header: crt/host_defines.h defines __noinline__, which libstdc++'s <memory> uses as an
// attribute name.
#include <memory>

#include "driver_types.h"
#include "gpu/config/gpu_config.h"

namespace canopy::cudart {

// What texture objects over linear and pitched memory require (cudaCreateTextureObject checks them, the
// properties report them): 256 bytes, which every cudaMalloc pointer meets, and 32-byte row pitches.
inline constexpr uint64_t kTextureAlignment = 256;
inline constexpr uint64_t kTexturePitchAlignment = 32;

cudaDeviceProp device_properties(const gpu::GpuConfig& config);
// cudaErrorInvalidValue for an attribute Canopy does not know.
cudaError_t device_attribute(const gpu::GpuConfig& config, int attr, int& value);  // attr: a cudaDeviceAttr

}  // namespace canopy::cudart
