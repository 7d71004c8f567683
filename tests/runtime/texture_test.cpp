// Arrays, texture objects and surface objects through the C API: channel descriptors, array copies in
// every supported form (1D, 2D, 3D with offsets), descriptor round trips, and the error code of each bad
// argument.
#include <cstring>
#include <numeric>
#include <vector>

#include "tests/runtime/runtime_test_util.h"

namespace canopy::cudart::test {
namespace {

class TextureTest : public RuntimeTest {};

cudaResourceDesc array_resource(cudaArray_t a) {
  cudaResourceDesc r;
  std::memset(&r, 0, sizeof r);
  r.resType = cudaResourceTypeArray;
  r.res.array.array = a;
  return r;
}

cudaTextureDesc point_clamp() {
  cudaTextureDesc t;
  std::memset(&t, 0, sizeof t);
  t.addressMode[0] = t.addressMode[1] = t.addressMode[2] = cudaAddressModeClamp;
  t.filterMode = cudaFilterModePoint;
  t.readMode = cudaReadModeElementType;
  return t;
}

TEST_F(TextureTest, ChannelDescriptorsAndArrayInfo) {
  cudaChannelFormatDesc d = cudaCreateChannelDesc(16, 16, 0, 0, cudaChannelFormatKindFloat);
  EXPECT_EQ(d.x, 16);
  EXPECT_EQ(d.y, 16);
  EXPECT_EQ(d.z, 0);
  EXPECT_EQ(d.f, cudaChannelFormatKindFloat);
  cudaArray_t a = nullptr;
  ASSERT_EQ(cudaMallocArray(&a, &d, 10, 0, cudaArraySurfaceLoadStore), cudaSuccess);
  cudaChannelFormatDesc got;
  cudaExtent e;
  unsigned flags = 0;
  ASSERT_EQ(cudaArrayGetInfo(&got, &e, &flags, a), cudaSuccess);
  EXPECT_EQ(got.x, 16);
  EXPECT_EQ(got.y, 16);
  EXPECT_EQ(e.width, 10u);
  EXPECT_EQ(e.height, 0u);
  EXPECT_EQ(e.depth, 0u);
  EXPECT_EQ(flags, unsigned{cudaArraySurfaceLoadStore});
  EXPECT_EQ(cudaFreeArray(a), cudaSuccess);
  EXPECT_EQ(cudaFreeArray(nullptr), cudaSuccess);
}

TEST_F(TextureTest, BadArraysGetCudasErrors) {
  cudaArray_t a = nullptr;
  cudaChannelFormatDesc ok = cudaCreateChannelDesc(32, 0, 0, 0, cudaChannelFormatKindFloat);
  cudaChannelFormatDesc three = cudaCreateChannelDesc(8, 8, 8, 0, cudaChannelFormatKindUnsigned);
  cudaChannelFormatDesc mixed = cudaCreateChannelDesc(8, 16, 0, 0, cudaChannelFormatKindUnsigned);
  cudaChannelFormatDesc gap = cudaCreateChannelDesc(8, 0, 8, 0, cudaChannelFormatKindUnsigned);
  cudaChannelFormatDesc float8 = cudaCreateChannelDesc(8, 0, 0, 0, cudaChannelFormatKindFloat);
  cudaChannelFormatDesc none = cudaCreateChannelDesc(32, 0, 0, 0, cudaChannelFormatKindNone);
  EXPECT_EQ(cudaMallocArray(&a, &three, 4, 4), cudaErrorInvalidChannelDescriptor);
  EXPECT_EQ(cudaMallocArray(&a, &mixed, 4, 4), cudaErrorInvalidChannelDescriptor);
  EXPECT_EQ(cudaMallocArray(&a, &gap, 4, 4), cudaErrorInvalidChannelDescriptor);
  EXPECT_EQ(cudaMallocArray(&a, &float8, 4, 4), cudaErrorInvalidChannelDescriptor);
  EXPECT_EQ(cudaMallocArray(&a, &none, 4, 4), cudaErrorInvalidChannelDescriptor);
  EXPECT_EQ(cudaMallocArray(&a, &ok, 0, 4), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMallocArray(nullptr, &ok, 4, 4), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMallocArray(&a, nullptr, 4, 4), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMallocArray(&a, &ok, 4, 4, cudaArrayLayered), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMalloc3DArray(&a, &ok, make_cudaExtent(4, 0, 3), 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMalloc3DArray(&a, &ok, make_cudaExtent(4, 4, 0), cudaArrayLayered), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMalloc3DArray(&a, &ok, make_cudaExtent(4, 4, 2), cudaArrayCubemap), cudaErrorInvalidValue);
  int not_an_array = 0;
  EXPECT_EQ(cudaFreeArray(reinterpret_cast<cudaArray_t>(&not_an_array)), cudaErrorInvalidValue);
  cudaExtent e;
  EXPECT_EQ(cudaArrayGetInfo(nullptr, &e, nullptr, reinterpret_cast<cudaArray_t>(&not_an_array)),
            cudaErrorInvalidResourceHandle);
}

TEST_F(TextureTest, ArrayCopiesRoundTrip) {
  const size_t w = 6, h = 5, d = 3;
  cudaChannelFormatDesc desc = cudaCreateChannelDesc(32, 0, 0, 0, cudaChannelFormatKindSigned);
  cudaArray_t a2 = nullptr, a3 = nullptr;
  ASSERT_EQ(cudaMallocArray(&a2, &desc, w, h), cudaSuccess);
  std::vector<int> src(w * h), back(w * h, -1);
  std::iota(src.begin(), src.end(), 1);
  // A 3x2 window at element (2, 1), from a host buffer with a wider pitch.
  std::vector<int> window = {10, 11, 12, 0, 13, 14, 15, 0};
  EXPECT_EQ(cudaMemcpy2DToArray(a2, 0, 0, src.data(), w * 4, w * 4, h, cudaMemcpyHostToDevice), cudaSuccess);
  EXPECT_EQ(cudaMemcpy2DToArray(a2, 2 * 4, 1, window.data(), 16, 12, 2, cudaMemcpyHostToDevice), cudaSuccess);
  EXPECT_EQ(cudaMemcpyFromArray(back.data(), a2, 0, 0, w * h * 4, cudaMemcpyDeviceToHost), cudaSuccess);
  std::vector<int> want = src;
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 3; ++x) want[(1 + y) * w + 2 + x] = window[y * 4 + x];
  EXPECT_EQ(back, want);
  std::vector<int> part(2 * 2, 0);
  EXPECT_EQ(cudaMemcpy2DFromArray(part.data(), 8, a2, 4 * 4, 3, 8, 2, cudaMemcpyDeviceToHost), cudaSuccess);
  EXPECT_EQ(part, (std::vector<int>{want[3 * w + 4], want[3 * w + 5], want[4 * w + 4], want[4 * w + 5]}));
  // Out of range, wrong directions.
  EXPECT_EQ(cudaMemcpy2DToArray(a2, 4 * 4, 0, src.data(), 12, 12, 1, cudaMemcpyHostToDevice),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy2DToArray(a2, 0, 4, src.data(), 24, 24, 2, cudaMemcpyHostToDevice),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy2DToArray(a2, 0, 0, src.data(), 8, 12, 1, cudaMemcpyHostToDevice),
            cudaErrorInvalidPitchValue);
  EXPECT_EQ(cudaMemcpyToArray(a2, 0, 0, src.data(), 4, cudaMemcpyDeviceToHost),
            cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaMemcpyFromArray(back.data(), a2, 0, 0, 4, cudaMemcpyHostToDevice),
            cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaMemcpyToArray(a2, 0, 0, src.data(), w * h * 4 + 4, cudaMemcpyHostToDevice),
            cudaErrorInvalidValue);

  // 3D: host -> array with positions, array -> device, device -> host.
  ASSERT_EQ(cudaMalloc3DArray(&a3, &desc, make_cudaExtent(w, h, d), 0), cudaSuccess);
  std::vector<int> vol(w * h * d), out(w * h * d, 0);
  std::iota(vol.begin(), vol.end(), 100);
  cudaMemcpy3DParms p;
  std::memset(&p, 0, sizeof p);
  p.srcPtr = make_cudaPitchedPtr(vol.data(), w * 4, w, h);
  p.dstArray = a3;
  p.extent = make_cudaExtent(w, h, d);
  p.kind = cudaMemcpyHostToDevice;
  EXPECT_EQ(cudaMemcpy3D(&p), cudaSuccess);
  void* dev = nullptr;
  ASSERT_EQ(cudaMalloc(&dev, vol.size() * 4), cudaSuccess);
  std::memset(&p, 0, sizeof p);
  p.srcArray = a3;
  p.srcPos = make_cudaPos(1, 2, 1);
  p.dstPtr = make_cudaPitchedPtr(dev, 4 * 4, 4, 3);
  p.extent = make_cudaExtent(4, 3, 2);
  p.kind = cudaMemcpyDeviceToDevice;
  EXPECT_EQ(cudaMemcpy3D(&p), cudaSuccess);
  std::vector<int> sub(4 * 3 * 2, 0);
  EXPECT_EQ(cudaMemcpy(sub.data(), dev, sub.size() * 4, cudaMemcpyDeviceToHost), cudaSuccess);
  for (size_t z = 0; z < 2; ++z)
    for (size_t y = 0; y < 3; ++y)
      for (size_t x = 0; x < 4; ++x)
        EXPECT_EQ(sub[(z * 3 + y) * 4 + x], vol[((z + 1) * h + y + 2) * w + x + 1]) << x << y << z;
  p.srcPos = make_cudaPos(3, 2, 1);  // runs past the width
  EXPECT_EQ(cudaMemcpy3D(&p), cudaErrorInvalidValue);
  p.srcPos = make_cudaPos(0, 0, 0);
  p.dstArray = a2;  // two destinations
  EXPECT_EQ(cudaMemcpy3D(&p), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy3D(nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaFreeArray(a2), cudaSuccess);
  EXPECT_EQ(cudaFreeArray(a3), cudaSuccess);
  EXPECT_EQ(cudaFree(dev), cudaSuccess);
}

TEST_F(TextureTest, TextureObjectsValidateTheirDescriptors) {
  cudaChannelFormatDesc u8 = cudaCreateChannelDesc(8, 8, 8, 8, cudaChannelFormatKindUnsigned);
  cudaChannelFormatDesc i32 = cudaCreateChannelDesc(32, 0, 0, 0, cudaChannelFormatKindSigned);
  cudaArray_t a = nullptr, b = nullptr;
  ASSERT_EQ(cudaMallocArray(&a, &u8, 8, 8), cudaSuccess);
  ASSERT_EQ(cudaMallocArray(&b, &i32, 8, 8), cudaSuccess);
  cudaResourceDesc ra = array_resource(a), rb = array_resource(b);
  cudaTextureDesc t = point_clamp();
  cudaTextureObject_t h = 0;
  EXPECT_EQ(cudaCreateTextureObject(nullptr, &ra, &t, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaCreateTextureObject(&h, nullptr, &t, nullptr), cudaErrorInvalidValue);
  EXPECT_EQ(cudaCreateTextureObject(&h, &ra, nullptr, nullptr), cudaErrorInvalidValue);
  // Linear filtering needs float results; the normalized read mode needs 8/16-bit integers.
  t.filterMode = cudaFilterModeLinear;
  EXPECT_EQ(cudaCreateTextureObject(&h, &ra, &t, nullptr), cudaErrorInvalidFilterSetting);
  t.readMode = cudaReadModeNormalizedFloat;
  EXPECT_EQ(cudaCreateTextureObject(&h, &ra, &t, nullptr), cudaSuccess);
  EXPECT_NE(h, 0u);
  EXPECT_EQ(cudaCreateTextureObject(&h, &rb, &t, nullptr), cudaErrorInvalidNormSetting);
  t = point_clamp();
  t.addressMode[1] = static_cast<cudaTextureAddressMode>(7);
  EXPECT_EQ(cudaCreateTextureObject(&h, &ra, &t, nullptr), cudaErrorInvalidValue);
  t = point_clamp();
  int bogus = 0;
  cudaResourceDesc bad = array_resource(reinterpret_cast<cudaArray_t>(&bogus));
  EXPECT_EQ(cudaCreateTextureObject(&h, &bad, &t, nullptr), cudaErrorInvalidResourceHandle);
  bad.resType = cudaResourceTypeMipmappedArray;
  EXPECT_EQ(cudaCreateTextureObject(&h, &bad, &t, nullptr), cudaErrorInvalidValue);

  // Linear and pitch2D resources: alignment, sizes, the allocation.
  void* dev = nullptr;
  ASSERT_EQ(cudaMalloc(&dev, 4096), cudaSuccess);
  cudaResourceDesc lin;
  std::memset(&lin, 0, sizeof lin);
  lin.resType = cudaResourceTypeLinear;
  lin.res.linear.devPtr = dev;
  lin.res.linear.desc = i32;
  lin.res.linear.sizeInBytes = 4096;
  cudaTextureObject_t hl = 0;
  EXPECT_EQ(cudaCreateTextureObject(&hl, &lin, &t, nullptr), cudaSuccess);
  lin.res.linear.devPtr = static_cast<char*>(dev) + 128;
  EXPECT_EQ(cudaCreateTextureObject(&h, &lin, &t, nullptr), cudaErrorInvalidValue);
  lin.res.linear.devPtr = dev;
  // A size beyond the allocation is accepted, as on a GPU; the texels past its end read as out of range.
  lin.res.linear.sizeInBytes = 8192;
  cudaTextureObject_t beyond = 0;
  EXPECT_EQ(cudaCreateTextureObject(&beyond, &lin, &t, nullptr), cudaSuccess);
  EXPECT_EQ(cudaDestroyTextureObject(beyond), cudaSuccess);
  lin.res.linear.desc = cudaCreateChannelDesc(8, 8, 8, 0, cudaChannelFormatKindUnsigned);
  EXPECT_EQ(cudaCreateTextureObject(&h, &lin, &t, nullptr), cudaErrorInvalidChannelDescriptor);
  cudaResourceDesc pitch;
  std::memset(&pitch, 0, sizeof pitch);
  pitch.resType = cudaResourceTypePitch2D;
  pitch.res.pitch2D.devPtr = dev;
  pitch.res.pitch2D.desc = i32;
  pitch.res.pitch2D.width = 8;
  pitch.res.pitch2D.height = 16;
  pitch.res.pitch2D.pitchInBytes = 64;
  cudaTextureObject_t hp = 0;
  EXPECT_EQ(cudaCreateTextureObject(&hp, &pitch, &t, nullptr), cudaSuccess);
  pitch.res.pitch2D.pitchInBytes = 48;  // not a multiple of texturePitchAlignment
  EXPECT_EQ(cudaCreateTextureObject(&h, &pitch, &t, nullptr), cudaErrorInvalidValue);
  pitch.res.pitch2D.pitchInBytes = 16;  // below the row size
  EXPECT_EQ(cudaCreateTextureObject(&h, &pitch, &t, nullptr), cudaErrorInvalidValue);

  // Descriptors round trip; destroyed handles are gone.
  cudaResourceDesc rgot;
  cudaTextureDesc tgot;
  t.addressMode[0] = cudaAddressModeBorder;
  t.normalizedCoords = 1;
  cudaTextureObject_t hb = 0;
  ASSERT_EQ(cudaCreateTextureObject(&hb, &rb, &t, nullptr), cudaSuccess);
  EXPECT_EQ(cudaGetTextureObjectResourceDesc(&rgot, hb), cudaSuccess);
  EXPECT_EQ(rgot.resType, cudaResourceTypeArray);
  EXPECT_EQ(rgot.res.array.array, b);
  EXPECT_EQ(cudaGetTextureObjectTextureDesc(&tgot, hb), cudaSuccess);
  EXPECT_EQ(tgot.addressMode[0], cudaAddressModeBorder);
  EXPECT_EQ(tgot.normalizedCoords, 1);
  EXPECT_EQ(cudaDestroyTextureObject(hb), cudaSuccess);
  EXPECT_EQ(cudaDestroyTextureObject(hb), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetTextureObjectTextureDesc(&tgot, hb), cudaErrorInvalidValue);
  EXPECT_EQ(cudaDestroyTextureObject(0), cudaSuccess);
  EXPECT_EQ(cudaDestroyTextureObject(hl), cudaSuccess);
  EXPECT_EQ(cudaDestroyTextureObject(hp), cudaSuccess);
  EXPECT_EQ(cudaFreeArray(a), cudaSuccess);
  EXPECT_EQ(cudaFreeArray(b), cudaSuccess);
  EXPECT_EQ(cudaFree(dev), cudaSuccess);
}

TEST_F(TextureTest, SurfaceObjectsNeedLoadStoreArrays) {
  cudaChannelFormatDesc f = cudaCreateChannelDesc(32, 0, 0, 0, cudaChannelFormatKindFloat);
  cudaArray_t plain = nullptr, surf = nullptr;
  ASSERT_EQ(cudaMallocArray(&plain, &f, 4, 4), cudaSuccess);
  ASSERT_EQ(cudaMallocArray(&surf, &f, 4, 4, cudaArraySurfaceLoadStore), cudaSuccess);
  cudaResourceDesc rp = array_resource(plain), rs = array_resource(surf);
  cudaSurfaceObject_t s = 0;
  EXPECT_EQ(cudaCreateSurfaceObject(&s, &rp), cudaErrorInvalidValue);
  EXPECT_EQ(cudaCreateSurfaceObject(nullptr, &rs), cudaErrorInvalidValue);
  EXPECT_EQ(cudaCreateSurfaceObject(&s, &rs), cudaSuccess);
  EXPECT_NE(s, 0u);
  cudaResourceDesc got;
  EXPECT_EQ(cudaGetSurfaceObjectResourceDesc(&got, s), cudaSuccess);
  EXPECT_EQ(got.res.array.array, surf);
  EXPECT_EQ(cudaDestroyTextureObject(s), cudaErrorInvalidValue);  // not a texture object
  EXPECT_EQ(cudaDestroySurfaceObject(s), cudaSuccess);
  EXPECT_EQ(cudaDestroySurfaceObject(s), cudaErrorInvalidValue);
  EXPECT_EQ(cudaFreeArray(plain), cudaSuccess);
  EXPECT_EQ(cudaFreeArray(surf), cudaSuccess);
}

}  // namespace
}  // namespace canopy::cudart::test
