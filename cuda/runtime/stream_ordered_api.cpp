// The stream-ordered allocator and stream attributes. Work on a stream is complete when its call returns
// (docs/cuda.md), so cudaMallocAsync/cudaFreeAsync take effect at once; the device's one memory pool
// (its default, the only one cudaDeviceSetMemPool accepts) counts the bytes it holds for the pool
// attributes. Stream attributes are validated, kept and reported back; Canopy models no L2 persistence,
// so an access policy window changes nothing about execution.
#include "cuda/runtime/device_properties.h"
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy::cudart;

namespace {

uint64_t address_of(const void* p) { return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p)); }

cudaError_t pool_malloc(Runtime& rt, void** ptr, size_t size, cudaMemPool_t pool, cudaStream_t stream) {
  if (!ptr || pool != &rt.default_pool) return cudaErrorInvalidValue;
  if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
  *ptr = nullptr;
  if (size == 0) return cudaSuccess;
  if (StreamCapture* capture = rt.capture_of(stream)) return capture_allocation(rt, *capture, size, *ptr);
  auto address = rt.device()->malloc(size);
  if (!address.ok()) return cudaErrorMemoryAllocation;
  CUmemPoolHandle_st& p = rt.default_pool;
  p.live.emplace(*address, size);
  p.used += size;
  p.used_high = p.used > p.used_high ? p.used : p.used_high;
  *ptr = reinterpret_cast<void*>(static_cast<uintptr_t>(*address));
  return cudaSuccess;
}

bool valid_access_policy(const cudaAccessPolicyWindow& w, const cudaDeviceProp& prop) {
  const auto property_ok = [](cudaAccessProperty a) {
    return a == cudaAccessPropertyNormal || a == cudaAccessPropertyStreaming || a == cudaAccessPropertyPersisting;
  };
  return w.hitRatio >= 0.0f && w.hitRatio <= 1.0f && property_ok(w.hitProp) && property_ok(w.missProp) &&
         w.missProp != cudaAccessPropertyPersisting && w.num_bytes <= static_cast<size_t>(prop.accessPolicyMaxWindowSize);
}

}  // namespace

extern "C" {

cudaError_t cudaMallocAsync(void** devPtr, size_t size, cudaStream_t hStream) {
  return device_call([&](Runtime& rt) { return pool_malloc(rt, devPtr, size, &rt.default_pool, hStream); });
}

cudaError_t cudaMallocFromPoolAsync(void** ptr, size_t size, cudaMemPool_t memPool, cudaStream_t stream) {
  return device_call([&](Runtime& rt) { return pool_malloc(rt, ptr, size, memPool, stream); });
}

// Frees memory from the pool, or from cudaMalloc as CUDA also allows.
cudaError_t cudaFreeAsync(void* devPtr, cudaStream_t hStream) {
  return device_call([&](Runtime& rt) {
    if (!rt.valid_stream(hStream)) return cudaErrorInvalidResourceHandle;
    if (!devPtr) return cudaSuccess;
    if (StreamCapture* capture = rt.capture_of(hStream)) return capture_free(rt, *capture, address_of(devPtr));
    if (rt.free_graph_allocation(address_of(devPtr))) return cudaSuccess;
    if (!rt.device()->free(address_of(devPtr)).ok()) return cudaErrorInvalidValue;
    CUmemPoolHandle_st& p = rt.default_pool;
    auto it = p.live.find(address_of(devPtr));
    if (it != p.live.end()) {
      p.used -= it->second;
      p.live.erase(it);
    }
    return cudaSuccess;
  });
}

cudaError_t cudaDeviceGetDefaultMemPool(cudaMemPool_t* memPool, int device) {
  return device_call([&](Runtime& rt) {
    if (!memPool || device != 0) return device != 0 ? cudaErrorInvalidDevice : cudaErrorInvalidValue;
    *memPool = &rt.default_pool;
    return cudaSuccess;
  });
}

cudaError_t cudaDeviceGetMemPool(cudaMemPool_t* memPool, int device) { return cudaDeviceGetDefaultMemPool(memPool, device); }

cudaError_t cudaDeviceSetMemPool(int device, cudaMemPool_t memPool) {
  return device_call([&](Runtime& rt) {
    if (device != 0) return cudaErrorInvalidDevice;
    return memPool == &rt.default_pool ? cudaSuccess : cudaErrorInvalidValue;
  });
}

// Reserved memory is what the pool holds: Canopy releases freed memory at once (a release threshold
// only changes what is reported back).
cudaError_t cudaMemPoolSetAttribute(cudaMemPool_t memPool, cudaMemPoolAttr attr, void* value) {
  return device_call([&](Runtime& rt) {
    if (memPool != &rt.default_pool || !value) return cudaErrorInvalidValue;
    CUmemPoolHandle_st& p = rt.default_pool;
    switch (attr) {
      case cudaMemPoolReuseFollowEventDependencies:
      case cudaMemPoolReuseAllowOpportunistic:
      case cudaMemPoolReuseAllowInternalDependencies:
        p.reuse[attr - 1] = *static_cast<int*>(value) != 0;
        return cudaSuccess;
      case cudaMemPoolAttrReleaseThreshold:
        p.release_threshold = *static_cast<uint64_t*>(value);
        return cudaSuccess;
      case cudaMemPoolAttrReservedMemHigh:
      case cudaMemPoolAttrUsedMemHigh:  // only resetting to 0 is allowed
        if (*static_cast<uint64_t*>(value) != 0) return cudaErrorInvalidValue;
        p.used_high = p.used;
        return cudaSuccess;
      default:
        return cudaErrorInvalidValue;
    }
  });
}

cudaError_t cudaMemPoolGetAttribute(cudaMemPool_t memPool, cudaMemPoolAttr attr, void* value) {
  return device_call([&](Runtime& rt) {
    if (memPool != &rt.default_pool || !value) return cudaErrorInvalidValue;
    const CUmemPoolHandle_st& p = rt.default_pool;
    switch (attr) {
      case cudaMemPoolReuseFollowEventDependencies:
      case cudaMemPoolReuseAllowOpportunistic:
      case cudaMemPoolReuseAllowInternalDependencies:
        *static_cast<int*>(value) = p.reuse[attr - 1] ? 1 : 0;
        return cudaSuccess;
      case cudaMemPoolAttrReleaseThreshold: *static_cast<uint64_t*>(value) = p.release_threshold; return cudaSuccess;
      case cudaMemPoolAttrReservedMemCurrent:
      case cudaMemPoolAttrUsedMemCurrent: *static_cast<uint64_t*>(value) = p.used; return cudaSuccess;
      case cudaMemPoolAttrReservedMemHigh:
      case cudaMemPoolAttrUsedMemHigh: *static_cast<uint64_t*>(value) = p.used_high; return cudaSuccess;
      default: return cudaErrorInvalidValue;
    }
  });
}

cudaError_t cudaMemPoolTrimTo(cudaMemPool_t memPool, size_t) {
  return device_call([&](Runtime& rt) { return memPool == &rt.default_pool ? cudaSuccess : cudaErrorInvalidValue; });
}

cudaError_t cudaStreamSetAttribute(cudaStream_t hStream, cudaStreamAttrID attr, const cudaStreamAttrValue* value) {
  return device_call([&](Runtime& rt) {
    if (!rt.valid_stream(hStream)) return cudaErrorInvalidResourceHandle;
    if (!value) return cudaErrorInvalidValue;
    switch (attr) {
      case cudaLaunchAttributeAccessPolicyWindow:
        if (!valid_access_policy(value->accessPolicyWindow, device_properties(rt.device()->config())))
          return cudaErrorInvalidValue;
        break;
      case cudaLaunchAttributeSynchronizationPolicy:
        if (value->syncPolicy < cudaSyncPolicyAuto || value->syncPolicy > cudaSyncPolicyBlockingSync)
          return cudaErrorInvalidValue;
        break;
      case cudaLaunchAttributePriority: break;
      default: return cudaErrorInvalidValue;
    }
    rt.stream_attributes[{hStream, static_cast<int>(attr)}] = *value;
    return cudaSuccess;
  });
}

cudaError_t cudaStreamGetAttribute(cudaStream_t hStream, cudaStreamAttrID attr, cudaStreamAttrValue* value_out) {
  return device_call([&](Runtime& rt) {
    if (!rt.valid_stream(hStream)) return cudaErrorInvalidResourceHandle;
    if (!value_out || (attr != cudaLaunchAttributeAccessPolicyWindow && attr != cudaLaunchAttributeSynchronizationPolicy &&
                       attr != cudaLaunchAttributePriority))
      return cudaErrorInvalidValue;
    auto it = rt.stream_attributes.find({hStream, static_cast<int>(attr)});
    cudaLaunchAttributeValue v{};
    if (attr == cudaLaunchAttributeSynchronizationPolicy) v.syncPolicy = cudaSyncPolicyAuto;
    *value_out = it != rt.stream_attributes.end() ? it->second : v;
    return cudaSuccess;
  });
}

cudaError_t cudaCtxResetPersistingL2Cache(void) {
  return device_call([](Runtime&) { return cudaSuccess; });
}

}  // extern "C"
