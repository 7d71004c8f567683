// The numbers cudaGetDeviceProperties and cudaDeviceGetAttribute report, from the GPU preset. Features the
// simulator does not model (textures, ECC, peer access) read as absent.
#include "cuda/runtime/device_properties.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <string>

namespace canopy::cudart {

namespace {

int clamp_int(uint64_t v) { return static_cast<int>(std::min<uint64_t>(v, INT_MAX)); }

}  // namespace

cudaDeviceProp device_properties(const gpu::GpuConfig& c) {
  cudaDeviceProp p;
  std::memset(&p, 0, sizeof p);
  std::string name = "Canopy " + c.name;
  std::strncpy(p.name, name.c_str(), sizeof p.name - 1);
  p.totalGlobalMem = c.memory_bytes;
  p.sharedMemPerBlock = c.shared_per_block;
  p.regsPerBlock = clamp_int(c.regs_per_block);
  p.warpSize = clamp_int(c.warp_size);
  p.memPitch = INT_MAX;
  p.maxThreadsPerBlock = clamp_int(c.max_threads_per_block);
  for (int i = 0; i < 3; ++i) {
    p.maxThreadsDim[i] = clamp_int(c.max_block_dim[i]);
    p.maxGridSize[i] = clamp_int(c.max_grid_dim[i]);
  }
  p.clockRate = clamp_int(uint64_t{c.clock_mhz} * 1000);
  p.totalConstMem = c.const_bytes;
  p.major = clamp_int(c.compute_capability_major);
  p.minor = clamp_int(c.compute_capability_minor);
  p.textureAlignment = kTextureAlignment;
  p.texturePitchAlignment = kTexturePitchAlignment;
  p.deviceOverlap = 1;
  p.multiProcessorCount = clamp_int(c.sm_count);
  p.canMapHostMemory = 1;
  p.computeMode = cudaComputeModeDefault;
  p.surfaceAlignment = 512;
  p.concurrentKernels = 1;
  p.asyncEngineCount = 2;
  p.unifiedAddressing = 1;
  p.memoryClockRate = clamp_int(uint64_t{c.memory_clock_mhz} * 1000);
  p.memoryBusWidth = clamp_int(c.memory_bus_width_bits);
  p.l2CacheSize = clamp_int(c.l2_bytes);
  p.maxThreadsPerMultiProcessor = clamp_int(c.max_threads_per_sm);
  p.streamPrioritiesSupported = 1;
  p.globalL1CacheSupported = 1;
  p.localL1CacheSupported = 1;
  p.sharedMemPerMultiprocessor = c.shared_per_sm;
  p.regsPerMultiprocessor = clamp_int(c.regs_per_sm);
  p.managedMemory = 1;
  p.singleToDoublePrecisionPerfRatio = 2;
  p.concurrentManagedAccess = 1;
  p.computePreemptionSupported = 1;
  p.canUseHostPointerForRegisteredMem = 1;
  p.sharedMemPerBlockOptin = c.shared_per_block_optin;
  p.directManagedMemAccessFromHost = 1;
  p.maxBlocksPerMultiProcessor = clamp_int(c.max_ctas_per_sm);
  p.cooperativeLaunch = 1;
  // L2 persistence (cudaAccessPolicyWindow) is accepted and has no effect: the limits of an sm_80 part.
  p.persistingL2CacheMaxSize = c.compute_capability_major >= 8 ? clamp_int(c.l2_bytes / 4 * 3) : 0;
  p.accessPolicyMaxWindowSize = c.compute_capability_major >= 8 ? 134213632 : 0;
  return p;
}

cudaError_t device_attribute(const gpu::GpuConfig& c, int attr, int& value) {
  const cudaDeviceProp p = device_properties(c);
  switch (attr) {
    case cudaDevAttrMaxThreadsPerBlock:
      value = p.maxThreadsPerBlock;
      break;
    case cudaDevAttrMaxBlockDimX:
      value = p.maxThreadsDim[0];
      break;
    case cudaDevAttrMaxBlockDimY:
      value = p.maxThreadsDim[1];
      break;
    case cudaDevAttrMaxBlockDimZ:
      value = p.maxThreadsDim[2];
      break;
    case cudaDevAttrMaxGridDimX:
      value = p.maxGridSize[0];
      break;
    case cudaDevAttrMaxGridDimY:
      value = p.maxGridSize[1];
      break;
    case cudaDevAttrMaxGridDimZ:
      value = p.maxGridSize[2];
      break;
    case cudaDevAttrMaxSharedMemoryPerBlock:
      value = clamp_int(p.sharedMemPerBlock);
      break;
    case cudaDevAttrTotalConstantMemory:
      value = clamp_int(p.totalConstMem);
      break;
    case cudaDevAttrWarpSize:
      value = p.warpSize;
      break;
    case cudaDevAttrMaxPitch:
      value = clamp_int(p.memPitch);
      break;
    case cudaDevAttrMaxRegistersPerBlock:
      value = p.regsPerBlock;
      break;
    case cudaDevAttrClockRate:
      value = p.clockRate;
      break;
    case cudaDevAttrTextureAlignment:
      value = clamp_int(p.textureAlignment);
      break;
    case cudaDevAttrGpuOverlap:
      value = p.deviceOverlap;
      break;
    case cudaDevAttrMultiProcessorCount:
      value = p.multiProcessorCount;
      break;
    case cudaDevAttrCanMapHostMemory:
      value = p.canMapHostMemory;
      break;
    case cudaDevAttrComputeMode:
      value = p.computeMode;
      break;
    case cudaDevAttrSurfaceAlignment:
      value = clamp_int(p.surfaceAlignment);
      break;
    case cudaDevAttrConcurrentKernels:
      value = p.concurrentKernels;
      break;
    case cudaDevAttrMemoryClockRate:
      value = p.memoryClockRate;
      break;
    case cudaDevAttrGlobalMemoryBusWidth:
      value = p.memoryBusWidth;
      break;
    case cudaDevAttrL2CacheSize:
      value = p.l2CacheSize;
      break;
    case cudaDevAttrMaxThreadsPerMultiProcessor:
      value = p.maxThreadsPerMultiProcessor;
      break;
    case cudaDevAttrAsyncEngineCount:
      value = p.asyncEngineCount;
      break;
    case cudaDevAttrUnifiedAddressing:
      value = p.unifiedAddressing;
      break;
    case cudaDevAttrTexturePitchAlignment:
      value = clamp_int(p.texturePitchAlignment);
      break;
    case cudaDevAttrComputeCapabilityMajor:
      value = p.major;
      break;
    case cudaDevAttrComputeCapabilityMinor:
      value = p.minor;
      break;
    case cudaDevAttrStreamPrioritiesSupported:
      value = p.streamPrioritiesSupported;
      break;
    case cudaDevAttrGlobalL1CacheSupported:
      value = p.globalL1CacheSupported;
      break;
    case cudaDevAttrLocalL1CacheSupported:
      value = p.localL1CacheSupported;
      break;
    case cudaDevAttrMaxSharedMemoryPerMultiprocessor:
      value = clamp_int(p.sharedMemPerMultiprocessor);
      break;
    case cudaDevAttrMaxRegistersPerMultiprocessor:
      value = p.regsPerMultiprocessor;
      break;
    case cudaDevAttrManagedMemory:
      value = p.managedMemory;
      break;
    case cudaDevAttrSingleToDoublePrecisionPerfRatio:
      value = p.singleToDoublePrecisionPerfRatio;
      break;
    case cudaDevAttrConcurrentManagedAccess:
      value = p.concurrentManagedAccess;
      break;
    case cudaDevAttrComputePreemptionSupported:
      value = p.computePreemptionSupported;
      break;
    case cudaDevAttrCanUseHostPointerForRegisteredMem:
      value = p.canUseHostPointerForRegisteredMem;
      break;
    case cudaDevAttrMaxSharedMemoryPerBlockOptin:
      value = clamp_int(p.sharedMemPerBlockOptin);
      break;
    case cudaDevAttrHostRegisterSupported:
      value = 1;
      break;
    case cudaDevAttrDirectManagedMemAccessFromHost:
      value = p.directManagedMemAccessFromHost;
      break;
    case cudaDevAttrMaxBlocksPerMultiprocessor:
      value = p.maxBlocksPerMultiProcessor;
      break;
    case cudaDevAttrCooperativeLaunch:
      value = p.cooperativeLaunch;
      break;
    case cudaDevAttrMemoryPoolsSupported:  // cudaMallocAsync and the default pool
      value = 1;
      break;
    case cudaDevAttrMaxPersistingL2CacheSize:
      value = p.persistingL2CacheMaxSize;
      break;
    case cudaDevAttrMaxAccessPolicyWindowSize:
      value = p.accessPolicyMaxWindowSize;
      break;
    default:
      if (attr > 0 && attr < cudaDevAttrMax) {
        value = 0;  // a feature Canopy does not have
        break;
      }
      return cudaErrorInvalidValue;
  }
  return cudaSuccess;
}

}  // namespace canopy::cudart
