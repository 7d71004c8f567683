// Memory allocation: device memory, pinned/mapped/registered/managed host memory (host buffers mapped
// into the device address space at their own address), pointer queries and memory advice.
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

namespace canopy::cudart {

namespace {

constexpr uint64_t kHostAlignment = 256;  // like device allocations: enough for any vector access
constexpr size_t kPitchAlignment = 512;   // cudaMallocPitch rows (texturePitchAlignment-compatible)
constexpr size_t kLargeHostBlock = size_t{4} << 20;  // above the C library's mmap threshold

uint64_t address_of(const void* p) { return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p)); }

// Allocates zeroed host memory and maps it; nullptr if either step fails.
void* allocate_mapped(Runtime& rt, size_t size, HostKind kind, unsigned flags) {
  if (size > SIZE_MAX - kHostAlignment) return nullptr;
  size_t rounded = (size + kHostAlignment - 1) / kHostAlignment * kHostAlignment;
  void* p = std::aligned_alloc(kHostAlignment, rounded);
  if (!p) return nullptr;
  if (!rt.device()->map_host_memory(p, size).ok()) {
    // The host heap can lie inside the device's generic windows (low addresses on some hosts and under
    // qemu-user); a large block comes from a fresh high mapping instead.
    std::free(p);
    rounded = std::max(rounded, kLargeHostBlock);
    p = std::aligned_alloc(kHostAlignment, rounded);
    if (!p) return nullptr;
    if (!rt.device()->map_host_memory(p, size).ok()) {
      std::free(p);
      return nullptr;
    }
  }
  std::memset(p, 0, rounded);
  rt.host_allocations[address_of(p)] = HostAllocation{size, kind, flags};
  return p;
}

void free_mapped(Runtime& rt, void* p) {
  if (rt.has_device()) (void)rt.device()->unmap_host_memory(p);
  rt.host_allocations.erase(address_of(p));
  std::free(p);
}

}  // namespace

const HostAllocation* Runtime::host_allocation_containing(uint64_t address, uint64_t* base) const {
  auto it = host_allocations.upper_bound(address);
  if (it == host_allocations.begin()) return nullptr;
  --it;
  if (address - it->first >= it->second.size) return nullptr;
  if (base) *base = it->first;
  return &it->second;
}

// cudaDeviceReset frees what the runtime allocated; registered memory belongs to the program.
void Runtime::release_host_allocations() {
  for (auto it = host_allocations.begin(); it != host_allocations.end();) {
    void* p = reinterpret_cast<void*>(static_cast<uintptr_t>(it->first));
    if (device_) (void)device_->unmap_host_memory(p);
    if (it->second.kind != HostKind::Registered) std::free(p);
    it = host_allocations.erase(it);
  }
}

}  // namespace canopy::cudart

using namespace canopy::cudart;

extern "C" {

cudaError_t cudaMalloc(void** devPtr, size_t size) {
  return device_call([&](Runtime& rt) {
    if (!devPtr) return cudaErrorInvalidValue;
    *devPtr = nullptr;
    if (size == 0) return cudaSuccess;  // CUDA hands out a null pointer
    auto address = rt.device()->malloc(size);
    if (!address.ok()) return cudaErrorMemoryAllocation;
    *devPtr = reinterpret_cast<void*>(static_cast<uintptr_t>(*address));
    return cudaSuccess;
  });
}

cudaError_t cudaFree(void* devPtr) {
  return device_call([&](Runtime& rt) {
    if (!devPtr) return cudaSuccess;
    uint64_t base = 0;
    if (const HostAllocation* h = rt.host_allocation_containing(address_of(devPtr), &base)) {
      if (h->kind != HostKind::Managed || base != address_of(devPtr)) return cudaErrorInvalidValue;
      free_mapped(rt, devPtr);
      return cudaSuccess;
    }
    if (rt.free_graph_allocation(address_of(devPtr))) return cudaSuccess;  // its memory stays with the graph
    return rt.device()->free(address_of(devPtr)).ok() ? cudaSuccess : cudaErrorInvalidValue;
  });
}

cudaError_t cudaHostAlloc(void** pHost, size_t size, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (!pHost) return cudaErrorInvalidValue;
    *pHost = nullptr;
    if (flags & ~0x7u) return cudaErrorInvalidValue;
    if (size == 0) return cudaSuccess;
    // With unified addressing every pinned allocation is mapped (cudaHostAllocMapped is implied).
    *pHost = allocate_mapped(rt, size, HostKind::Pinned, flags | cudaHostAllocMapped);
    return *pHost ? cudaSuccess : cudaErrorMemoryAllocation;
  });
}

cudaError_t cudaMallocHost(void** ptr, size_t size) { return cudaHostAlloc(ptr, size, cudaHostAllocDefault); }

cudaError_t cudaFreeHost(void* ptr) {
  return device_call([&](Runtime& rt) {
    if (!ptr) return cudaSuccess;
    auto it = rt.host_allocations.find(address_of(ptr));
    if (it == rt.host_allocations.end() || it->second.kind != HostKind::Pinned) return cudaErrorInvalidValue;
    free_mapped(rt, ptr);
    return cudaSuccess;
  });
}

cudaError_t cudaMallocManaged(void** devPtr, size_t size, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (!devPtr) return cudaErrorInvalidValue;
    *devPtr = nullptr;
    if (size == 0 || (flags != cudaMemAttachGlobal && flags != cudaMemAttachHost))
      return cudaErrorInvalidValue;
    *devPtr = allocate_mapped(rt, size, HostKind::Managed, flags);
    return *devPtr ? cudaSuccess : cudaErrorMemoryAllocation;
  });
}

cudaError_t cudaHostRegister(void* ptr, size_t size, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (!ptr || size == 0 || (flags & ~0xfu)) return cudaErrorInvalidValue;
    const uint64_t base = address_of(ptr);
    if (size > UINT64_MAX - base) return cudaErrorInvalidValue;
    // Any overlap with an existing host range counts as already registered, as in CUDA.
    auto next = rt.host_allocations.lower_bound(base);
    if (rt.host_allocation_containing(base) ||
        (next != rt.host_allocations.end() && next->first < base + size))
      return cudaErrorHostMemoryAlreadyRegistered;
    if (!rt.device()->map_host_memory(ptr, size).ok()) return cudaErrorInvalidValue;
    rt.host_allocations[base] = HostAllocation{size, HostKind::Registered, flags | cudaHostRegisterMapped};
    return cudaSuccess;
  });
}

cudaError_t cudaHostUnregister(void* ptr) {
  return device_call([&](Runtime& rt) {
    if (!ptr) return cudaErrorInvalidValue;
    auto it = rt.host_allocations.find(address_of(ptr));
    if (it == rt.host_allocations.end() || it->second.kind != HostKind::Registered)
      return cudaErrorHostMemoryNotRegistered;
    (void)rt.device()->unmap_host_memory(ptr);
    rt.host_allocations.erase(it);
    return cudaSuccess;
  });
}

// Mapped host memory has the same address on the device.
cudaError_t cudaHostGetDevicePointer(void** pDevice, void* pHost, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (!pDevice || !pHost || flags != 0) return cudaErrorInvalidValue;
    const HostAllocation* h = rt.host_allocation_containing(address_of(pHost));
    if (!h || h->kind == HostKind::Managed) return cudaErrorInvalidValue;
    *pDevice = pHost;
    return cudaSuccess;
  });
}

cudaError_t cudaHostGetFlags(unsigned int* pFlags, void* pHost) {
  return device_call([&](Runtime& rt) {
    if (!pFlags || !pHost) return cudaErrorInvalidValue;
    const HostAllocation* h = rt.host_allocation_containing(address_of(pHost));
    if (!h || h->kind != HostKind::Pinned) return cudaErrorInvalidValue;
    *pFlags = h->flags;
    return cudaSuccess;
  });
}

cudaError_t cudaMallocPitch(void** devPtr, size_t* pitch, size_t width, size_t height) {
  return device_call([&](Runtime& rt) {
    if (!devPtr || !pitch) return cudaErrorInvalidValue;
    *devPtr = nullptr;
    if (width > SIZE_MAX - kPitchAlignment) return cudaErrorMemoryAllocation;
    const size_t row = (width + kPitchAlignment - 1) / kPitchAlignment * kPitchAlignment;
    *pitch = row;
    if (row == 0 || height == 0) return cudaSuccess;
    if (height > UINT64_MAX / row) return cudaErrorMemoryAllocation;
    auto address = rt.device()->malloc(uint64_t{row} * height);
    if (!address.ok()) return cudaErrorMemoryAllocation;
    *devPtr = reinterpret_cast<void*>(static_cast<uintptr_t>(*address));
    return cudaSuccess;
  });
}

cudaError_t cudaMemGetInfo(size_t* free, size_t* total) {
  return device_call([&](Runtime& rt) {
    if (!free || !total) return cudaErrorInvalidValue;
    const uint64_t capacity = rt.device()->config().memory_bytes;
    const uint64_t used = rt.device()->memory_used();
    *total = static_cast<size_t>(capacity);
    *free = static_cast<size_t>(used < capacity ? capacity - used : 0);
    return cudaSuccess;
  });
}

cudaError_t cudaPointerGetAttributes(cudaPointerAttributes* attributes, const void* ptr) {
  return device_call([&](Runtime& rt) {
    if (!attributes) return cudaErrorInvalidValue;
    attributes->type = cudaMemoryTypeUnregistered;
    attributes->device = cudaInvalidDeviceId;
    attributes->devicePointer = nullptr;
    attributes->hostPointer = nullptr;
    const uint64_t address = address_of(ptr);
    void* p = const_cast<void*>(ptr);
    if (const HostAllocation* h = rt.host_allocation_containing(address)) {
      attributes->type = h->kind == HostKind::Managed ? cudaMemoryTypeManaged : cudaMemoryTypeHost;
      attributes->device = 0;
      attributes->devicePointer = p;
      attributes->hostPointer = p;
    } else if (ptr && rt.device()->allocation_containing(address)) {
      attributes->type = cudaMemoryTypeDevice;
      attributes->device = 0;
      attributes->devicePointer = p;
    }
    return cudaSuccess;
  });
}

cudaError_t cudaMemPrefetchAsync(const void* devPtr, size_t count, int dstDevice, cudaStream_t stream) {
  return device_call([&](Runtime& rt) {
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    if (dstDevice != 0 && dstDevice != cudaCpuDeviceId) return cudaErrorInvalidDevice;
    const HostAllocation* h = rt.host_allocation_containing(address_of(devPtr));
    if (!h || h->kind != HostKind::Managed) return cudaErrorInvalidValue;
    return cudaSuccess;  // one memory: nothing to migrate
  });
}

cudaError_t cudaMemAdvise(const void* devPtr, size_t count, cudaMemoryAdvise advice, int device) {
  return device_call([&](Runtime& rt) {
    const int a = enum_value(advice);
    if (a < cudaMemAdviseSetReadMostly || a > cudaMemAdviseUnsetAccessedBy) return cudaErrorInvalidValue;
    const HostAllocation* h = rt.host_allocation_containing(address_of(devPtr));
    if (!h || h->kind != HostKind::Managed) return cudaErrorInvalidValue;
    return cudaSuccess;
  });
}

// One memory for host and device: attaching managed memory to a stream changes nothing about access.
cudaError_t cudaStreamAttachMemAsync(cudaStream_t stream, void* devPtr, size_t length, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    if (flags != cudaMemAttachGlobal && flags != cudaMemAttachHost && flags != cudaMemAttachSingle) return cudaErrorInvalidValue;
    uint64_t base = 0;
    const HostAllocation* h = rt.host_allocation_containing(address_of(devPtr), &base);
    if (!h || h->kind != HostKind::Managed || (length != 0 && base != address_of(devPtr))) return cudaErrorInvalidValue;
    return cudaSuccess;
  });
}

}  // extern "C"
