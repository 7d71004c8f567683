// All-pairs gravitational N-body (after GPU Gems 3 ch. 31 and the CUDA "nbody" sample): bodies are
// float4 (xyz position, w mass); each block stages a tile of bodies in shared memory and each
// thread accumulates the acceleration on its body with rsqrtf. A few integration steps are run and
// compared bit for bit with a CPU simulation in float that performs the same operations in the same
// order: every multiply-add is an explicit fmaf on both sides (so no compiler contracts differently),
// and rsqrtf is matched by a correctly rounded reciprocal square root (exact midpoint tests below).
// CUDA allows rsqrtf 2 ulp; Canopy's is the double kernel rounded once, which is correctly rounded
// except within a few 2^-53 of a float midpoint (none among these inputs).
#include <cuda_runtime.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#define CUDA_CHECK(call)                                                                          \
  do {                                                                                            \
    cudaError_t err_ = (call);                                                                    \
    if (err_ != cudaSuccess) {                                                                    \
      fprintf(stderr, "CUDA error %s at %s:%d: %s\n", cudaGetErrorName(err_), __FILE__, __LINE__, \
              cudaGetErrorString(err_));                                                          \
      exit(EXIT_FAILURE);                                                                         \
    }                                                                                             \
  } while (0)

#define BLOCK 128
#define SOFTENING2 0.01f

__device__ float3 bodyBodyInteraction(float4 bi, float4 bj, float3 ai) {
  float3 r;
  r.x = bj.x - bi.x;
  r.y = bj.y - bi.y;
  r.z = bj.z - bi.z;
  float distSqr = fmaf(r.x, r.x, fmaf(r.y, r.y, fmaf(r.z, r.z, SOFTENING2)));
  float invDist = rsqrtf(distSqr);
  float invDist3 = invDist * invDist * invDist;
  float s = bj.w * invDist3;
  ai.x = fmaf(r.x, s, ai.x);
  ai.y = fmaf(r.y, s, ai.y);
  ai.z = fmaf(r.z, s, ai.z);
  return ai;
}

__global__ void integrateBodies(float4* newPos, float4* vel, const float4* oldPos, int n, float dt) {
  __shared__ float4 shPos[BLOCK];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float4 myPos = i < n ? oldPos[i] : make_float4(0.f, 0.f, 0.f, 0.f);
  float3 acc = make_float3(0.f, 0.f, 0.f);

  for (int tile = 0; tile < (n + BLOCK - 1) / BLOCK; ++tile) {
    int j = tile * BLOCK + threadIdx.x;
    // Mass 0: s = 0, so the padding adds r * 0 = +-0 to an accumulator that is never -0: no change.
    shPos[threadIdx.x] = j < n ? oldPos[j] : make_float4(0.f, 0.f, 0.f, 0.f);
    __syncthreads();
#pragma unroll 4
    for (int k = 0; k < BLOCK; ++k) acc = bodyBodyInteraction(myPos, shPos[k], acc);
    __syncthreads();
  }

  if (i < n) {
    float4 v = vel[i];
    v.x = fmaf(acc.x, dt, v.x);
    v.y = fmaf(acc.y, dt, v.y);
    v.z = fmaf(acc.z, dt, v.z);
    myPos.x = fmaf(v.x, dt, myPos.x);
    myPos.y = fmaf(v.y, dt, myPos.y);
    myPos.z = fmaf(v.z, dt, myPos.z);
    vel[i] = v;
    newPos[i] = myPos;
  }
}

// The float nearest 1/sqrt(x) for x > 0. The double quotient is within 2^-52 relative, so the float it
// rounds to is at most one step off; the midpoints m either side decide exactly: m has at most 25
// significant bits, so m*m is exact in double and fma(m*m, x, -1) has the sign of m*m*x - 1.
static float rsqrt_rn(float x) {
  float f = (float)(1.0 / sqrt((double)x));
  float up = nextafterf(f, INFINITY), down = nextafterf(f, 0.0f);
  double mUp = ((double)f + up) / 2, mDown = ((double)f + down) / 2;
  if (fma(mUp * mUp, x, -1.0) < 0) return up;        // mUp < 1/sqrt(x)
  if (fma(mDown * mDown, x, -1.0) > 0) return down;  // mDown > 1/sqrt(x)
  return f;
}

// One step of the kernel's arithmetic on the host, body by body, j in increasing order.
static void cpuStep(std::vector<float4>& pos, std::vector<float4>& vel, float dt) {
  const size_t n = pos.size();
  std::vector<float4> next(pos);
  for (size_t i = 0; i < n; ++i) {
    const float4 bi = pos[i];
    float ax = 0.f, ay = 0.f, az = 0.f;
    for (size_t j = 0; j < n; ++j) {
      const float4 bj = pos[j];
      const float rx = bj.x - bi.x, ry = bj.y - bi.y, rz = bj.z - bi.z;
      const float d2 = fmaf(rx, rx, fmaf(ry, ry, fmaf(rz, rz, SOFTENING2)));
      const float inv = rsqrt_rn(d2);
      const float s = bj.w * (inv * inv * inv);
      ax = fmaf(rx, s, ax);
      ay = fmaf(ry, s, ay);
      az = fmaf(rz, s, az);
    }
    float4& v = vel[i];
    v.x = fmaf(ax, dt, v.x);
    v.y = fmaf(ay, dt, v.y);
    v.z = fmaf(az, dt, v.z);
    next[i].x = fmaf(v.x, dt, bi.x);
    next[i].y = fmaf(v.y, dt, bi.y);
    next[i].z = fmaf(v.z, dt, bi.z);
  }
  pos.swap(next);
}

int main() {
  cudaDeviceProp prop;
  CUDA_CHECK(cudaGetDeviceProperties(&prop, 0));
  printf("Device: %s\n", prop.name);

  const int n = 1000;  // not a multiple of the block size
  const int steps = 4;
  const float dt = 0.001f;

  std::vector<float4> hPos(n), hVel(n), result(n);
  srand(2024);
  for (int i = 0; i < n; ++i) {
    float x = rand() / (float)RAND_MAX * 2 - 1, y = rand() / (float)RAND_MAX * 2 - 1,
          z = rand() / (float)RAND_MAX * 2 - 1, m = 0.5f + rand() / (float)RAND_MAX;
    hPos[i] = make_float4(x, y, z, m / n);
    hVel[i] = make_float4(0.f, 0.f, 0.f, 0.f);
  }

  float4 *dPos[2], *dVel;
  CUDA_CHECK(cudaMalloc(&dPos[0], n * sizeof(float4)));
  CUDA_CHECK(cudaMalloc(&dPos[1], n * sizeof(float4)));
  CUDA_CHECK(cudaMalloc(&dVel, n * sizeof(float4)));
  CUDA_CHECK(cudaMemcpy(dPos[0], hPos.data(), n * sizeof(float4), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(dVel, hVel.data(), n * sizeof(float4), cudaMemcpyHostToDevice));

  cudaEvent_t start, stop;
  CUDA_CHECK(cudaEventCreate(&start));
  CUDA_CHECK(cudaEventCreate(&stop));
  CUDA_CHECK(cudaEventRecord(start));
  int blocks = (n + BLOCK - 1) / BLOCK;
  for (int s = 0; s < steps; ++s) {
    integrateBodies<<<blocks, BLOCK>>>(dPos[(s + 1) & 1], dVel, dPos[s & 1], n, dt);
    CUDA_CHECK(cudaGetLastError());
  }
  CUDA_CHECK(cudaEventRecord(stop));
  CUDA_CHECK(cudaEventSynchronize(stop));
  float ms = 0.0f;
  CUDA_CHECK(cudaEventElapsedTime(&ms, start, stop));
  CUDA_CHECK(cudaMemcpy(result.data(), dPos[steps & 1], n * sizeof(float4), cudaMemcpyDeviceToHost));
  std::vector<float4> resultVel(n);
  CUDA_CHECK(cudaMemcpy(resultVel.data(), dVel, n * sizeof(float4), cudaMemcpyDeviceToHost));
  std::vector<float4> refPos(hPos), refVel(hVel);
  for (int s = 0; s < steps; ++s) cpuStep(refPos, refVel, dt);

  double interactions = (double)n * n * steps;
  printf("%d bodies, %d steps: %.3f ms, %.3f billion interactions/s (simulated)\n", n, steps, ms,
         ms > 0 ? interactions * 1e-9 / (ms / 1000.0) : 0.0);

  // Bit for bit, positions and velocities. The displacements are printed to show the scale: a few
  // 1e-5, so positions near 1 move by a few hundred ulps in these steps.
  int errors = 0;
  double maxDisp = 0.0;
  for (int i = 0; i < n; ++i) {
    const float got[6] = {result[i].x,    result[i].y,    result[i].z,
                          resultVel[i].x, resultVel[i].y, resultVel[i].z};
    const float want[6] = {refPos[i].x, refPos[i].y, refPos[i].z, refVel[i].x, refVel[i].y, refVel[i].z};
    if (memcmp(got, want, sizeof got) != 0) {
      if (errors < 5)
        fprintf(stderr,
                "body %d: position (%.9g, %.9g, %.9g) velocity (%.9g, %.9g, %.9g), host (%.9g, %.9g, %.9g) "
                "(%.9g, %.9g, %.9g)\n",
                i, got[0], got[1], got[2], got[3], got[4], got[5], want[0], want[1], want[2], want[3],
                want[4], want[5]);
      ++errors;
    }
    double dx = result[i].x - hPos[i].x, dy = result[i].y - hPos[i].y, dz = result[i].z - hPos[i].z;
    maxDisp = fmax(maxDisp, sqrt(dx * dx + dy * dy + dz * dz));
  }
  printf("body 0 at (%.6f, %.6f, %.6f); max displacement %.3g; %d bodies differ from the host\n", result[0].x,
         result[0].y, result[0].z, maxDisp, errors);

  CUDA_CHECK(cudaEventDestroy(start));
  CUDA_CHECK(cudaEventDestroy(stop));
  CUDA_CHECK(cudaFree(dPos[0]));
  CUDA_CHECK(cudaFree(dPos[1]));
  CUDA_CHECK(cudaFree(dVel));
  printf("%s\n", errors == 0 ? "PASS" : "FAIL");
  return errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
