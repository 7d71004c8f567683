// C++ in kernels: kernel templates over types and values, functors, lambdas inside device code,
// operator overloading, variadic templates, constexpr, classes with member functions.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

static int failures = 0;
#define EXPECT(cond)                                                    \
  do {                                                                  \
    if (!(cond)) {                                                      \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                       \
    }                                                                   \
  } while (0)
#define CUDA_CHECK(call)                                                                   \
  do {                                                                                     \
    cudaError_t e_ = (call);                                                               \
    if (e_ != cudaSuccess) {                                                               \
      fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(e_)); \
      exit(1);                                                                             \
    }                                                                                      \
  } while (0)

template <typename T>
struct Plus {
  __host__ __device__ T operator()(T a, T b) const { return a + b; }
};
template <typename T>
struct Max {
  __host__ __device__ T operator()(T a, T b) const { return a > b ? a : b; }
};
struct Saxpy {
  float a;
  __host__ __device__ float operator()(float x, float y) const { return a * x + y; }
};

// Elementwise binary transform with any functor.
template <typename T, typename Op>
__global__ void transform(const T* x, const T* y, T* out, int n, Op op) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = op(x[i], y[i]);
}

// Block reduction parameterized by block size (a value) and the operation (a type).
template <int BLOCK, typename T, typename Op>
__global__ void blockReduce(const T* in, T* out, int n, T identity) {
  __shared__ T s[BLOCK];
  Op op;
  int i = blockIdx.x * BLOCK + threadIdx.x;
  s[threadIdx.x] = i < n ? in[i] : identity;
  __syncthreads();
  for (int stride = BLOCK / 2; stride > 0; stride /= 2) {
    if (threadIdx.x < stride) s[threadIdx.x] = op(s[threadIdx.x], s[threadIdx.x + stride]);
    __syncthreads();
  }
  if (threadIdx.x == 0) out[blockIdx.x] = s[0];
}

// A small vector class with operators.
struct Vec2 {
  double x, y;
  __host__ __device__ Vec2 operator+(const Vec2& o) const { return {x + o.x, y + o.y}; }
  __host__ __device__ Vec2 operator*(double s) const { return {x * s, y * s}; }
  __host__ __device__ double dot(const Vec2& o) const { return x * o.x + y * o.y; }
};

__global__ void vecOps(const Vec2* a, double* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    Vec2 v = a[i] + a[i] * 2.0;
    out[i] = v.dot(a[i]);
  }
}

// constexpr and recursion resolved at compile time.
__host__ __device__ constexpr int factorial(int k) { return k <= 1 ? 1 : k * factorial(k - 1); }
template <int N>
struct Fib {
  static constexpr long long value = Fib<N - 1>::value + Fib<N - 2>::value;
};
template <>
struct Fib<1> {
  static constexpr long long value = 1;
};
template <>
struct Fib<0> {
  static constexpr long long value = 0;
};

// Variadic template summing its arguments.
template <typename T>
__device__ T sumAll(T v) {
  return v;
}
template <typename T, typename... Rest>
__device__ T sumAll(T v, Rest... rest) {
  return v + sumAll<T>(rest...);
}

__global__ void compileTime(long long* out) {
  // A lambda defined and used in device code.
  auto square = [](int v) { return v * v; };
  int local[4] = {1, 2, 3, 4};
  int acc = 0;
  for (int k = 0; k < 4; ++k) acc += square(local[k]);
  out[0] = factorial(10);
  out[1] = Fib<50>::value;
  out[2] = sumAll(1, 2, 3, 4, 5, 6);
  out[3] = acc;
  out[4] = sizeof(Vec2);
}

int main() {
  const int n = 1000;
  float hx[n], hy[n], hout[n];
  int ix[n], iy[n], iout[n];
  for (int i = 0; i < n; ++i) {
    hx[i] = i * 0.5f;
    hy[i] = 100.0f - i;
    ix[i] = (i * 37) % 101 - 50;
    iy[i] = (i * 13) % 29;
  }
  float *dx, *dy, *dout;
  int *dix, *diy, *diout;
  CUDA_CHECK(cudaMalloc(&dx, sizeof(hx)));
  CUDA_CHECK(cudaMalloc(&dy, sizeof(hy)));
  CUDA_CHECK(cudaMalloc(&dout, sizeof(hout)));
  CUDA_CHECK(cudaMalloc(&dix, sizeof(ix)));
  CUDA_CHECK(cudaMalloc(&diy, sizeof(iy)));
  CUDA_CHECK(cudaMalloc(&diout, sizeof(iout)));
  CUDA_CHECK(cudaMemcpy(dx, hx, sizeof(hx), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(dy, hy, sizeof(hy), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(dix, ix, sizeof(ix), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(diy, iy, sizeof(iy), cudaMemcpyHostToDevice));

  int blocks = (n + 127) / 128;
  transform<<<blocks, 128>>>(dx, dy, dout, n, Plus<float>());
  CUDA_CHECK(cudaMemcpy(hout, dout, sizeof(hout), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) EXPECT(hout[i] == hx[i] + hy[i]);

  transform<<<blocks, 128>>>(dx, dy, dout, n, Saxpy{2.0f});  // 2x+y is exact here
  CUDA_CHECK(cudaMemcpy(hout, dout, sizeof(hout), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) EXPECT(hout[i] == 2.0f * hx[i] + hy[i]);

  transform<<<blocks, 128>>>(dix, diy, diout, n, Max<int>());
  CUDA_CHECK(cudaMemcpy(iout, diout, sizeof(iout), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) EXPECT(iout[i] == (ix[i] > iy[i] ? ix[i] : iy[i]));

  // Reductions instantiated for two block sizes and two operations.
  int* partial;
  CUDA_CHECK(cudaMalloc(&partial, 64 * sizeof(int)));
  int hp[64];
  blockReduce<64, int, Plus<int>><<<(n + 63) / 64, 64>>>(dix, partial, n, 0);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaMemcpy(hp, partial, 16 * sizeof(int), cudaMemcpyDeviceToHost));
  for (int b = 0; b < 16; ++b) {
    int s = 0;
    for (int i = b * 64; i < (b + 1) * 64 && i < n; ++i) s += ix[i];
    EXPECT(hp[b] == s);
  }
  blockReduce<256, int, Max<int>><<<(n + 255) / 256, 256>>>(diy, partial, n, -1000000);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaMemcpy(hp, partial, 4 * sizeof(int), cudaMemcpyDeviceToHost));
  for (int b = 0; b < 4; ++b) EXPECT(hp[b] == 28);

  Vec2 hv[64];
  double hd[64];
  for (int i = 0; i < 64; ++i) hv[i] = {i * 0.25, 1.0 - i};
  Vec2* dv;
  double* dd;
  CUDA_CHECK(cudaMalloc(&dv, sizeof(hv)));
  CUDA_CHECK(cudaMalloc(&dd, sizeof(hd)));
  CUDA_CHECK(cudaMemcpy(dv, hv, sizeof(hv), cudaMemcpyHostToDevice));
  vecOps<<<1, 64>>>(dv, dd, 64);
  CUDA_CHECK(cudaMemcpy(hd, dd, sizeof(hd), cudaMemcpyDeviceToHost));
  for (int i = 0; i < 64; ++i) EXPECT(hd[i] == (hv[i] + hv[i] * 2.0).dot(hv[i]));

  long long* dll;
  long long hll[5];
  CUDA_CHECK(cudaMalloc(&dll, sizeof(hll)));
  compileTime<<<1, 1>>>(dll);
  CUDA_CHECK(cudaMemcpy(hll, dll, sizeof(hll), cudaMemcpyDeviceToHost));
  EXPECT(hll[0] == 3628800);
  EXPECT(hll[1] == 12586269025LL);
  EXPECT(hll[2] == 21);
  EXPECT(hll[3] == 30);
  EXPECT(hll[4] == 16);

  CUDA_CHECK(cudaFree(dx));
  CUDA_CHECK(cudaFree(dy));
  CUDA_CHECK(cudaFree(dout));
  CUDA_CHECK(cudaFree(dix));
  CUDA_CHECK(cudaFree(diy));
  CUDA_CHECK(cudaFree(diout));
  CUDA_CHECK(cudaFree(partial));
  CUDA_CHECK(cudaFree(dv));
  CUDA_CHECK(cudaFree(dd));
  CUDA_CHECK(cudaFree(dll));
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
