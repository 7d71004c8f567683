// Texture and surface objects: cudaCreateTextureObject / cudaCreateSurfaceObject translate CUDA's
// resource and texture descriptors into a gpu::TextureObject, which gpu::Device keeps under an opaque
// handle. What is honoured and which error each bad descriptor gets: docs/cuda.md, "Textures and surfaces".
#include <cstring>

#include "cuda/runtime/array_format.h"
#include "cuda/runtime/device_properties.h"
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy::cudart;
using canopy::gpu::TextureObject;

namespace {

constexpr uint64_t kMaxLinearTexels = 1u << 27;  // maxTexture1DLinear
constexpr size_t kMaxPitch2D = 1 << 16;          // maxTexture2DLinear width and height

// The resource part of an object: where the texels are and how many.
cudaError_t describe_resource(Runtime& rt, const cudaResourceDesc& r, TextureObject& o) {
  switch (enum_value(r.resType)) {
    case cudaResourceTypeArray: {
      const ArrayRecord* a = rt.array(r.res.array.array);
      if (!a) return cudaErrorInvalidResourceHandle;
      o.format = *texel_format(a->desc);
      o.base = a->base;
      o.width = a->width, o.height = a->height, o.depth = a->depth;
      o.row_pitch = a->row_bytes();
      o.slice_pitch = a->slice_bytes();
      o.layered = a->flags & (cudaArrayLayered | cudaArrayCubemap);  // faces are layers
      o.dims = o.layered ? (a->extent.height ? 2 : 1) : a->extent.depth ? 3 : a->extent.height ? 2 : 1;
      return cudaSuccess;
    }
    case cudaResourceTypeLinear: {
      auto f = texel_format(r.res.linear.desc);
      if (!f) return cudaErrorInvalidChannelDescriptor;
      const auto base = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(r.res.linear.devPtr));
      if (!base || base % kTextureAlignment != 0) return cudaErrorInvalidValue;
      uint64_t texels = r.res.linear.sizeInBytes / f->bytes();
      if (texels == 0 || texels > kMaxLinearTexels) return cudaErrorInvalidValue;
      // A GPU does not check the size against the allocation (convolutionFFT2D declares more than it
      // allocated and never fetches past its data); here the texels past the allocation's end are out of
      // range and read zero, as tex1Dfetch beyond the size does.
      if (auto a = rt.device()->allocation_containing(base)) {
        const uint64_t room = (a->base + a->size - base) / f->bytes();
        if (room == 0) return cudaErrorInvalidValue;
        if (texels > room) texels = room;
      }
      o.format = *f;
      o.base = base;
      o.linear_resource = true;
      o.width = static_cast<uint32_t>(texels);
      o.row_pitch = texels * f->bytes();
      o.slice_pitch = o.row_pitch;
      return cudaSuccess;
    }
    case cudaResourceTypePitch2D: {
      const auto& p = r.res.pitch2D;
      auto f = texel_format(p.desc);
      if (!f) return cudaErrorInvalidChannelDescriptor;
      const auto base = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p.devPtr));
      if (!base || base % kTextureAlignment != 0) return cudaErrorInvalidValue;
      if (p.width == 0 || p.height == 0 || p.width > kMaxPitch2D || p.height > kMaxPitch2D)
        return cudaErrorInvalidValue;
      if (p.pitchInBytes % kTexturePitchAlignment != 0 || p.pitchInBytes < p.width * f->bytes())
        return cudaErrorInvalidValue;
      o.format = *f;
      o.base = base;
      o.dims = 2;
      o.width = static_cast<uint32_t>(p.width), o.height = static_cast<uint32_t>(p.height);
      o.row_pitch = p.pitchInBytes;
      o.slice_pitch = p.pitchInBytes * p.height;
      return cudaSuccess;
    }
    default:  // mipmapped arrays are not supported
      return cudaErrorInvalidValue;
  }
}

// The sampling part: address modes, filter, read mode, coordinate normalization.
cudaError_t describe_sampling(const cudaTextureDesc& t, TextureObject& o) {
  for (int a = 0; a < 3; ++a) {
    const int m = enum_value(t.addressMode[a]);
    if (m < cudaAddressModeWrap || m > cudaAddressModeBorder) return cudaErrorInvalidValue;
    o.address[a] = static_cast<canopy::gpu::TexAddress>(m);
  }
  const int filter = enum_value(t.filterMode), read = enum_value(t.readMode);
  if (filter != cudaFilterModePoint && filter != cudaFilterModeLinear) return cudaErrorInvalidValue;
  if (read != cudaReadModeElementType && read != cudaReadModeNormalizedFloat) return cudaErrorInvalidValue;
  const bool integer = o.format.kind != canopy::gpu::TexelKind::Float;
  // The normalized-float read mode exists for 8- and 16-bit integers; float texels ignore it.
  if (read == cudaReadModeNormalizedFloat && integer && o.format.bits == 32)
    return cudaErrorInvalidNormSetting;
  o.normalized_read = read == cudaReadModeNormalizedFloat && integer;
  o.filter = filter == cudaFilterModeLinear ? canopy::gpu::TexFilter::Linear : canopy::gpu::TexFilter::Point;
  // Linear filtering needs a texture that returns floats.
  if (o.filter == canopy::gpu::TexFilter::Linear && !o.yields_float()) return cudaErrorInvalidFilterSetting;
  o.normalized_coords = t.normalizedCoords != 0;
  return cudaSuccess;
}

cudaError_t create_object(Runtime& rt, uint64_t& handle, const TextureObject& o, const TextureRecord& rec) {
  auto h = rt.device()->create_texture_object(o);
  if (!h.ok()) return cudaErrorInvalidValue;  // the range is not inside one live allocation
  handle = *h;
  rt.textures[handle] = rec;
  return cudaSuccess;
}

cudaError_t destroy_object(Runtime& rt, uint64_t handle, bool surface) {
  if (handle == 0) return cudaSuccess;
  auto o = rt.device()->texture_object(handle);
  if (!o || o->surface != surface) return cudaErrorInvalidValue;
  (void)rt.device()->destroy_texture_object(handle);
  rt.textures.erase(handle);
  return cudaSuccess;
}

}  // namespace

cudaError_t canopy::cudart::create_texture(Runtime& rt, const cudaResourceDesc& res, const cudaTextureDesc& tex,
                                           uint64_t& handle) {
  TextureObject o;
  if (cudaError_t e = describe_resource(rt, res, o); e != cudaSuccess) return e;
  if (cudaError_t e = describe_sampling(tex, o); e != cudaSuccess) return e;
  // A cubemap is sampled by direction (texCubemap picks the face and its coordinates in [0, 1]), so its
  // faces always take normalized coordinates and clamp at their edges (no seamless filtering).
  if (enum_value(res.resType) == cudaResourceTypeArray) {
    const ArrayRecord* a = rt.array(res.res.array.array);
    if (a && (a->flags & cudaArrayCubemap)) {
      o.normalized_coords = true;
      for (auto& mode : o.address) mode = canopy::gpu::TexAddress::Clamp;
    }
  }
  return create_object(rt, handle, o, {res, tex});
}

cudaError_t canopy::cudart::destroy_texture(Runtime& rt, uint64_t handle) { return destroy_object(rt, handle, false); }

extern "C" {

cudaError_t cudaCreateTextureObject(cudaTextureObject_t* pTexObject, const cudaResourceDesc* pResDesc,
                                    const cudaTextureDesc* pTexDesc,
                                    const cudaResourceViewDesc* /*ignored*/) {
  return device_call([&](Runtime& rt) {
    if (!pTexObject || !pResDesc || !pTexDesc) return cudaErrorInvalidValue;
    uint64_t handle = 0;
    if (cudaError_t e = create_texture(rt, *pResDesc, *pTexDesc, handle); e != cudaSuccess) return e;
    *pTexObject = handle;
    return cudaSuccess;
  });
}

cudaError_t cudaDestroyTextureObject(cudaTextureObject_t texObject) {
  return device_call([&](Runtime& rt) { return destroy_object(rt, texObject, false); });
}

cudaError_t cudaGetTextureObjectResourceDesc(cudaResourceDesc* pResDesc, cudaTextureObject_t texObject) {
  return device_call([&](Runtime& rt) {
    auto it = rt.textures.find(texObject);
    if (!pResDesc || it == rt.textures.end()) return cudaErrorInvalidValue;
    *pResDesc = it->second.resource;
    return cudaSuccess;
  });
}

cudaError_t cudaGetTextureObjectTextureDesc(cudaTextureDesc* pTexDesc, cudaTextureObject_t texObject) {
  return device_call([&](Runtime& rt) {
    auto it = rt.textures.find(texObject);
    auto o = rt.device()->texture_object(texObject);
    if (!pTexDesc || it == rt.textures.end() || !o || o->surface) return cudaErrorInvalidValue;
    *pTexDesc = it->second.texture;
    return cudaSuccess;
  });
}

cudaError_t cudaCreateSurfaceObject(cudaSurfaceObject_t* pSurfObject, const cudaResourceDesc* pResDesc) {
  return device_call([&](Runtime& rt) {
    if (!pSurfObject || !pResDesc) return cudaErrorInvalidValue;
    if (enum_value(pResDesc->resType) != cudaResourceTypeArray) return cudaErrorInvalidValue;
    const ArrayRecord* a = rt.array(pResDesc->res.array.array);
    if (!a) return cudaErrorInvalidResourceHandle;
    if (!(a->flags & cudaArraySurfaceLoadStore) || (a->flags & cudaArrayLayered))
      return cudaErrorInvalidValue;
    TextureObject o;
    if (cudaError_t e = describe_resource(rt, *pResDesc, o); e != cudaSuccess) return e;
    o.surface = true;
    TextureRecord rec;
    rec.resource = *pResDesc;
    uint64_t handle = 0;
    if (cudaError_t e = create_object(rt, handle, o, rec); e != cudaSuccess) return e;
    *pSurfObject = handle;
    return cudaSuccess;
  });
}

cudaError_t cudaDestroySurfaceObject(cudaSurfaceObject_t surfObject) {
  return device_call([&](Runtime& rt) { return destroy_object(rt, surfObject, true); });
}

cudaError_t cudaGetSurfaceObjectResourceDesc(cudaResourceDesc* pResDesc, cudaSurfaceObject_t surfObject) {
  return device_call([&](Runtime& rt) {
    auto it = rt.textures.find(surfObject);
    if (!pResDesc || it == rt.textures.end()) return cudaErrorInvalidValue;
    *pResDesc = it->second.resource;
    return cudaSuccess;
  });
}

}  // extern "C"
