// Cubemap textures: cudaMalloc3DArray with cudaArrayCubemap, texCubemap by direction. Each face's texel
// centres, reached through the directions of the CUDA Programming Guide's cubemap table (at any length),
// return that face's texel; between centres the face is filtered bilinearly; a layered cubemap adds 6 per
// layer. Expected values come from the texels on the host.
#include <cmath>
#include <vector>

#include "check.h"

constexpr int kWidth = 8;

// The direction that reaches texel (x, y) of `face` (the table read backwards), scaled by `length`.
__host__ __device__ void direction(int face, float u, float v, float length, float* d) {
  const float s = 2.0f * u - 1.0f, t = 2.0f * v - 1.0f;
  float x = 0, y = 0, z = 0;
  switch (face) {
    case 0: x = 1, y = -t, z = -s; break;
    case 1: x = -1, y = -t, z = s; break;
    case 2: x = s, y = 1, z = t; break;
    case 3: x = s, y = -1, z = -t; break;
    case 4: x = s, y = -t, z = 1; break;
    default: x = -s, y = -t, z = -1; break;
  }
  d[0] = x * length, d[1] = y * length, d[2] = z * length;
}

__global__ void centres(cudaTextureObject_t tex, float* out, float length) {
  const int x = threadIdx.x, y = threadIdx.y, face = blockIdx.x;
  float d[3];
  direction(face, (x + 0.5f) / kWidth, (y + 0.5f) / kWidth, length, d);
  out[(face * kWidth + y) * kWidth + x] = texCubemap<float>(tex, d[0], d[1], d[2]);
}

__global__ void between(cudaTextureObject_t tex, float* out) {
  float d[3];
  direction(blockIdx.x, 2.0f / kWidth, 3.25f / kWidth, 1.0f, d);  // texel coordinates (1.5, 2.75)
  out[blockIdx.x] = texCubemap<float>(tex, d[0], d[1], d[2]);
}

__global__ void layered(cudaTextureObject_t tex, float* out) {
  float d[3];
  direction(3, 0.5f / kWidth, 0.5f / kWidth, 1.0f, d);
  out[0] = texCubemapLayered<float>(tex, d[0], d[1], d[2], 1);
}

static cudaTextureObject_t make_object(cudaArray_t array, cudaTextureFilterMode filter) {
  cudaResourceDesc res = {};
  res.resType = cudaResourceTypeArray;
  res.res.array.array = array;
  cudaTextureDesc desc = {};
  desc.filterMode = filter;
  desc.readMode = cudaReadModeElementType;
  desc.addressMode[0] = desc.addressMode[1] = desc.addressMode[2] = cudaAddressModeWrap;
  cudaTextureObject_t tex = 0;
  EXPECT_OK(cudaCreateTextureObject(&tex, &res, &desc, nullptr));
  return tex;
}

int main() {
  const int face_texels = kWidth * kWidth;
  std::vector<float> texels(6 * 2 * face_texels);
  for (size_t i = 0; i < texels.size(); ++i) texels[i] = static_cast<float>(i) * 0.5f + 1.0f;
  cudaChannelFormatDesc fmt = cudaCreateChannelDesc<float>();
  cudaArray_t cube = nullptr, cubes = nullptr;
  EXPECT_OK(cudaMalloc3DArray(&cube, &fmt, make_cudaExtent(kWidth, kWidth, 6), cudaArrayCubemap));
  EXPECT_OK(cudaMalloc3DArray(&cubes, &fmt, make_cudaExtent(kWidth, kWidth, 12), cudaArrayCubemap | cudaArrayLayered));
  for (cudaArray_t a : {cube, cubes}) {
    cudaMemcpy3DParms p = {};
    p.srcPtr = make_cudaPitchedPtr(texels.data(), kWidth * sizeof(float), kWidth, kWidth);
    p.dstArray = a;
    p.extent = make_cudaExtent(kWidth, kWidth, a == cube ? 6 : 12);
    p.kind = cudaMemcpyHostToDevice;
    EXPECT_OK(cudaMemcpy3D(&p));
  }
  float* d_out = nullptr;
  EXPECT_OK(cudaMalloc(&d_out, 6 * face_texels * sizeof(float)));

  // Texel centres, point and linear filtering alike, with directions of several lengths.
  for (cudaTextureFilterMode filter : {cudaFilterModePoint, cudaFilterModeLinear}) {
    cudaTextureObject_t tex = make_object(cube, filter);
    for (float length : {1.0f, 0.25f, 37.0f}) {
      centres<<<6, dim3(kWidth, kWidth)>>>(tex, d_out, length);
      std::vector<float> got = from_device(d_out, 6 * face_texels);
      int bad = 0;
      for (int i = 0; i < 6 * face_texels; ++i) bad += got[i] != texels[i];
      EXPECT(bad == 0);
    }
    if (filter == cudaFilterModeLinear) {
      // (1.5, 2.75) in texel space: 0.5/0.5 between x = 1 and 2 at rows 2 and 3 weighted 0.25/0.75.
      between<<<6, 1>>>(tex, d_out);
      std::vector<float> got = from_device(d_out, 6);
      for (int f = 0; f < 6; ++f) {
        const float* t = &texels[f * face_texels];
        const float row2 = 0.5f * (t[2 * kWidth + 1] + t[2 * kWidth + 2]);
        const float row3 = 0.5f * (t[3 * kWidth + 1] + t[3 * kWidth + 2]);
        EXPECT(std::fabs(got[f] - (0.25f * row2 + 0.75f * row3)) < 1e-3f);
      }
    }
    EXPECT_OK(cudaDestroyTextureObject(tex));
  }

  // Layer 1 of a layered cubemap, face 3 (-y), texel (0, 0).
  cudaTextureObject_t tex = make_object(cubes, cudaFilterModePoint);
  layered<<<1, 1>>>(tex, d_out);
  EXPECT(from_device(d_out, 1)[0] == texels[(6 + 3) * face_texels]);
  EXPECT_OK(cudaDestroyTextureObject(tex));

  // Faces must be square and come in sixes.
  cudaArray_t bad = nullptr;
  EXPECT(cudaMalloc3DArray(&bad, &fmt, make_cudaExtent(8, 4, 6), cudaArrayCubemap) == cudaErrorInvalidValue);
  EXPECT(cudaMalloc3DArray(&bad, &fmt, make_cudaExtent(8, 8, 5), cudaArrayCubemap) == cudaErrorInvalidValue);
  EXPECT(cudaMalloc3DArray(&bad, &fmt, make_cudaExtent(8, 8, 12), cudaArrayCubemap) == cudaErrorInvalidValue);
  (void)cudaGetLastError();
  EXPECT_OK(cudaFreeArray(cube));
  EXPECT_OK(cudaFreeArray(cubes));
  EXPECT_OK(cudaFree(d_out));
  return check_result();
}
