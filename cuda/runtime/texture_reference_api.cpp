// Texture references, the legacy texture API (removed from CUDA 12, kept for old programs): a texture<>
// variable is registered by clang with __cudaRegisterTexture; on the device it is an 8-byte cell
// (compiler/lower_texture.cpp). cudaBindTexture* create a texture object from the reference's fields
// (normalized coordinates, filter, address modes; the read mode from its template) and the memory given,
// and store its handle in the cell, so the device fetches through the object machinery. Rebinding
// destroys the previous object; cudaUnbindTexture stores 0 (a fetch then faults as an invalid handle).
#include "cuda/runtime/device_properties.h"
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy::cudart;

namespace {

uint64_t address_of(const void* p) { return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p)); }

cudaTextureDesc sampling_of(const textureReference& ref, const TextureReference& rec) {
  cudaTextureDesc t{};
  for (int a = 0; a < 3; ++a) t.addressMode[a] = ref.addressMode[a];
  t.filterMode = ref.filterMode;
  t.readMode = rec.normalized_read ? cudaReadModeNormalizedFloat : cudaReadModeElementType;
  t.normalizedCoords = ref.normalized;
  t.sRGB = ref.sRGB;
  t.maxAnisotropy = ref.maxAnisotropy;
  return t;
}

// Makes the object and stores it in the reference's device cell, replacing what was bound.
cudaError_t bind(Runtime& rt, const textureReference* ref, const cudaResourceDesc& res, size_t offset) {
  auto it = rt.texture_references.find(ref);
  if (!ref || it == rt.texture_references.end()) return cudaErrorInvalidTexture;
  uint64_t cell = 0, size = 0;
  if (cudaError_t e = rt.resolve_symbol(ref, cell, size); e != cudaSuccess || size < 8) return cudaErrorInvalidTexture;
  uint64_t handle = 0;
  if (cudaError_t e = create_texture(rt, res, sampling_of(*ref, it->second), handle); e != cudaSuccess) return e;
  if (!rt.device()->copy_to_device(cell, &handle, sizeof handle).ok()) {
    (void)destroy_texture(rt, handle);
    return cudaErrorInvalidTexture;
  }
  (void)destroy_texture(rt, it->second.bound);
  it->second.bound = handle;
  it->second.offset = offset;
  return cudaSuccess;
}

// The texture base must be aligned: an unaligned pointer is bound from the aligned address below it and
// the difference reported in *offset (CUDA's rule); without `offset` it is an error.
cudaError_t align_base(const void* devPtr, size_t* offset, uint64_t& base, size_t& skew) {
  const uint64_t p = address_of(devPtr);
  skew = static_cast<size_t>(p % kTextureAlignment);
  base = p - skew;
  if (offset) *offset = skew;
  return skew && !offset ? cudaErrorInvalidValue : cudaSuccess;
}

}  // namespace

extern "C" {

void __cudaRegisterTexture(void** fatCubinHandle, const textureReference* hostVar, const void** deviceAddress,
                           const char* deviceName, int dim, int norm, int ext) {
  (void)deviceAddress;
  (void)ext;
  if (!fatCubinHandle || !hostVar || !deviceName) return;
  Runtime& rt = Runtime::get();
  std::lock_guard<std::mutex> lock(rt.mutex);
  rt.variables[hostVar] = VariableEntry{reinterpret_cast<FatbinRecord*>(fatCubinHandle), deviceName, 8};
  TextureReference rec;
  rec.dim = dim;
  rec.normalized_read = norm != 0;
  rt.texture_references[hostVar] = rec;
}

cudaError_t cudaBindTexture(size_t* offset, const textureReference* texref, const void* devPtr,
                            const cudaChannelFormatDesc* desc, size_t size) {
  return device_call([&](Runtime& rt) {
    if (!desc || !devPtr) return cudaErrorInvalidValue;
    uint64_t base = 0;
    size_t skew = 0;
    if (cudaError_t e = align_base(devPtr, offset, base, skew); e != cudaSuccess) return e;
    auto a = rt.device()->allocation_containing(base);
    if (!a) return cudaErrorInvalidValue;
    // UINT_MAX (the default) and anything larger: up to the end of the allocation.
    const uint64_t available = a->size - (base - a->base);
    const uint64_t bytes = std::min<uint64_t>(uint64_t{size} + skew, available);
    cudaResourceDesc res{};
    res.resType = cudaResourceTypeLinear;
    res.res.linear.devPtr = reinterpret_cast<void*>(static_cast<uintptr_t>(base));
    res.res.linear.desc = *desc;
    res.res.linear.sizeInBytes = bytes;
    return bind(rt, texref, res, skew);
  });
}

cudaError_t cudaBindTexture2D(size_t* offset, const textureReference* texref, const void* devPtr,
                              const cudaChannelFormatDesc* desc, size_t width, size_t height, size_t pitch) {
  return device_call([&](Runtime& rt) {
    if (!desc || !devPtr) return cudaErrorInvalidValue;
    uint64_t base = 0;
    size_t skew = 0;
    if (cudaError_t e = align_base(devPtr, offset, base, skew); e != cudaSuccess) return e;
    if (skew) return cudaErrorInvalidValue;  // a 2D texture's rows start at its base: it must be aligned
    cudaResourceDesc res{};
    res.resType = cudaResourceTypePitch2D;
    res.res.pitch2D.devPtr = const_cast<void*>(devPtr);
    res.res.pitch2D.desc = *desc;
    res.res.pitch2D.width = width;
    res.res.pitch2D.height = height;
    res.res.pitch2D.pitchInBytes = pitch;
    return bind(rt, texref, res, 0);
  });
}

cudaError_t cudaBindTextureToArray(const textureReference* texref, cudaArray_const_t array,
                                   const cudaChannelFormatDesc* desc) {
  return device_call([&](Runtime& rt) {
    if (!desc) return cudaErrorInvalidValue;
    cudaResourceDesc res{};
    res.resType = cudaResourceTypeArray;
    res.res.array.array = const_cast<cudaArray_t>(array);
    return bind(rt, texref, res, 0);
  });
}

cudaError_t cudaUnbindTexture(const textureReference* texref) {
  return device_call([&](Runtime& rt) {
    auto it = rt.texture_references.find(texref);
    if (!texref || it == rt.texture_references.end()) return cudaErrorInvalidTexture;
    uint64_t cell = 0, size = 0, zero = 0;
    if (rt.resolve_symbol(texref, cell, size) == cudaSuccess) (void)rt.device()->copy_to_device(cell, &zero, 8);
    (void)destroy_texture(rt, it->second.bound);
    it->second.bound = 0;
    it->second.offset = 0;
    return cudaSuccess;
  });
}

cudaError_t cudaGetTextureAlignmentOffset(size_t* offset, const textureReference* texref) {
  return device_call([&](Runtime& rt) {
    if (!offset) return cudaErrorInvalidValue;
    auto it = rt.texture_references.find(texref);
    if (!texref || it == rt.texture_references.end()) return cudaErrorInvalidTexture;
    if (!it->second.bound) return cudaErrorInvalidTextureBinding;
    *offset = it->second.offset;
    return cudaSuccess;
  });
}

// The reference of a texture<> variable is the variable itself.
cudaError_t cudaGetTextureReference(const textureReference** texref, const void* symbol) {
  return device_call([&](Runtime& rt) {
    if (!texref) return cudaErrorInvalidValue;
    if (!rt.texture_references.count(symbol)) return cudaErrorInvalidTexture;
    *texref = static_cast<const textureReference*>(symbol);
    return cudaSuccess;
  });
}

}  // extern "C"
