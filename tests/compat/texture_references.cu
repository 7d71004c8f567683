// Texture references, the legacy texture API (texture<T, dim, mode> variables, cudaBindTexture,
// cudaBindTexture2D, cudaBindTextureToArray, tex1Dfetch/tex2D on the reference) that CUDA 12 removed and
// old benchmark suites still use. Expected values are computed on the host from the texels.
#include <cmath>
#include <vector>

#include "../cuda/check.h"

texture<float, cudaTextureType1D, cudaReadModeElementType> linear_tex;
texture<int, 1> int_tex;
texture<unsigned char, cudaTextureType2D, cudaReadModeNormalizedFloat> image_tex;
texture<float, 2> array_tex;

__global__ void fetch_linear(float* out, int count) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < count) out[i] = tex1Dfetch(linear_tex, i);
}

__global__ void fetch_int(int* out, int count, int shift) {
  int i = threadIdx.x;
  if (i < count) out[i] = tex1Dfetch(int_tex, i + shift);
}

__global__ void sample_image(float* out, int width, int height) {
  int x = threadIdx.x, y = blockIdx.x;
  if (x < width && y < height) out[y * width + x] = tex2D(image_tex, x + 0.5f, y + 0.5f);
}

__global__ void sample_array(float* out, float u, float v) { out[0] = tex2D(array_tex, u, v); }

int main() {
  constexpr int kCount = 300;
  std::vector<float> values(kCount);
  for (int i = 0; i < kCount; ++i) values[i] = 0.5f * i - 17.0f;
  float* d_values = to_device(values);
  float* d_out = nullptr;
  EXPECT_OK(cudaMalloc(&d_out, kCount * sizeof(float)));

  // A linear reference: each thread reads its element.
  size_t offset = 99;
  EXPECT_OK(cudaBindTexture(&offset, linear_tex, d_values, kCount * sizeof(float)));
  EXPECT(offset == 0);
  fetch_linear<<<(kCount + 127) / 128, 128>>>(d_out, kCount);
  std::vector<float> got = from_device(d_out, kCount);
  int bad = 0;
  for (int i = 0; i < kCount; ++i) bad += got[i] != values[i];
  EXPECT(bad == 0);

  // Rebinding to other memory changes what the same kernel reads.
  std::vector<float> other(kCount);
  for (int i = 0; i < kCount; ++i) other[i] = 1000.0f + i;
  float* d_other = to_device(other);
  EXPECT_OK(cudaBindTexture(nullptr, linear_tex, d_other, cudaCreateChannelDesc<float>(), kCount * sizeof(float)));
  fetch_linear<<<(kCount + 127) / 128, 128>>>(d_out, kCount);
  got = from_device(d_out, kCount);
  bad = 0;
  for (int i = 0; i < kCount; ++i) bad += got[i] != other[i];
  EXPECT(bad == 0);

  // An unaligned pointer is bound from below and the offset (in bytes) reported, as CUDA does.
  std::vector<int> ints(64);
  for (int i = 0; i < 64; ++i) ints[i] = i * i - 7;
  int* d_ints = to_device(ints);
  int* d_int_out = nullptr;
  EXPECT_OK(cudaMalloc(&d_int_out, 64 * sizeof(int)));
  EXPECT_OK(cudaBindTexture(&offset, int_tex, d_ints + 3, 32 * sizeof(int)));
  EXPECT(offset == 3 * sizeof(int));
  size_t reported = 0;
  EXPECT_OK(cudaGetTextureAlignmentOffset(&reported, int_tex));
  EXPECT(reported == offset);
  fetch_int<<<1, 32>>>(d_int_out, 32, static_cast<int>(offset / sizeof(int)));
  std::vector<int> got_ints = from_device(d_int_out, 32);
  bad = 0;
  for (int i = 0; i < 32; ++i) bad += got_ints[i] != ints[i + 3];
  EXPECT(bad == 0);
  EXPECT(cudaBindTexture(nullptr, int_tex, d_ints + 3, 32 * sizeof(int)) == cudaErrorInvalidValue);
  EXPECT_OK(cudaUnbindTexture(int_tex));
  EXPECT(cudaGetTextureAlignmentOffset(&reported, int_tex) == cudaErrorInvalidTextureBinding);

  // A pitched 2D reference reading normalized floats: an 8-bit texel t reads as t / 255.
  constexpr int kWidth = 40, kHeight = 12;
  size_t pitch = 0;
  unsigned char* d_image = nullptr;
  EXPECT_OK(cudaMallocPitch(&d_image, &pitch, kWidth, kHeight));
  std::vector<unsigned char> image(kWidth * kHeight);
  for (int i = 0; i < kWidth * kHeight; ++i) image[i] = static_cast<unsigned char>((i * 37) & 0xff);
  EXPECT_OK(cudaMemcpy2D(d_image, pitch, image.data(), kWidth, kWidth, kHeight, cudaMemcpyHostToDevice));
  EXPECT_OK(cudaBindTexture2D(nullptr, image_tex, d_image, kWidth, kHeight, pitch));
  float* d_plane = nullptr;
  EXPECT_OK(cudaMalloc(&d_plane, kWidth * kHeight * sizeof(float)));
  sample_image<<<kHeight, kWidth>>>(d_plane, kWidth, kHeight);
  std::vector<float> plane = from_device(d_plane, kWidth * kHeight);
  bad = 0;
  for (int i = 0; i < kWidth * kHeight; ++i) bad += plane[i] != image[i] / 255.0f;
  EXPECT(bad == 0);

  // An array reference with normalized coordinates, wrap addressing and linear filtering, set on the
  // reference's own fields: the texel centres' weighted mean (weights in 1/256 steps, CUDA's fetch rule).
  cudaChannelFormatDesc desc = cudaCreateChannelDesc<float>();
  cudaArray_t array = nullptr;
  EXPECT_OK(cudaMallocArray(&array, &desc, 4, 4));
  float texels[16];
  for (int i = 0; i < 16; ++i) texels[i] = static_cast<float>(i * i);
  EXPECT_OK(cudaMemcpy2DToArray(array, 0, 0, texels, 4 * sizeof(float), 4 * sizeof(float), 4, cudaMemcpyHostToDevice));
  array_tex.normalized = 1;
  array_tex.filterMode = cudaFilterModeLinear;
  array_tex.addressMode[0] = array_tex.addressMode[1] = cudaAddressModeWrap;
  EXPECT_OK(cudaBindTextureToArray(array_tex, array));
  // u = 0.375 -> x = 1.5 - 0.5 = 1.0 exactly; v = 0.3125 -> y = 1.25 - 0.5 = 0.75: rows 0 and 1 at 3/4.
  sample_array<<<1, 1>>>(d_out, 0.375f, 0.3125f);
  float sample = from_device(d_out, 1)[0];
  const float expected = 0.25f * texels[0 * 4 + 1] + 0.75f * texels[1 * 4 + 1];
  EXPECT(std::fabs(sample - expected) < 1e-4f);
  // u = 1.375 wraps to 0.375: the same sample.
  sample_array<<<1, 1>>>(d_out, 1.375f, 0.3125f);
  EXPECT(from_device(d_out, 1)[0] == sample);

  // What CUDA refuses: a reference that is not a texture<> variable of the program.
  textureReference stray = {};
  EXPECT(cudaBindTexture(nullptr, &stray, d_values, &desc, 16) == cudaErrorInvalidTexture);
  EXPECT(cudaUnbindTexture(&stray) == cudaErrorInvalidTexture);
  const textureReference* ref = nullptr;
  EXPECT_OK(cudaGetTextureReference(&ref, &linear_tex));
  EXPECT(ref == &linear_tex);
  (void)cudaGetLastError();

  EXPECT_OK(cudaUnbindTexture(linear_tex));
  EXPECT_OK(cudaUnbindTexture(image_tex));
  EXPECT_OK(cudaUnbindTexture(array_tex));
  EXPECT_OK(cudaFreeArray(array));
  for (void* p : {(void*)d_values, (void*)d_other, (void*)d_out, (void*)d_ints, (void*)d_int_out, (void*)d_image,
                  (void*)d_plane})
    EXPECT_OK(cudaFree(p));
  return check_result();
}
