// Texture and surface breadth: every address mode with point and linear filtering in 1D and 2D, with
// normalized and unnormalized coordinates; tex1Dfetch on linear memory; a pitch2D resource; tex3D with
// trilinear filtering; the normalized-float read mode of char and uchar4; layered 2D textures; surfaces
// written and read in device code and copied out with cudaMemcpy2DFromArray, with each boundary mode.
// References are written here from the CUDA Programming Guide's texture-fetch formulas.
#include <cmath>
#include <cstring>
#include <vector>

#include "check.h"

// ---- kernels ----
__global__ void fetch1d(cudaTextureObject_t t, const float* x, float* out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = tex1D<float>(t, x[i]);
}
__global__ void fetch2d(cudaTextureObject_t t, const float2* p, float* out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = tex2D<float>(t, p[i].x, p[i].y);
}
__global__ void fetch3d(cudaTextureObject_t t, const float4* p, float* out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = tex3D<float>(t, p[i].x, p[i].y, p[i].z);
}
__global__ void fetch_linear(cudaTextureObject_t t, int* out, int n) {
  const int i = threadIdx.x;
  if (i < n) out[i] = tex1Dfetch<int>(t, i - 2);
}
__global__ void fetch_float4(cudaTextureObject_t t, float4* out, int n) {
  const int i = threadIdx.x;
  if (i < n) out[i] = tex1D<float4>(t, i + 0.5f);
}
__global__ void fetch_layered(cudaTextureObject_t t, float* out) {
  const int i = threadIdx.x;  // (x, y, layer) = (i % 2, i / 2 % 2, i / 4)
  out[i] = tex2DLayered<float>(t, i % 2 + 0.5f, i / 2 % 2 + 0.5f, i / 4);
}
__global__ void surface_write(cudaSurfaceObject_t s, int w, int h) {
  const int x = threadIdx.x, y = blockIdx.x;
  if (x < w && y < h) surf2Dwrite(float(y * 100 + x), s, x * (int)sizeof(float), y);
}
__global__ void surface_read(cudaSurfaceObject_t s, float* out) {
  const int i = threadIdx.x;  // x from -2 to 9, row -1: clamped; zero mode below
  out[i] = surf2Dread<float>(s, (i - 2) * 4, -1, cudaBoundaryModeClamp);
  out[16 + i] = surf2Dread<float>(s, (i - 2) * 4, 1, cudaBoundaryModeZero);
  uchar4 v = make_uchar4(i, i + 1, i + 2, i + 3);
  surf2Dwrite(v, s, 0, 0, cudaBoundaryModeZero);  // a 4-byte element: the first float's bytes
}

__global__ void surface_forms(cudaSurfaceObject_t s1, cudaSurfaceObject_t s2, cudaSurfaceObject_t s3, int* out) {
  const int x = threadIdx.x;
  // 1D short (.b16), 2D float4 (.v4.b32), 3D int2 (.v2.b32) over 4 x 3 x 2 elements.
  surf1Dwrite((short)(-100 * x), s1, x * 2);
  if (x < 4) surf2Dwrite(make_float4(x, x + 0.5f, -x, 1.0f), s2, x * 16, 1);
  for (int z = 0; z < 2; ++z)
    for (int y = 0; y < 3; ++y)
      if (x < 4) surf3Dwrite(make_int2(x, y * 10 + z), s3, x * 8, y, z);
  __syncthreads();
  out[x] = surf1Dread<short>(s1, (x + 1) * 2, cudaBoundaryModeZero);
  if (x < 4) {
    float4 f = surf2Dread<float4>(s2, x * 16, 1);
    out[32 + x] = (int)(f.x * 10 + f.y * 100 + f.w);
    int2 v = surf3Dread<int2>(s3, x * 8, 2, 1);
    out[40 + x] = v.x * 1000 + v.y;
  }
}

// ---- CPU reference ----
enum class Mode { Wrap, Clamp, Mirror, Border };
static int address(int i, int n, Mode m) {
  switch (m) {
    case Mode::Wrap: return ((i % n) + n) % n;
    case Mode::Mirror: {
      int r = ((i % (2 * n)) + 2 * n) % (2 * n);
      return r < n ? r : 2 * n - 1 - r;
    }
    case Mode::Clamp: return i < 0 ? 0 : i >= n ? n - 1 : i;
    default: return i < 0 || i >= n ? -1 : i;
  }
}
static Mode effective(Mode m, bool normalized) {
  return !normalized && (m == Mode::Wrap || m == Mode::Mirror) ? Mode::Clamp : m;
}
static float weight(float f) { return std::nearbyint(f * 256.0f) / 256.0f; }

// One axis: the taps (index, weight) a fetch uses.
struct Taps {
  int i[2];
  float w[2];
  int n;
};
static Taps taps(float c, int size, bool normalized, bool linear, Mode m) {
  const float tc = normalized ? c * size : c;
  Mode e = effective(m, normalized);
  Taps t;
  if (!linear) {
    t.n = 1;
    t.w[0] = 1;
    if (normalized && (e == Mode::Wrap || e == Mode::Mirror)) {  // x -> frac(x), or 1 - frac(x) mirrored
      const float fl = std::floor(c);
      float f = c - fl;
      if (e == Mode::Mirror && ((long)fl & 1)) f = 1 - f;
      const int i = (int)std::floor(f * size);
      t.i[0] = i < 0 ? 0 : i >= size ? size - 1 : i;
    } else {
      t.i[0] = address((int)std::floor(tc), size, e);
    }
    return t;
  }
  const float xb = tc - 0.5f;
  const int i0 = (int)std::floor(xb);
  const float a = weight(xb - std::floor(xb));
  t.n = 2;
  t.i[0] = address(i0, size, e);
  t.i[1] = address(i0 + 1, size, e);
  t.w[0] = 1 - a;
  t.w[1] = a;
  return t;
}

static bool close(float a, float b) { return std::fabs(a - b) <= 1e-5f * (1 + std::fabs(b)); }

static cudaTextureObject_t make_tex(cudaArray_t a, Mode m0, Mode m1, bool linear, bool normalized,
                                    cudaTextureReadMode read = cudaReadModeElementType) {
  cudaResourceDesc r;
  memset(&r, 0, sizeof r);
  r.resType = cudaResourceTypeArray;
  r.res.array.array = a;
  cudaTextureDesc t;
  memset(&t, 0, sizeof t);
  t.addressMode[0] = (cudaTextureAddressMode)m0;
  t.addressMode[1] = (cudaTextureAddressMode)m1;
  t.addressMode[2] = (cudaTextureAddressMode)m0;
  t.filterMode = linear ? cudaFilterModeLinear : cudaFilterModePoint;
  t.readMode = read;
  t.normalizedCoords = normalized;
  cudaTextureObject_t h = 0;
  EXPECT_OK(cudaCreateTextureObject(&h, &r, &t, nullptr));
  return h;
}

static const Mode kModes[] = {Mode::Wrap, Mode::Clamp, Mode::Mirror, Mode::Border};
static const char* kModeNames[] = {"wrap", "clamp", "mirror", "border"};

static void test_1d() {
  const int n = 5;
  std::vector<float> data = {1.0f, 2.5f, -4.0f, 8.0f, 0.25f};
  cudaChannelFormatDesc d = cudaCreateChannelDesc<float>();
  cudaArray_t a = nullptr;
  EXPECT_OK(cudaMallocArray(&a, &d, n));
  EXPECT_OK(cudaMemcpyToArray(a, 0, 0, data.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  const float texels[] = {-7.3f, -1.3f, -0.2f, 0.0f, 0.3f, 0.5f, 1.7f, 2.5f, 4.6f, 5.0f, 5.2f, 7.9f, 12.25f};
  const int m = sizeof texels / sizeof texels[0];
  for (int norm = 0; norm < 2; ++norm)
    for (int lin = 0; lin < 2; ++lin)
      for (int mi = 0; mi < 4; ++mi) {
        std::vector<float> x(m);
        for (int k = 0; k < m; ++k) x[k] = norm ? texels[k] / n : texels[k];
        cudaTextureObject_t t = make_tex(a, kModes[mi], kModes[mi], lin, norm);
        float* dx = to_device(x);
        float* dout = to_device(std::vector<float>(m, -99.0f));
        fetch1d<<<1, 32>>>(t, dx, dout, m);
        EXPECT_OK(cudaDeviceSynchronize());
        std::vector<float> got = from_device(dout, m);
        for (int k = 0; k < m; ++k) {
          Taps tp = taps(x[k], n, norm, lin, kModes[mi]);
          float want = 0;
          for (int j = 0; j < tp.n; ++j) want += tp.w[j] * (tp.i[j] < 0 ? 0.0f : data[tp.i[j]]);
          if (!close(got[k], want)) {
            fprintf(stderr, "1D %s %s %s x=%g: got %g, want %g\n", kModeNames[mi], lin ? "linear" : "point",
                    norm ? "normalized" : "texel", x[k], got[k], want);
            ++failures;
          }
        }
        EXPECT_OK(cudaDestroyTextureObject(t));
        EXPECT_OK(cudaFree(dx));
        EXPECT_OK(cudaFree(dout));
      }
  EXPECT_OK(cudaFreeArray(a));
}

static void test_2d() {
  const int w = 4, h = 3;
  std::vector<float> data(w * h);
  for (int i = 0; i < w * h; ++i) data[i] = (float)(i * i % 7) - 2.5f;
  cudaChannelFormatDesc d = cudaCreateChannelDesc<float>();
  cudaArray_t a = nullptr;
  EXPECT_OK(cudaMallocArray(&a, &d, w, h));
  EXPECT_OK(cudaMemcpy2DToArray(a, 0, 0, data.data(), w * 4, w * 4, h, cudaMemcpyHostToDevice));
  std::vector<float2> texels;
  for (float y = -1.6f; y < 5.0f; y += 0.85f)
    for (float x = -2.2f; x < 6.5f; x += 0.7f) texels.push_back(make_float2(x, y));
  const int m = (int)texels.size();
  for (int norm = 0; norm < 2; ++norm)
    for (int lin = 0; lin < 2; ++lin)
      for (int mi = 0; mi < 4; ++mi) {
        const Mode mx = kModes[mi], my = kModes[(mi + 1) % 4];  // different modes per axis
        std::vector<float2> p(m);
        for (int k = 0; k < m; ++k) p[k] = norm ? make_float2(texels[k].x / w, texels[k].y / h) : texels[k];
        cudaTextureObject_t t = make_tex(a, mx, my, lin, norm);
        float2* dp = to_device(p);
        float* dout = to_device(std::vector<float>(m, -99.0f));
        fetch2d<<<(m + 63) / 64, 64>>>(t, dp, dout, m);
        EXPECT_OK(cudaDeviceSynchronize());
        std::vector<float> got = from_device(dout, m);
        int bad = 0;
        for (int k = 0; k < m; ++k) {
          Taps tx = taps(p[k].x, w, norm, lin, mx), ty = taps(p[k].y, h, norm, lin, my);
          float want = 0;
          for (int j = 0; j < ty.n; ++j)
            for (int i = 0; i < tx.n; ++i)
              want += tx.w[i] * ty.w[j] * (tx.i[i] < 0 || ty.i[j] < 0 ? 0.0f : data[ty.i[j] * w + tx.i[i]]);
          if (!close(got[k], want) && bad++ < 3) {
            fprintf(stderr, "2D %s/%s %s %s (%g, %g): got %g, want %g\n", kModeNames[mi], kModeNames[(mi + 1) % 4],
                    lin ? "linear" : "point", norm ? "normalized" : "texel", p[k].x, p[k].y, got[k], want);
          }
        }
        failures += bad;
        EXPECT_OK(cudaDestroyTextureObject(t));
        EXPECT_OK(cudaFree(dp));
        EXPECT_OK(cudaFree(dout));
      }
  EXPECT_OK(cudaFreeArray(a));
}

static void test_3d() {
  const int w = 4, h = 3, dd = 2;
  std::vector<float> vol(w * h * dd);
  for (int i = 0; i < (int)vol.size(); ++i) vol[i] = (float)((i * 5) % 11) * 0.5f;
  cudaChannelFormatDesc d = cudaCreateChannelDesc<float>();
  cudaArray_t a = nullptr;
  EXPECT_OK(cudaMalloc3DArray(&a, &d, make_cudaExtent(w, h, dd)));
  cudaMemcpy3DParms p;
  memset(&p, 0, sizeof p);
  p.srcPtr = make_cudaPitchedPtr(vol.data(), w * sizeof(float), w, h);
  p.dstArray = a;
  p.extent = make_cudaExtent(w, h, dd);
  p.kind = cudaMemcpyHostToDevice;
  EXPECT_OK(cudaMemcpy3D(&p));
  std::vector<float4> pts = {make_float4(0.5f, 0.5f, 0.5f, 0), make_float4(1.3f, 2.2f, 1.1f, 0),
                             make_float4(3.9f, 0.1f, 0.7f, 0), make_float4(-1.0f, 4.0f, 3.0f, 0),
                             make_float4(2.0f, 1.5f, 1.0f, 0)};
  const int m = (int)pts.size();
  cudaTextureObject_t t = make_tex(a, Mode::Clamp, Mode::Clamp, true, false);
  float4* dp = to_device(pts);
  float* dout = to_device(std::vector<float>(m, -99.0f));
  fetch3d<<<1, 32>>>(t, dp, dout, m);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float> got = from_device(dout, m);
  for (int k = 0; k < m; ++k) {
    Taps tx = taps(pts[k].x, w, false, true, Mode::Clamp), ty = taps(pts[k].y, h, false, true, Mode::Clamp),
         tz = taps(pts[k].z, dd, false, true, Mode::Clamp);
    float want = 0;
    for (int c = 0; c < 2; ++c)
      for (int b = 0; b < 2; ++b)
        for (int i = 0; i < 2; ++i) want += tx.w[i] * ty.w[b] * tz.w[c] * vol[(tz.i[c] * h + ty.i[b]) * w + tx.i[i]];
    if (!close(got[k], want)) {
      fprintf(stderr, "3D (%g, %g, %g): got %g, want %g\n", pts[k].x, pts[k].y, pts[k].z, got[k], want);
      ++failures;
    }
  }
  EXPECT_OK(cudaDestroyTextureObject(t));
  EXPECT_OK(cudaFreeArray(a));
  EXPECT_OK(cudaFree(dp));
  EXPECT_OK(cudaFree(dout));
}

static void test_linear_and_pitch() {
  // tex1Dfetch on linear memory: out of range reads 0.
  const int n = 10;
  std::vector<int> v(n);
  for (int i = 0; i < n; ++i) v[i] = 3 * i - 7;
  int* dv = to_device(v);
  cudaResourceDesc r;
  memset(&r, 0, sizeof r);
  r.resType = cudaResourceTypeLinear;
  r.res.linear.devPtr = dv;
  r.res.linear.desc = cudaCreateChannelDesc<int>();
  r.res.linear.sizeInBytes = n * sizeof(int);
  cudaTextureDesc td;
  memset(&td, 0, sizeof td);
  cudaTextureObject_t t = 0;
  EXPECT_OK(cudaCreateTextureObject(&t, &r, &td, nullptr));
  int* dout = to_device(std::vector<int>(n + 4, -99));
  fetch_linear<<<1, 32>>>(t, dout, n + 4);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<int> got = from_device(dout, n + 4);
  for (int i = 0; i < n + 4; ++i) {
    const int j = i - 2;
    EXPECT(got[i] == (j >= 0 && j < n ? v[j] : 0));
  }
  EXPECT_OK(cudaDestroyTextureObject(t));
  // A size past the allocation is accepted, as a GPU accepts it; past the allocation's end is out of range.
  r.res.linear.sizeInBytes = 1 << 20;
  EXPECT_OK(cudaCreateTextureObject(&t, &r, &td, nullptr));
  fetch_linear<<<1, 32>>>(t, dout, n + 4);
  got = from_device(dout, n + 4);
  for (int i = 0; i < n + 2; ++i) EXPECT(got[i] == (i >= 2 ? v[i - 2] : 0));
  EXPECT_OK(cudaDestroyTextureObject(t));

  // pitch2D: a cudaMallocPitch image read at texel centers and with linear filtering between rows.
  const int w = 5, h = 4;
  float* img = nullptr;
  size_t pitch = 0;
  EXPECT_OK(cudaMallocPitch((void**)&img, &pitch, w * sizeof(float), h));
  std::vector<float> host(w * h);
  for (int i = 0; i < w * h; ++i) host[i] = i * 0.5f;
  EXPECT_OK(cudaMemcpy2D(img, pitch, host.data(), w * sizeof(float), w * sizeof(float), h, cudaMemcpyHostToDevice));
  memset(&r, 0, sizeof r);
  r.resType = cudaResourceTypePitch2D;
  r.res.pitch2D.devPtr = img;
  r.res.pitch2D.desc = cudaCreateChannelDesc<float>();
  r.res.pitch2D.width = w;
  r.res.pitch2D.height = h;
  r.res.pitch2D.pitchInBytes = pitch;
  td.filterMode = cudaFilterModeLinear;
  td.addressMode[0] = td.addressMode[1] = cudaAddressModeClamp;
  EXPECT_OK(cudaCreateTextureObject(&t, &r, &td, nullptr));
  std::vector<float2> pts = {make_float2(0.5f, 0.5f), make_float2(4.5f, 3.5f), make_float2(2.5f, 1.0f),
                             make_float2(1.75f, 2.5f)};
  float2* dp = to_device(pts);
  float* fout = to_device(std::vector<float>(4, -99.0f));
  fetch2d<<<1, 32>>>(t, dp, fout, 4);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float> f = from_device(fout, 4);
  EXPECT(f[0] == host[0]);
  EXPECT(f[1] == host[3 * w + 4]);
  EXPECT(close(f[2], 0.5f * host[0 * w + 2] + 0.5f * host[1 * w + 2]));
  EXPECT(close(f[3], 0.75f * host[2 * w + 1] + 0.25f * host[2 * w + 2]));
  EXPECT_OK(cudaDestroyTextureObject(t));
  EXPECT_OK(cudaFree(dv));
  EXPECT_OK(cudaFree(dout));
  EXPECT_OK(cudaFree(img));
  EXPECT_OK(cudaFree(dp));
  EXPECT_OK(cudaFree(fout));
}

static void test_normalized_reads() {
  // signed char read as normalized float: v / 127, clamped at -1.
  const signed char sc[5] = {-128, -127, 0, 64, 127};
  cudaChannelFormatDesc d = cudaCreateChannelDesc<signed char>();
  cudaArray_t a = nullptr;
  EXPECT_OK(cudaMallocArray(&a, &d, 5));
  EXPECT_OK(cudaMemcpyToArray(a, 0, 0, sc, 5, cudaMemcpyHostToDevice));
  cudaTextureObject_t t = make_tex(a, Mode::Clamp, Mode::Clamp, false, false, cudaReadModeNormalizedFloat);
  float4* dout = to_device(std::vector<float4>(5));
  fetch_float4<<<1, 32>>>(t, dout, 5);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float4> got = from_device(dout, 5);
  for (int i = 0; i < 5; ++i) {
    const float want = sc[i] / 127.0f < -1.0f ? -1.0f : sc[i] / 127.0f;
    EXPECT(got[i].x == want);
  }
  EXPECT_OK(cudaDestroyTextureObject(t));
  EXPECT_OK(cudaFreeArray(a));
  // uchar4 read as normalized float4, with linear filtering between two texels.
  const uchar4 px[2] = {make_uchar4(0, 51, 255, 200), make_uchar4(255, 102, 0, 100)};
  d = cudaCreateChannelDesc<uchar4>();
  EXPECT_OK(cudaMallocArray(&a, &d, 2));
  EXPECT_OK(cudaMemcpyToArray(a, 0, 0, px, sizeof px, cudaMemcpyHostToDevice));
  t = make_tex(a, Mode::Clamp, Mode::Clamp, true, false, cudaReadModeNormalizedFloat);
  fetch_float4<<<1, 32>>>(t, dout, 2);  // x = 0.5 (texel 0) and 1.5 (texel 1)
  EXPECT_OK(cudaDeviceSynchronize());
  got = from_device(dout, 2);
  EXPECT(got[0].x == 0.0f && got[0].y == 51 / 255.0f && got[0].z == 1.0f && got[0].w == 200 / 255.0f);
  EXPECT(got[1].x == 1.0f && got[1].y == 102 / 255.0f && got[1].z == 0.0f && got[1].w == 100 / 255.0f);
  EXPECT_OK(cudaDestroyTextureObject(t));
  EXPECT_OK(cudaFreeArray(a));
  EXPECT_OK(cudaFree(dout));
}

static void test_layered() {
  // 2 x 2 texels, 3 layers: value = 10 * layer + y * 2 + x.
  std::vector<float> v(12);
  for (int i = 0; i < 12; ++i) v[i] = 10.0f * (i / 4) + (i % 4);
  cudaChannelFormatDesc d = cudaCreateChannelDesc<float>();
  cudaArray_t a = nullptr;
  EXPECT_OK(cudaMalloc3DArray(&a, &d, make_cudaExtent(2, 2, 3), cudaArrayLayered));
  cudaMemcpy3DParms p;
  memset(&p, 0, sizeof p);
  p.srcPtr = make_cudaPitchedPtr(v.data(), 2 * sizeof(float), 2, 2);
  p.dstArray = a;
  p.extent = make_cudaExtent(2, 2, 3);
  p.kind = cudaMemcpyHostToDevice;
  EXPECT_OK(cudaMemcpy3D(&p));
  cudaTextureObject_t t = make_tex(a, Mode::Clamp, Mode::Clamp, false, false);
  float* dout = to_device(std::vector<float>(12, -1.0f));
  fetch_layered<<<1, 12>>>(t, dout);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float> got = from_device(dout, 12);
  for (int i = 0; i < 12; ++i) EXPECT(got[i] == v[i]);
  EXPECT_OK(cudaDestroyTextureObject(t));
  EXPECT_OK(cudaFreeArray(a));
  EXPECT_OK(cudaFree(dout));
}

static void test_surfaces() {
  const int w = 8, h = 4;
  cudaChannelFormatDesc d = cudaCreateChannelDesc<float>();
  cudaArray_t a = nullptr;
  EXPECT_OK(cudaMallocArray(&a, &d, w, h, cudaArraySurfaceLoadStore));
  cudaResourceDesc r;
  memset(&r, 0, sizeof r);
  r.resType = cudaResourceTypeArray;
  r.res.array.array = a;
  cudaSurfaceObject_t s = 0;
  EXPECT_OK(cudaCreateSurfaceObject(&s, &r));
  surface_write<<<h, 32>>>(s, w, h);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float> img(w * h, -1.0f);
  EXPECT_OK(cudaMemcpy2DFromArray(img.data(), w * sizeof(float), a, 0, 0, w * sizeof(float), h,
                                  cudaMemcpyDeviceToHost));
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) EXPECT(img[y * w + x] == y * 100 + x);
  float* dout = to_device(std::vector<float>(32, -99.0f));
  surface_read<<<1, 12>>>(s, dout);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float> got = from_device(dout, 32);
  for (int i = 0; i < 12; ++i) {
    const int x = i - 2, cx = x < 0 ? 0 : x >= w ? w - 1 : x;
    EXPECT(got[i] == (float)cx);                                         // row -1 clamps to row 0
    EXPECT(got[16 + i] == (x >= 0 && x < w ? (float)(100 + x) : 0.0f));  // zero mode
  }
  float first = 0;
  EXPECT_OK(cudaMemcpyFromArray(&first, a, 0, 0, sizeof first, cudaMemcpyDeviceToHost));
  unsigned char bytes[4];
  memcpy(bytes, &first, 4);
  EXPECT(bytes[0] <= 11 && bytes[1] == bytes[0] + 1 && bytes[3] == bytes[0] + 3);  // one lane's uchar4
  EXPECT_OK(cudaDestroySurfaceObject(s));
  EXPECT_OK(cudaFreeArray(a));
  EXPECT_OK(cudaFree(dout));
}

static void test_surface_forms() {
  const int n1 = 8;
  cudaArray_t a1 = nullptr, a2 = nullptr, a3 = nullptr;
  cudaChannelFormatDesc d1 = cudaCreateChannelDesc<short>(), d2 = cudaCreateChannelDesc<float4>(),
                        d3 = cudaCreateChannelDesc<int2>();
  EXPECT_OK(cudaMallocArray(&a1, &d1, n1, 0, cudaArraySurfaceLoadStore));
  EXPECT_OK(cudaMallocArray(&a2, &d2, 4, 2, cudaArraySurfaceLoadStore));
  EXPECT_OK(cudaMalloc3DArray(&a3, &d3, make_cudaExtent(4, 3, 2), cudaArraySurfaceLoadStore));
  cudaSurfaceObject_t s[3] = {0, 0, 0};
  cudaArray_t arrays[3] = {a1, a2, a3};
  for (int i = 0; i < 3; ++i) {
    cudaResourceDesc r;
    memset(&r, 0, sizeof r);
    r.resType = cudaResourceTypeArray;
    r.res.array.array = arrays[i];
    EXPECT_OK(cudaCreateSurfaceObject(&s[i], &r));
  }
  int* dout = to_device(std::vector<int>(64, -1));
  surface_forms<<<1, n1>>>(s[0], s[1], s[2], dout);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<int> got = from_device(dout, 64);
  for (int x = 0; x < n1; ++x) EXPECT(got[x] == (x + 1 < n1 ? -100 * (x + 1) : 0));
  for (int x = 0; x < 4; ++x) {
    EXPECT(got[32 + x] == (int)(x * 10 + (x + 0.5f) * 100 + 1));
    EXPECT(got[40 + x] == x * 1000 + 21);
  }
  // The 3D surface's contents through cudaMemcpy3D.
  std::vector<int2> vol(4 * 3 * 2);
  cudaMemcpy3DParms p;
  memset(&p, 0, sizeof p);
  p.srcArray = a3;
  p.dstPtr = make_cudaPitchedPtr(vol.data(), 4 * sizeof(int2), 4, 3);
  p.extent = make_cudaExtent(4, 3, 2);
  p.kind = cudaMemcpyDeviceToHost;
  EXPECT_OK(cudaMemcpy3D(&p));
  for (int z = 0; z < 2; ++z)
    for (int y = 0; y < 3; ++y)
      for (int x = 0; x < 4; ++x) {
        const int2 v = vol[(z * 3 + y) * 4 + x];
        EXPECT(v.x == x && v.y == y * 10 + z);
      }
  for (int i = 0; i < 3; ++i) EXPECT_OK(cudaDestroySurfaceObject(s[i]));
  for (int i = 0; i < 3; ++i) EXPECT_OK(cudaFreeArray(arrays[i]));
  EXPECT_OK(cudaFree(dout));
}

int main() {
  test_1d();
  test_2d();
  test_3d();
  test_linear_and_pitch();
  test_normalized_reads();
  test_layered();
  test_surfaces();
  test_surface_forms();
  if (failures == 0) printf("texture_modes: ok\n");
  return failures ? 1 : 0;
}
