// Device management: the one simulated device, its properties, synchronization, reset, versions, limits
// and the configuration calls CUDA accepts without effect here.
#include <cstring>

// runtime.h first: it brings in the standard headers before host_defines.h defines __noinline__.
#include "cuda/runtime/device_properties.h"
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy::cudart;

namespace {

constexpr int kRuntimeVersion = CUDART_VERSION;

// The device's description even when no device could be created (queries work without one).
cudaError_t with_config(int device, Runtime& rt, const canopy::gpu::GpuConfig** out) {
  const auto& config = rt.config();
  if (!config.ok()) return cudaErrorInitializationError;
  if (device != 0) return cudaErrorInvalidDevice;
  *out = &config.value();
  return cudaSuccess;
}

}  // namespace

extern "C" {

cudaError_t cudaGetDeviceCount(int* count) {
  return runtime_call([&](Runtime& rt) {
    if (!count) return cudaErrorInvalidValue;
    *count = 0;
    if (!rt.config().ok()) return cudaErrorNoDevice;
    *count = 1;
    return cudaSuccess;
  });
}

cudaError_t cudaSetDevice(int device) {
  return runtime_call([&](Runtime& rt) {
    if (device != 0) return cudaErrorInvalidDevice;
    return rt.device() ? cudaSuccess : cudaErrorInitializationError;
  });
}

cudaError_t cudaGetDevice(int* device) {
  return runtime_call([&](Runtime&) {
    if (!device) return cudaErrorInvalidValue;
    *device = 0;
    return cudaSuccess;
  });
}

cudaError_t cudaGetDeviceProperties(cudaDeviceProp* prop, int device) {
  return runtime_call([&](Runtime& rt) {
    if (!prop) return cudaErrorInvalidValue;
    const canopy::gpu::GpuConfig* config = nullptr;
    if (cudaError_t e = with_config(device, rt, &config); e != cudaSuccess) return e;
    *prop = device_properties(*config);
    return cudaSuccess;
  });
}

cudaError_t cudaDeviceGetAttribute(int* value, cudaDeviceAttr attr, int device) {
  return runtime_call([&](Runtime& rt) {
    if (!value) return cudaErrorInvalidValue;
    const canopy::gpu::GpuConfig* config = nullptr;
    if (cudaError_t e = with_config(device, rt, &config); e != cudaSuccess) return e;
    return device_attribute(*config, enum_value(attr), *value);
  });
}

cudaError_t cudaChooseDevice(int* device, const cudaDeviceProp* prop) {
  return runtime_call([&](Runtime&) {
    if (!device || !prop) return cudaErrorInvalidValue;
    *device = 0;
    return cudaSuccess;
  });
}

// Work is always complete; synchronizing is where CUDA prints device printf output.
cudaError_t cudaDeviceSynchronize(void) {
  return device_call([](Runtime& rt) {
    if (cudaError_t e = refuse_sync_under_capture(rt, nullptr); e != cudaSuccess) return e;
    rt.flush_printf();
    return cudaSuccess;
  });
}


cudaError_t cudaDeviceReset(void) {
  Runtime& rt = Runtime::get();
  std::lock_guard<std::mutex> lock(rt.mutex);
  rt.reset_device();
  clear_last_error();
  return cudaSuccess;
}

cudaError_t cudaDriverGetVersion(int* driverVersion) {
  if (!driverVersion) return set_last_error(cudaErrorInvalidValue);
  *driverVersion = kDriverVersion;
  return cudaSuccess;
}

cudaError_t cudaRuntimeGetVersion(int* runtimeVersion) {
  if (!runtimeVersion) return set_last_error(cudaErrorInvalidValue);
  *runtimeVersion = kRuntimeVersion;
  return cudaSuccess;
}

// Limits are recorded and reported back. The stack size takes effect when set before the device is
// first used (it sizes every thread's call stack); later changes are only recorded. The malloc heap size
// takes effect until a kernel that calls malloc/free has run, then changing it is cudaErrorInvalidValue.
cudaError_t cudaDeviceSetLimit(cudaLimit limit, size_t value) {
  return runtime_call([&](Runtime& rt) {
    if (rt.sticky != cudaSuccess) return rt.sticky;
    const int which = enum_value(limit);
    if (which < 0 || which > cudaLimitPersistingL2CacheSize) return cudaErrorUnsupportedLimit;
    if (which == cudaLimitStackSize) {
      (void)rt.config();  // fixes the default before it is overridden
      if (value > 512 * 1024) return cudaErrorInvalidValue;
    }
    if (which == cudaLimitMallocHeapSize) {
      // Fixed once a kernel using malloc has run (Canopy refuses the change then).
      if (canopy::gpu::Device* d = rt.device(); d && !d->set_malloc_heap_size(value)) return cudaErrorInvalidValue;
    }
    rt.limits[which] = value;
    return cudaSuccess;
  });
}

cudaError_t cudaDeviceGetLimit(size_t* pValue, cudaLimit limit) {
  return runtime_call([&](Runtime& rt) {
    if (!pValue) return cudaErrorInvalidValue;
    const int which = enum_value(limit);
    if (which < 0 || which > cudaLimitPersistingL2CacheSize) return cudaErrorUnsupportedLimit;
    (void)rt.config();
    *pValue = rt.limits[which];
    return cudaSuccess;
  });
}

cudaError_t cudaSetDeviceFlags(unsigned int flags) {
  return runtime_call([&](Runtime& rt) {
    if (flags & ~static_cast<unsigned>(cudaDeviceMask)) return cudaErrorInvalidValue;
    rt.device_flags = flags;
    return cudaSuccess;
  });
}

cudaError_t cudaGetDeviceFlags(unsigned int* flags) {
  return runtime_call([&](Runtime& rt) {
    if (!flags) return cudaErrorInvalidValue;
    *flags = rt.device_flags | cudaDeviceMapHost;
    return cudaSuccess;
  });
}

cudaError_t cudaDeviceSetCacheConfig(cudaFuncCache cacheConfig) {
  return device_call([&](Runtime&) {
    return static_cast<unsigned>(enum_value(cacheConfig)) > cudaFuncCachePreferEqual ? cudaErrorInvalidValue
                                                                                     : cudaSuccess;
  });
}

cudaError_t cudaDeviceGetCacheConfig(cudaFuncCache* pCacheConfig) {
  return device_call([&](Runtime&) {
    if (!pCacheConfig) return cudaErrorInvalidValue;
    *pCacheConfig = cudaFuncCachePreferNone;
    return cudaSuccess;
  });
}

cudaError_t cudaDeviceSetSharedMemConfig(cudaSharedMemConfig config) {
  return device_call([&](Runtime&) {
    return static_cast<unsigned>(enum_value(config)) > cudaSharedMemBankSizeEightByte ? cudaErrorInvalidValue
                                                                                      : cudaSuccess;
  });
}

cudaError_t cudaDeviceGetSharedMemConfig(cudaSharedMemConfig* pConfig) {
  return device_call([&](Runtime&) {
    if (!pConfig) return cudaErrorInvalidValue;
    *pConfig = cudaSharedMemBankSizeFourByte;
    return cudaSuccess;
  });
}

cudaError_t cudaDeviceGetStreamPriorityRange(int* leastPriority, int* greatestPriority) {
  return runtime_call([&](Runtime&) {
    if (leastPriority) *leastPriority = 0;
    if (greatestPriority) *greatestPriority = -1;
    return cudaSuccess;
  });
}

cudaError_t cudaDeviceCanAccessPeer(int* canAccessPeer, int device, int peerDevice) {
  return runtime_call([&](Runtime&) {
    if (!canAccessPeer) return cudaErrorInvalidValue;
    if (device != 0 || peerDevice != 0) return cudaErrorInvalidDevice;
    *canAccessPeer = 0;
    return cudaSuccess;
  });
}

// The thread-named forms CUDA 12/13 removed from their headers; old programs still call them.
cudaError_t cudaThreadSynchronize(void) { return cudaDeviceSynchronize(); }
cudaError_t cudaThreadExit(void) { return cudaDeviceReset(); }
cudaError_t cudaThreadSetLimit(cudaLimit limit, size_t value) { return cudaDeviceSetLimit(limit, value); }
cudaError_t cudaThreadGetLimit(size_t* pValue, cudaLimit limit) { return cudaDeviceGetLimit(pValue, limit); }
cudaError_t cudaThreadSetCacheConfig(cudaFuncCache config) { return cudaDeviceSetCacheConfig(config); }
cudaError_t cudaThreadGetCacheConfig(cudaFuncCache* config) { return cudaDeviceGetCacheConfig(config); }

// The profiler API: Canopy profiles whole runs (canopy run --stats), so start/stop mark nothing yet.
cudaError_t cudaProfilerStart(void) { return cudaSuccess; }
cudaError_t cudaProfilerStop(void) { return cudaSuccess; }

}  // extern "C"
