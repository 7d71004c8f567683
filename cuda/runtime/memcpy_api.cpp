// Copies and fills: cudaMemcpy (every kind, cudaMemcpyDefault inferred from the allocations), the 2D
// and asynchronous forms, cudaMemset, and copies to and from __device__/__constant__ symbols. Device
// addresses are never dereferenced on the host: every device side goes through gpu::Device, which
// checks the range lies inside one allocation.
#include <cstdint>
#include <cstring>
#include <vector>

#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy::cudart;

namespace {

uint64_t address_of(const void* p) { return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p)); }

// [address, address + bytes) inside one device-visible allocation (device memory or mapped host memory).
bool device_visible(Runtime& rt, uint64_t address, uint64_t bytes) {
  auto a = rt.device()->allocation_containing(address);
  return a && bytes <= a->size - (address - a->base);
}

// Device memory the host cannot touch (as opposed to mapped host memory, which is both).
bool device_only(Runtime& rt, uint64_t address) {
  return rt.device()->allocation_containing(address) && !rt.host_allocation_containing(address);
}

// Checks both sides of a copy of the given extents and resolves cudaMemcpyDefault.
cudaError_t plan_copy(Runtime& rt, uint64_t dst, uint64_t dst_bytes, uint64_t src, uint64_t src_bytes,
                      int requested, cudaMemcpyKind& resolved) {
  if (requested < 0 || requested > cudaMemcpyDefault) return cudaErrorInvalidMemcpyDirection;
  auto kind = static_cast<cudaMemcpyKind>(requested);
  if (kind == cudaMemcpyDefault) {
    const bool dst_dev = rt.device()->allocation_containing(dst).has_value();
    const bool src_dev = rt.device()->allocation_containing(src).has_value();
    kind = dst_dev ? (src_dev ? cudaMemcpyDeviceToDevice : cudaMemcpyHostToDevice)
                   : (src_dev ? cudaMemcpyDeviceToHost : cudaMemcpyHostToHost);
  }
  const bool dst_on_device = kind == cudaMemcpyHostToDevice || kind == cudaMemcpyDeviceToDevice;
  const bool src_on_device = kind == cudaMemcpyDeviceToHost || kind == cudaMemcpyDeviceToDevice;
  if (dst_on_device ? !device_visible(rt, dst, dst_bytes) : (dst == 0 || device_only(rt, dst)))
    return cudaErrorInvalidValue;
  if (src_on_device ? !device_visible(rt, src, src_bytes) : (src == 0 || device_only(rt, src)))
    return cudaErrorInvalidValue;
  resolved = kind;
  return cudaSuccess;
}

// A planned copy of one contiguous piece.
cudaError_t copy_planned(Runtime& rt, uint64_t dst, uint64_t src, uint64_t bytes, cudaMemcpyKind kind) {
  if (bytes == 0) return cudaSuccess;
  void* dst_host = reinterpret_cast<void*>(static_cast<uintptr_t>(dst));
  const void* src_host = reinterpret_cast<const void*>(static_cast<uintptr_t>(src));
  canopy::gpu::Device& d = *rt.device();
  canopy::Status s;
  switch (kind) {
    case cudaMemcpyHostToHost:
      std::memmove(dst_host, src_host, bytes);
      break;
    case cudaMemcpyHostToDevice:
      s = d.copy_to_device(dst, src_host, bytes);
      break;
    case cudaMemcpyDeviceToHost:
      s = d.copy_to_host(dst_host, src, bytes);
      break;
    default:
      s = d.copy_device_to_device(dst, src, bytes);
      break;
  }
  return s.ok() ? cudaSuccess : cudaErrorInvalidValue;
}

cudaError_t copy(Runtime& rt, void* dst, const void* src, size_t count, int kind) {
  if (kind < 0 || kind > cudaMemcpyDefault) return cudaErrorInvalidMemcpyDirection;
  if (count == 0) return cudaSuccess;
  cudaMemcpyKind resolved;
  if (cudaError_t e = plan_copy(rt, address_of(dst), count, address_of(src), count, kind, resolved);
      e != cudaSuccess)
    return e;
  return copy_planned(rt, address_of(dst), address_of(src), count, resolved);
}

cudaError_t copy_2d(Runtime& rt, void* dst, size_t dpitch, const void* src, size_t spitch, size_t width,
                    size_t height, int kind, bool check_only = false) {
  if (kind < 0 || kind > cudaMemcpyDefault) return cudaErrorInvalidMemcpyDirection;
  if (width > dpitch || width > spitch) return cudaErrorInvalidPitchValue;
  if (width == 0 || height == 0) return cudaSuccess;
  if (height - 1 > (UINT64_MAX - width) / dpitch || height - 1 > (UINT64_MAX - width) / spitch)
    return cudaErrorInvalidValue;
  const uint64_t dst_span = uint64_t{dpitch} * (height - 1) + width;
  const uint64_t src_span = uint64_t{spitch} * (height - 1) + width;
  cudaMemcpyKind resolved;
  if (cudaError_t e = plan_copy(rt, address_of(dst), dst_span, address_of(src), src_span, kind, resolved);
      e != cudaSuccess || check_only)
    return e;
  for (size_t row = 0; row < height; ++row)
    if (cudaError_t e = copy_planned(rt, address_of(dst) + uint64_t{dpitch} * row,
                                     address_of(src) + uint64_t{spitch} * row, width, resolved);
        e != cudaSuccess)
      return e;
  return cudaSuccess;
}

cudaError_t fill_2d(Runtime& rt, void* ptr, size_t pitch, int value, size_t width, size_t height) {
  if (width > pitch) return cudaErrorInvalidPitchValue;
  if (width == 0 || height == 0) return cudaSuccess;
  if (height - 1 > (UINT64_MAX - width) / pitch) return cudaErrorInvalidValue;
  const uint64_t base = address_of(ptr);
  if (!device_visible(rt, base, uint64_t{pitch} * (height - 1) + width)) return cudaErrorInvalidValue;
  for (size_t row = 0; row < height; ++row)
    if (!rt.device()->memset(base + uint64_t{pitch} * row, static_cast<uint8_t>(value), width).ok())
      return cudaErrorInvalidValue;
  return cudaSuccess;
}

// The device address of [offset, offset + count) inside a registered variable.
cudaError_t symbol_range(Runtime& rt, const void* symbol, size_t count, size_t offset, void*& device) {
  uint64_t address = 0, size = 0;
  if (cudaError_t e = rt.resolve_symbol(symbol, address, size); e != cudaSuccess) return e;
  if (offset > size || count > size - offset) return cudaErrorInvalidValue;
  device = reinterpret_cast<void*>(static_cast<uintptr_t>(address + offset));
  return cudaSuccess;
}

bool to_symbol_kind(int kind) {
  return kind == cudaMemcpyHostToDevice || kind == cudaMemcpyDeviceToDevice || kind == cudaMemcpyDefault;
}
bool from_symbol_kind(int kind) {
  return kind == cudaMemcpyDeviceToHost || kind == cudaMemcpyDeviceToDevice || kind == cudaMemcpyDefault;
}

cudaError_t to_symbol(Runtime& rt, const void* symbol, const void* src, size_t count, size_t offset,
                      int kind) {
  void* device = nullptr;
  if (cudaError_t e = symbol_range(rt, symbol, count, offset, device); e != cudaSuccess) return e;
  if (!to_symbol_kind(kind)) return cudaErrorInvalidMemcpyDirection;
  return copy(rt, device, src, count, kind);
}

cudaError_t from_symbol(Runtime& rt, void* dst, const void* symbol, size_t count, size_t offset, int kind) {
  void* device = nullptr;
  if (cudaError_t e = symbol_range(rt, symbol, count, offset, device); e != cudaSuccess) return e;
  if (!from_symbol_kind(kind)) return cudaErrorInvalidMemcpyDirection;
  return copy(rt, dst, device, count, kind);
}

}  // namespace

cudaError_t canopy::cudart::copy_2d_locked(Runtime& rt, void* dst, size_t dpitch, const void* src, size_t spitch,
                                           size_t width, size_t height, int kind, bool check_only) {
  return copy_2d(rt, dst, dpitch, src, spitch, width, height, kind, check_only);
}

// Rows of `width` elements of 1, 2 or 4 bytes, each element `value` truncated to its size (CUDA's
// cudaMemsetParams); a row's bytes are built once and copied to each row.
cudaError_t canopy::cudart::fill_elements(Runtime& rt, const cudaMemsetParams& p, bool check_only) {
  const size_t elem = p.elementSize;
  if (elem != 1 && elem != 2 && elem != 4) return cudaErrorInvalidValue;
  if (p.width > SIZE_MAX / elem) return cudaErrorInvalidValue;
  const size_t row_bytes = p.width * elem;
  if (p.height > 1 && row_bytes > p.pitch) return cudaErrorInvalidPitchValue;
  if (row_bytes == 0 || p.height == 0) return cudaSuccess;
  const size_t pitch = p.height > 1 ? p.pitch : row_bytes;
  if (p.height - 1 > (UINT64_MAX - row_bytes) / pitch) return cudaErrorInvalidValue;
  const uint64_t base = address_of(p.dst);
  if (!device_visible(rt, base, uint64_t{pitch} * (p.height - 1) + row_bytes)) return cudaErrorInvalidValue;
  if (check_only) return cudaSuccess;
  if (elem == 1) return fill_2d(rt, p.dst, pitch, static_cast<int>(p.value), row_bytes, p.height);
  std::vector<uint8_t> row(row_bytes);
  for (size_t i = 0; i < row_bytes; i += elem) std::memcpy(row.data() + i, &p.value, elem);  // little-endian
  for (size_t r = 0; r < p.height; ++r)
    if (!rt.device()->copy_to_device(base + uint64_t{pitch} * r, row.data(), row_bytes).ok())
      return cudaErrorInvalidValue;
  return cudaSuccess;
}

namespace {

// A 1D or 2D copy as the 3D copy a graph's memcpy node keeps.
cudaMemcpy3DParms copy_node(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width, size_t height,
                            cudaMemcpyKind kind) {
  cudaMemcpy3DParms p{};
  p.srcPtr = make_cudaPitchedPtr(const_cast<void*>(src), spitch, width, height);
  p.dstPtr = make_cudaPitchedPtr(dst, dpitch, width, height);
  p.extent = make_cudaExtent(width, height, 1);
  p.kind = kind;
  return p;
}

// Under capture a copy is checked now and recorded; otherwise it runs.
cudaError_t copy_or_capture(Runtime& rt, cudaStream_t stream, void* dst, size_t dpitch, const void* src,
                            size_t spitch, size_t width, size_t height, cudaMemcpyKind kind) {
  if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
  StreamCapture* capture = rt.capture_of(stream);
  if (!capture) return copy_2d(rt, dst, dpitch, src, spitch, width, height, enum_value(kind));
  if (cudaError_t e = copy_2d(rt, dst, dpitch, src, spitch, width, height, enum_value(kind), true); e != cudaSuccess)
    return e;
  return capture_node(rt, *capture, copy_node(dst, dpitch, src, spitch, width, height, kind));
}

cudaError_t fill_or_capture(Runtime& rt, cudaStream_t stream, void* ptr, size_t pitch, int value, size_t width,
                            size_t height) {
  if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
  StreamCapture* capture = rt.capture_of(stream);
  if (!capture) return fill_2d(rt, ptr, pitch, value, width, height);
  MemsetNode node;
  node.p = cudaMemsetParams{ptr, pitch, static_cast<unsigned>(value) & 0xffu, 1, width, height};
  if (cudaError_t e = fill_elements(rt, node.p, true); e != cudaSuccess) return e;
  return capture_node(rt, *capture, node);
}

// Blocking copies are synchronization points: pending device printf output is written after them.
template <class Body>
cudaError_t blocking(Runtime& rt, Body&& body) {
  cudaError_t e = body();
  rt.flush_printf();
  return e;
}

}  // namespace

extern "C" {

cudaError_t cudaMemcpy(void* dst, const void* src, size_t count, cudaMemcpyKind kind) {
  return device_call(
      [&](Runtime& rt) { return blocking(rt, [&] { return copy(rt, dst, src, count, enum_value(kind)); }); });
}

cudaError_t cudaMemcpyAsync(void* dst, const void* src, size_t count, cudaMemcpyKind kind,
                            cudaStream_t stream) {
  return device_call([&](Runtime& rt) {
    if (enum_value(kind) < 0 || enum_value(kind) > cudaMemcpyDefault) return cudaErrorInvalidMemcpyDirection;
    if (count == 0) return rt.valid_stream(stream) ? cudaSuccess : cudaErrorInvalidResourceHandle;
    return copy_or_capture(rt, stream, dst, count, src, count, count, 1, kind);
  });
}

cudaError_t cudaMemcpy2D(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width,
                         size_t height, cudaMemcpyKind kind) {
  return device_call([&](Runtime& rt) {
    return blocking(rt,
                    [&] { return copy_2d(rt, dst, dpitch, src, spitch, width, height, enum_value(kind)); });
  });
}

cudaError_t cudaMemcpy2DAsync(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width,
                              size_t height, cudaMemcpyKind kind, cudaStream_t stream) {
  return device_call(
      [&](Runtime& rt) { return copy_or_capture(rt, stream, dst, dpitch, src, spitch, width, height, kind); });
}

cudaError_t cudaMemcpyPeer(void* dst, int dstDevice, const void* src, int srcDevice, size_t count) {
  return device_call([&](Runtime& rt) {
    if (dstDevice != 0 || srcDevice != 0) return cudaErrorInvalidDevice;
    return blocking(rt, [&] { return copy(rt, dst, src, count, cudaMemcpyDeviceToDevice); });
  });
}

cudaError_t cudaMemset(void* devPtr, int value, size_t count) {
  return device_call([&](Runtime& rt) { return fill_2d(rt, devPtr, count, value, count, 1); });
}

cudaError_t cudaMemsetAsync(void* devPtr, int value, size_t count, cudaStream_t stream) {
  return device_call([&](Runtime& rt) { return fill_or_capture(rt, stream, devPtr, count, value, count, 1); });
}

cudaError_t cudaMemset2D(void* devPtr, size_t pitch, int value, size_t width, size_t height) {
  return device_call([&](Runtime& rt) { return fill_2d(rt, devPtr, pitch, value, width, height); });
}

cudaError_t cudaMemset2DAsync(void* devPtr, size_t pitch, int value, size_t width, size_t height,
                              cudaStream_t stream) {
  return device_call(
      [&](Runtime& rt) { return fill_or_capture(rt, stream, devPtr, pitch, value, width, height); });
}

cudaError_t cudaMemcpyToSymbol(const void* symbol, const void* src, size_t count, size_t offset,
                               cudaMemcpyKind kind) {
  return device_call([&](Runtime& rt) {
    return blocking(rt, [&] { return to_symbol(rt, symbol, src, count, offset, enum_value(kind)); });
  });
}

cudaError_t cudaMemcpyFromSymbol(void* dst, const void* symbol, size_t count, size_t offset,
                                 cudaMemcpyKind kind) {
  return device_call([&](Runtime& rt) {
    return blocking(rt, [&] { return from_symbol(rt, dst, symbol, count, offset, enum_value(kind)); });
  });
}

cudaError_t cudaMemcpyToSymbolAsync(const void* symbol, const void* src, size_t count, size_t offset,
                                    cudaMemcpyKind kind, cudaStream_t stream) {
  return device_call([&](Runtime& rt) {
    void* device = nullptr;
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    if (cudaError_t e = symbol_range(rt, symbol, count, offset, device); e != cudaSuccess) return e;
    if (!to_symbol_kind(enum_value(kind))) return cudaErrorInvalidMemcpyDirection;
    if (count == 0) return cudaSuccess;
    return copy_or_capture(rt, stream, device, count, src, count, count, 1, kind);
  });
}

cudaError_t cudaMemcpyFromSymbolAsync(void* dst, const void* symbol, size_t count, size_t offset,
                                      cudaMemcpyKind kind, cudaStream_t stream) {
  return device_call([&](Runtime& rt) {
    void* device = nullptr;
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    if (cudaError_t e = symbol_range(rt, symbol, count, offset, device); e != cudaSuccess) return e;
    if (!from_symbol_kind(enum_value(kind))) return cudaErrorInvalidMemcpyDirection;
    if (count == 0) return cudaSuccess;
    return copy_or_capture(rt, stream, dst, count, device, count, count, 1, kind);
  });
}

cudaError_t cudaGetSymbolAddress(void** devPtr, const void* symbol) {
  return device_call([&](Runtime& rt) {
    if (!devPtr) return cudaErrorInvalidValue;
    uint64_t address = 0, size = 0;
    if (cudaError_t e = rt.resolve_symbol(symbol, address, size); e != cudaSuccess) return e;
    *devPtr = reinterpret_cast<void*>(static_cast<uintptr_t>(address));
    return cudaSuccess;
  });
}

cudaError_t cudaGetSymbolSize(size_t* size, const void* symbol) {
  return device_call([&](Runtime& rt) {
    if (!size) return cudaErrorInvalidValue;
    uint64_t address = 0, bytes = 0;
    if (cudaError_t e = rt.resolve_symbol(symbol, address, bytes); e != cudaSuccess) return e;
    *size = static_cast<size_t>(bytes);
    return cudaSuccess;
  });
}

}  // extern "C"
