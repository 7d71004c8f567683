// CUDA arrays: cudaMallocArray / cudaMalloc3DArray / cudaFreeArray / cudaArrayGetInfo, channel
// descriptors, and the copies to and from arrays (cudaMemcpy*Array, cudaMemcpy3D). An array is one
// device allocation with its rows packed (row pitch = width * element size, slice pitch = row pitch *
// height), so every array copy is a 2D copy per slice through the checked device copy functions.
#include <cstring>

#include "cuda/runtime/array_format.h"
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy::cudart;

namespace {

constexpr size_t kMaxArrayWidth = 1 << 16;  // texels per dimension (the 2D/3D texture limits of the presets)

void* device_pointer(uint64_t address) { return reinterpret_cast<void*>(static_cast<uintptr_t>(address)); }

cudaError_t make_array(Runtime& rt, cudaArray_t* array, const cudaChannelFormatDesc* desc, cudaExtent extent,
                       unsigned flags) {
  if (!array || !desc) return cudaErrorInvalidValue;
  *array = nullptr;
  const auto format = texel_format(*desc);
  if (!format) return cudaErrorInvalidChannelDescriptor;
  const bool cubemap = flags & cudaArrayCubemap;
  const bool layered = (flags & cudaArrayLayered) || cubemap;  // a cubemap's six faces are layers
  if (flags & ~unsigned{cudaArrayLayered | cudaArrayCubemap | cudaArraySurfaceLoadStore | cudaArrayTextureGather})
    return cudaErrorInvalidValue;
  // A cubemap's faces are square and come in sixes (one six per layer of a layered cubemap).
  if (cubemap && (extent.width != extent.height || extent.depth == 0 || extent.depth % 6 != 0 ||
                  (!(flags & cudaArrayLayered) && extent.depth != 6)))
    return cudaErrorInvalidValue;
  if (extent.width == 0 || (!layered && extent.height == 0 && extent.depth != 0) ||
      (layered && extent.depth == 0))
    return cudaErrorInvalidValue;
  if (extent.width > kMaxArrayWidth || extent.height > kMaxArrayWidth || extent.depth > kMaxArrayWidth)
    return cudaErrorInvalidValue;
  auto rec = std::make_unique<ArrayRecord>();
  rec->desc = *desc;
  rec->extent = extent;
  rec->flags = flags;
  rec->width = static_cast<uint32_t>(extent.width);
  rec->height = extent.height ? static_cast<uint32_t>(extent.height) : 1;
  rec->depth = extent.depth ? static_cast<uint32_t>(extent.depth) : 1;
  rec->elem_bytes = format->bytes();
  auto base = rt.device()->malloc(rec->slice_bytes() * rec->depth);
  if (!base.ok()) return cudaErrorMemoryAllocation;
  rec->base = *base;
  auto* handle = reinterpret_cast<cudaArray*>(rec.get());
  rt.arrays.emplace(handle, std::move(rec));
  *array = handle;
  return cudaSuccess;
}

// A 2D region of slice z of an array: `width_bytes` x `height` starting at byte x_bytes of row y.
struct ArrayRegion {
  uint64_t address = 0;
  size_t pitch = 0;
};
cudaError_t array_region(const ArrayRecord* a, size_t x_bytes, size_t y, size_t z, size_t width_bytes,
                         size_t height, ArrayRegion& out) {
  if (!a) return cudaErrorInvalidResourceHandle;
  if (x_bytes > a->row_bytes() || width_bytes > a->row_bytes() - x_bytes || y > a->height ||
      height > a->height - y || z >= a->depth)
    return cudaErrorInvalidValue;
  out.address = a->base + z * a->slice_bytes() + y * a->row_bytes() + x_bytes;
  out.pitch = a->row_bytes();
  return cudaSuccess;
}

bool into_array_kind(int kind) {
  return kind == cudaMemcpyHostToDevice || kind == cudaMemcpyDeviceToDevice || kind == cudaMemcpyDefault;
}
bool from_array_kind(int kind) {
  return kind == cudaMemcpyDeviceToHost || kind == cudaMemcpyDeviceToDevice || kind == cudaMemcpyDefault;
}

// One side of a 3D copy: an array (positions and extent in elements) or a pitched pointer (in bytes).
struct Side3D {
  const ArrayRecord* array = nullptr;
  cudaPitchedPtr ptr{};
  cudaPos pos{};
};

}  // namespace

cudaError_t canopy::cudart::copy_3d(Runtime& rt, const cudaMemcpy3DParms& p, bool check_only) {
  const int kind = enum_value(p.kind);
  if (kind < 0 || kind > cudaMemcpyDefault) return cudaErrorInvalidMemcpyDirection;
  if ((p.srcArray != nullptr) == (p.srcPtr.ptr != nullptr) ||
      (p.dstArray != nullptr) == (p.dstPtr.ptr != nullptr))
    return cudaErrorInvalidValue;  // exactly one source and one destination
  Side3D src{p.srcArray ? rt.array(p.srcArray) : nullptr, p.srcPtr, p.srcPos};
  Side3D dst{p.dstArray ? rt.array(p.dstArray) : nullptr, p.dstPtr, p.dstPos};
  if ((p.srcArray && !src.array) || (p.dstArray && !dst.array)) return cudaErrorInvalidResourceHandle;
  if (src.array && dst.array && src.array->elem_bytes != dst.array->elem_bytes) return cudaErrorInvalidValue;
  const ArrayRecord* any = src.array ? src.array : dst.array;
  const size_t elem =
      any ? any->elem_bytes : 1;  // the extent's width counts elements when an array is involved
  const cudaExtent e = p.extent;
  if (e.width == 0 || e.height == 0 || e.depth == 0) return cudaSuccess;
  const size_t width_bytes = e.width * elem;
  if (src.array ? !from_array_kind(kind) : false) return cudaErrorInvalidMemcpyDirection;
  if (dst.array ? !into_array_kind(kind) : false) return cudaErrorInvalidMemcpyDirection;
  for (size_t z = 0; z < e.depth; ++z) {
    auto place = [&](const Side3D& s, uint64_t& address, size_t& pitch) -> cudaError_t {
      if (s.array) {
        ArrayRegion r;
        if (cudaError_t err =
                array_region(s.array, s.pos.x * elem, s.pos.y, s.pos.z + z, width_bytes, e.height, r);
            err != cudaSuccess)
          return err;
        address = r.address, pitch = r.pitch;
        return cudaSuccess;
      }
      if (s.ptr.pitch < width_bytes + s.pos.x) return cudaErrorInvalidPitchValue;
      const size_t rows = s.ptr.ysize ? s.ptr.ysize : e.height;
      address =
          reinterpret_cast<uintptr_t>(s.ptr.ptr) + ((s.pos.z + z) * rows + s.pos.y) * s.ptr.pitch + s.pos.x;
      pitch = s.ptr.pitch;
      return cudaSuccess;
    };
    uint64_t sa = 0, da = 0;
    size_t sp = 0, dp = 0;
    if (cudaError_t err = place(src, sa, sp); err != cudaSuccess) return err;
    if (cudaError_t err = place(dst, da, dp); err != cudaSuccess) return err;
    if (cudaError_t err =
            copy_2d_locked(rt, device_pointer(da), dp, device_pointer(sa), sp, width_bytes, e.height, kind,
                           check_only);
        err != cudaSuccess)
      return err;
  }
  return cudaSuccess;
}


extern "C" {

cudaChannelFormatDesc cudaCreateChannelDesc(int x, int y, int z, int w, cudaChannelFormatKind f) {
  cudaChannelFormatDesc d;
  d.x = x, d.y = y, d.z = z, d.w = w, d.f = f;
  return d;
}

cudaError_t cudaMallocArray(cudaArray_t* array, const cudaChannelFormatDesc* desc, size_t width,
                            size_t height, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (flags & cudaArrayLayered) return cudaErrorInvalidValue;
    return make_array(rt, array, desc, cudaExtent{width, height, 0}, flags);
  });
}

cudaError_t cudaMalloc3DArray(cudaArray_t* array, const cudaChannelFormatDesc* desc, cudaExtent extent,
                              unsigned int flags) {
  return device_call([&](Runtime& rt) { return make_array(rt, array, desc, extent, flags); });
}

cudaError_t cudaFreeArray(cudaArray_t array) {
  return device_call([&](Runtime& rt) {
    if (!array) return cudaSuccess;
    ArrayRecord* a = rt.array(array);
    if (!a) return cudaErrorInvalidValue;
    (void)rt.device()->free(a->base);
    rt.arrays.erase(array);
    return cudaSuccess;
  });
}

cudaError_t cudaArrayGetInfo(cudaChannelFormatDesc* desc, cudaExtent* extent, unsigned int* flags,
                             cudaArray_t array) {
  return device_call([&](Runtime& rt) {
    const ArrayRecord* a = rt.array(array);
    if (!a) return cudaErrorInvalidResourceHandle;
    if (desc) *desc = a->desc;
    if (extent) *extent = a->extent;
    if (flags) *flags = a->flags;
    return cudaSuccess;
  });
}

cudaError_t cudaGetChannelDesc(cudaChannelFormatDesc* desc, cudaArray_const_t array) {
  return device_call([&](Runtime& rt) {
    const ArrayRecord* a = rt.array(array);
    if (!a) return cudaErrorInvalidResourceHandle;
    if (!desc) return cudaErrorInvalidValue;
    *desc = a->desc;
    return cudaSuccess;
  });
}

cudaError_t cudaMemcpy2DToArray(cudaArray_t dst, size_t wOffset, size_t hOffset, const void* src,
                                size_t spitch, size_t width, size_t height, cudaMemcpyKind kind) {
  return device_call([&](Runtime& rt) {
    if (!into_array_kind(enum_value(kind))) return cudaErrorInvalidMemcpyDirection;
    if (width > spitch) return cudaErrorInvalidPitchValue;
    ArrayRegion r;
    if (cudaError_t e = array_region(rt.array(dst), wOffset, hOffset, 0, width, height, r); e != cudaSuccess)
      return e;
    return copy_2d_locked(rt, device_pointer(r.address), r.pitch, src, spitch, width, height,
                          enum_value(kind));
  });
}

cudaError_t cudaMemcpy2DFromArray(void* dst, size_t dpitch, cudaArray_const_t src, size_t wOffset,
                                  size_t hOffset, size_t width, size_t height, cudaMemcpyKind kind) {
  return device_call([&](Runtime& rt) {
    if (!from_array_kind(enum_value(kind))) return cudaErrorInvalidMemcpyDirection;
    if (width > dpitch) return cudaErrorInvalidPitchValue;
    ArrayRegion r;
    if (cudaError_t e = array_region(rt.array(src), wOffset, hOffset, 0, width, height, r); e != cudaSuccess)
      return e;
    return copy_2d_locked(rt, dst, dpitch, device_pointer(r.address), r.pitch, width, height,
                          enum_value(kind));
  });
}

// The 1D forms copy `count` bytes from (wOffset, hOffset) on, continuing into the following rows.
// `start` gets the device address of the first byte.
static cudaError_t linear_span(Runtime& rt, cudaArray_const_t array, size_t wOffset, size_t hOffset,
                               size_t count, uint64_t& start) {
  const ArrayRecord* a = rt.array(array);
  if (!a) return cudaErrorInvalidResourceHandle;
  const uint64_t total = a->slice_bytes() * a->depth;
  if (wOffset > a->row_bytes() || hOffset >= a->height) return cudaErrorInvalidValue;
  const uint64_t offset = hOffset * a->row_bytes() + wOffset;
  if (count > total - offset) return cudaErrorInvalidValue;
  start = a->base + offset;
  return cudaSuccess;
}

cudaError_t cudaMemcpyToArray(cudaArray_t dst, size_t wOffset, size_t hOffset, const void* src, size_t count,
                              cudaMemcpyKind kind) {
  return device_call([&](Runtime& rt) {
    if (!into_array_kind(enum_value(kind))) return cudaErrorInvalidMemcpyDirection;
    uint64_t start = 0;
    if (cudaError_t e = linear_span(rt, dst, wOffset, hOffset, count, start); e != cudaSuccess) return e;
    if (count == 0) return cudaSuccess;
    return copy_2d_locked(rt, device_pointer(start), count, src, count, count, 1, enum_value(kind));
  });
}

cudaError_t cudaMemcpyFromArray(void* dst, cudaArray_const_t src, size_t wOffset, size_t hOffset,
                                size_t count, cudaMemcpyKind kind) {
  return device_call([&](Runtime& rt) {
    if (!from_array_kind(enum_value(kind))) return cudaErrorInvalidMemcpyDirection;
    uint64_t start = 0;
    if (cudaError_t e = linear_span(rt, src, wOffset, hOffset, count, start); e != cudaSuccess) return e;
    if (count == 0) return cudaSuccess;
    return copy_2d_locked(rt, dst, count, device_pointer(start), count, count, 1, enum_value(kind));
  });
}

cudaError_t cudaMemcpy3D(const cudaMemcpy3DParms* p) {
  return device_call([&](Runtime& rt) {
    if (!p) return cudaErrorInvalidValue;
    return copy_3d(rt, *p);
  });
}

cudaError_t cudaMemcpy3DAsync(const cudaMemcpy3DParms* p, cudaStream_t stream) {
  return device_call([&](Runtime& rt) {
    if (!p) return cudaErrorInvalidValue;
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    StreamCapture* capture = rt.capture_of(stream);
    if (!capture) return copy_3d(rt, *p);
    if (cudaError_t e = copy_3d(rt, *p, true); e != cudaSuccess) return e;
    return capture_node(rt, *capture, *p);
  });
}

}  // extern "C"
