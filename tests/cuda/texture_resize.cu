// Image resize through texture objects: a uchar4 cudaArray read as normalized floats with linear filtering,
// normalized coordinates and clamp addressing, and a float array with point sampling. Checked against a CPU
// reference written from the CUDA Programming Guide's texture-fetch formulas (weights in 1/256 steps).
#include <cmath>
#include <cstdint>
#include <vector>

#include "check.h"

constexpr int kSrcW = 37, kSrcH = 23;  // odd sizes: the scale factors are not integers
constexpr int kDstW = 64, kDstH = 50;

__global__ void resize(cudaTextureObject_t tex, float4* out, int w, int h) {
  const int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= w || y >= h) return;
  const float u = (x + 0.5f) / w, v = (y + 0.5f) / h;
  out[y * w + x] = tex2D<float4>(tex, u, v);
}

__global__ void resize_point(cudaTextureObject_t tex, float* out, int w, int h) {
  const int x = blockIdx.x * blockDim.x + threadIdx.x, y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= w || y >= h) return;
  out[y * w + x] = tex2D<float>(tex, (x + 0.5f) / w, (y + 0.5f) / h);
}

// ---- CPU reference ----
static float weight(float frac) { return std::nearbyint(frac * 256.0f) / 256.0f; }
static int clampi(int i, int n) { return i < 0 ? 0 : i >= n ? n - 1 : i; }

static float reference_linear(const std::vector<uchar4>& img, float u, float v, int c) {
  const float xb = u * kSrcW - 0.5f, yb = v * kSrcH - 0.5f;
  const int i = (int)std::floor(xb), j = (int)std::floor(yb);
  const float a = weight(xb - std::floor(xb)), b = weight(yb - std::floor(yb));
  auto t = [&](int ii, int jj) {
    const uchar4 p = img[clampi(jj, kSrcH) * kSrcW + clampi(ii, kSrcW)];
    const unsigned char ch[4] = {p.x, p.y, p.z, p.w};
    return ch[c] / 255.0f;
  };
  return (1 - a) * (1 - b) * t(i, j) + a * (1 - b) * t(i + 1, j) + (1 - a) * b * t(i, j + 1) + a * b * t(i + 1, j + 1);
}

int main() {
  std::vector<uchar4> img(kSrcW * kSrcH);
  std::vector<float> gray(kSrcW * kSrcH);
  for (int y = 0; y < kSrcH; ++y)
    for (int x = 0; x < kSrcW; ++x) {
      img[y * kSrcW + x] = make_uchar4((x * 7 + y * 3) & 255, (x * x + y) & 255, (255 - 11 * y) & 255, (x ^ y) * 5 & 255);
      gray[y * kSrcW + x] = 0.25f * x - 0.5f * y;
    }

  // uchar4 array, normalized float reads, linear filtering.
  cudaChannelFormatDesc desc = cudaCreateChannelDesc<uchar4>();
  EXPECT(desc.x == 8 && desc.y == 8 && desc.z == 8 && desc.w == 8 && desc.f == cudaChannelFormatKindUnsigned);
  cudaArray_t array = nullptr;
  EXPECT_OK(cudaMallocArray(&array, &desc, kSrcW, kSrcH));
  EXPECT_OK(cudaMemcpy2DToArray(array, 0, 0, img.data(), kSrcW * sizeof(uchar4), kSrcW * sizeof(uchar4), kSrcH,
                                cudaMemcpyHostToDevice));
  cudaResourceDesc res = {};
  res.resType = cudaResourceTypeArray;
  res.res.array.array = array;
  cudaTextureDesc td = {};
  td.addressMode[0] = td.addressMode[1] = cudaAddressModeClamp;
  td.filterMode = cudaFilterModeLinear;
  td.readMode = cudaReadModeNormalizedFloat;
  td.normalizedCoords = 1;
  cudaTextureObject_t tex = 0;
  EXPECT_OK(cudaCreateTextureObject(&tex, &res, &td, nullptr));
  EXPECT(tex != 0);

  float4* d_out = nullptr;
  EXPECT_OK(cudaMalloc(&d_out, kDstW * kDstH * sizeof(float4)));
  const dim3 block(16, 8), grid((kDstW + 15) / 16, (kDstH + 7) / 8);
  resize<<<grid, block>>>(tex, d_out, kDstW, kDstH);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float4> out(kDstW * kDstH);
  EXPECT_OK(cudaMemcpy(out.data(), d_out, out.size() * sizeof(float4), cudaMemcpyDeviceToHost));
  int bad = 0;
  for (int y = 0; y < kDstH; ++y)
    for (int x = 0; x < kDstW; ++x) {
      const float u = (x + 0.5f) / kDstW, v = (y + 0.5f) / kDstH;
      const float4 g = out[y * kDstW + x];
      const float got[4] = {g.x, g.y, g.z, g.w};
      for (int c = 0; c < 4; ++c) {
        const float want = reference_linear(img, u, v, c);
        if (std::fabs(got[c] - want) > 1e-5f && bad++ < 5)
          fprintf(stderr, "linear (%d, %d).%d: got %.7f, want %.7f\n", x, y, c, got[c], want);
      }
    }
  EXPECT(bad == 0);

  // float array, point sampling: T[floor(u * W)].
  cudaChannelFormatDesc fdesc = cudaCreateChannelDesc<float>();
  cudaArray_t farray = nullptr;
  EXPECT_OK(cudaMallocArray(&farray, &fdesc, kSrcW, kSrcH));
  EXPECT_OK(cudaMemcpyToArray(farray, 0, 0, gray.data(), gray.size() * sizeof(float), cudaMemcpyHostToDevice));
  res.res.array.array = farray;
  td.filterMode = cudaFilterModePoint;
  td.readMode = cudaReadModeElementType;
  cudaTextureObject_t ftex = 0;
  EXPECT_OK(cudaCreateTextureObject(&ftex, &res, &td, nullptr));
  EXPECT(ftex != tex);
  float* d_gray = nullptr;
  EXPECT_OK(cudaMalloc(&d_gray, kDstW * kDstH * sizeof(float)));
  resize_point<<<grid, block>>>(ftex, d_gray, kDstW, kDstH);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float> gout(kDstW * kDstH);
  EXPECT_OK(cudaMemcpy(gout.data(), d_gray, gout.size() * sizeof(float), cudaMemcpyDeviceToHost));
  bad = 0;
  for (int y = 0; y < kDstH; ++y)
    for (int x = 0; x < kDstW; ++x) {
      const int i = clampi((int)std::floor((x + 0.5f) / kDstW * kSrcW), kSrcW);
      const int j = clampi((int)std::floor((y + 0.5f) / kDstH * kSrcH), kSrcH);
      if (gout[y * kDstW + x] != gray[j * kSrcW + i] && bad++ < 5)
        fprintf(stderr, "point (%d, %d): got %g, want %g\n", x, y, gout[y * kDstW + x], gray[j * kSrcW + i]);
    }
  EXPECT(bad == 0);

  EXPECT_OK(cudaDestroyTextureObject(tex));
  EXPECT_OK(cudaDestroyTextureObject(ftex));
  EXPECT_OK(cudaFreeArray(array));
  EXPECT_OK(cudaFreeArray(farray));
  EXPECT_OK(cudaFree(d_out));
  EXPECT_OK(cudaFree(d_gray));
  if (failures == 0) printf("texture_resize: ok\n");
  return failures ? 1 : 0;
}
