// All-pairs gravitational N-body (after GPU Gems 3 ch. 31 and the CUDA "nbody" sample): bodies are
// float4 (xyz position, w mass); each block stages a tile of bodies in shared memory and each
// thread accumulates the acceleration on its body with rsqrtf. A few integration steps are run
// and compared with a double-precision CPU simulation.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>

#define CUDA_CHECK(call)                                                                       \
  do {                                                                                         \
    cudaError_t err_ = (call);                                                                 \
    if (err_ != cudaSuccess) {                                                                 \
      fprintf(stderr, "CUDA error %s at %s:%d: %s\n", cudaGetErrorName(err_), __FILE__, __LINE__, \
              cudaGetErrorString(err_));                                                       \
      exit(EXIT_FAILURE);                                                                      \
    }                                                                                          \
  } while (0)

#define BLOCK 128
#define SOFTENING2 0.01f

__device__ float3 bodyBodyInteraction(float4 bi, float4 bj, float3 ai) {
  float3 r;
  r.x = bj.x - bi.x;
  r.y = bj.y - bi.y;
  r.z = bj.z - bi.z;
  float distSqr = r.x * r.x + r.y * r.y + r.z * r.z + SOFTENING2;
  float invDist = rsqrtf(distSqr);
  float invDist3 = invDist * invDist * invDist;
  float s = bj.w * invDist3;
  ai.x += r.x * s;
  ai.y += r.y * s;
  ai.z += r.z * s;
  return ai;
}

__global__ void integrateBodies(float4* newPos, float4* vel, const float4* oldPos, int n, float dt) {
  __shared__ float4 shPos[BLOCK];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float4 myPos = i < n ? oldPos[i] : make_float4(0.f, 0.f, 0.f, 0.f);
  float3 acc = make_float3(0.f, 0.f, 0.f);

  for (int tile = 0; tile < (n + BLOCK - 1) / BLOCK; ++tile) {
    int j = tile * BLOCK + threadIdx.x;
    shPos[threadIdx.x] = j < n ? oldPos[j] : make_float4(0.f, 0.f, 0.f, 0.f);  // mass 0: no force
    __syncthreads();
#pragma unroll 4
    for (int k = 0; k < BLOCK; ++k) acc = bodyBodyInteraction(myPos, shPos[k], acc);
    __syncthreads();
  }

  if (i < n) {
    float4 v = vel[i];
    v.x += acc.x * dt;
    v.y += acc.y * dt;
    v.z += acc.z * dt;
    myPos.x += v.x * dt;
    myPos.y += v.y * dt;
    myPos.z += v.z * dt;
    vel[i] = v;
    newPos[i] = myPos;
  }
}

struct Body {
  double x, y, z, m, vx, vy, vz;
};

static void cpuStep(std::vector<Body>& b, double dt) {
  size_t n = b.size();
  std::vector<double> ax(n), ay(n), az(n);
  for (size_t i = 0; i < n; ++i) {
    double sx = 0, sy = 0, sz = 0;
    for (size_t j = 0; j < n; ++j) {
      double rx = b[j].x - b[i].x, ry = b[j].y - b[i].y, rz = b[j].z - b[i].z;
      double d2 = rx * rx + ry * ry + rz * rz + SOFTENING2;
      double inv = 1.0 / sqrt(d2);
      double s = b[j].m * inv * inv * inv;
      sx += rx * s;
      sy += ry * s;
      sz += rz * s;
    }
    ax[i] = sx;
    ay[i] = sy;
    az[i] = sz;
  }
  for (size_t i = 0; i < n; ++i) {
    b[i].vx += ax[i] * dt;
    b[i].vy += ay[i] * dt;
    b[i].vz += az[i] * dt;
    b[i].x += b[i].vx * dt;
    b[i].y += b[i].vy * dt;
    b[i].z += b[i].vz * dt;
  }
}

int main() {
  cudaDeviceProp prop;
  CUDA_CHECK(cudaGetDeviceProperties(&prop, 0));
  printf("Device: %s\n", prop.name);

  const int n = 1000;  // not a multiple of the block size
  const int steps = 4;
  const float dt = 0.001f;

  std::vector<float4> hPos(n), hVel(n), result(n);
  std::vector<Body> ref(n);
  srand(2024);
  for (int i = 0; i < n; ++i) {
    float x = rand() / (float)RAND_MAX * 2 - 1, y = rand() / (float)RAND_MAX * 2 - 1,
          z = rand() / (float)RAND_MAX * 2 - 1, m = 0.5f + rand() / (float)RAND_MAX;
    hPos[i] = make_float4(x, y, z, m / n);
    hVel[i] = make_float4(0.f, 0.f, 0.f, 0.f);
    ref[i] = Body{x, y, z, (double)(m / n), 0, 0, 0};
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
  for (int s = 0; s < steps; ++s) cpuStep(ref, dt);

  double interactions = (double)n * n * steps;
  printf("%d bodies, %d steps: %.3f ms, %.3f billion interactions/s (simulated)\n", n, steps, ms,
         ms > 0 ? interactions * 1e-9 / (ms / 1000.0) : 0.0);

  // Compare displacements from the start (positions themselves hide small errors).
  int errors = 0;
  double maxErr = 0.0, maxDisp = 0.0;
  for (int i = 0; i < n; ++i) {
    double dx = result[i].x - ref[i].x, dy = result[i].y - ref[i].y, dz = result[i].z - ref[i].z;
    double err = sqrt(dx * dx + dy * dy + dz * dz);
    double ddx = ref[i].x - hPos[i].x, ddy = ref[i].y - hPos[i].y, ddz = ref[i].z - hPos[i].z;
    double disp = sqrt(ddx * ddx + ddy * ddy + ddz * ddz);
    if (err > maxErr) maxErr = err;
    if (disp > maxDisp) maxDisp = disp;
    if (err > 1e-3 * disp + 1e-6) {
      if (errors < 5) fprintf(stderr, "body %d: error %g (displacement %g)\n", i, err, disp);
      ++errors;
    }
  }
  // Velocities carry the accumulated forces directly: compare them against the largest speed.
  double maxV = 0.0, maxVErr = 0.0;
  for (int i = 0; i < n; ++i) {
    double v = sqrt(ref[i].vx * ref[i].vx + ref[i].vy * ref[i].vy + ref[i].vz * ref[i].vz);
    if (v > maxV) maxV = v;
  }
  for (int i = 0; i < n; ++i) {
    double ex = resultVel[i].x - ref[i].vx, ey = resultVel[i].y - ref[i].vy,
           ez = resultVel[i].z - ref[i].vz;
    double err = sqrt(ex * ex + ey * ey + ez * ez);
    if (err > maxVErr) maxVErr = err;
    if (err > 1e-4 * maxV) {
      if (errors < 5) fprintf(stderr, "body %d: velocity error %g (max speed %g)\n", i, err, maxV);
      ++errors;
    }
  }
  printf("max speed %.5g, max velocity error %.3g\n", maxV, maxVErr);
  printf("body 0 at (%.6f, %.6f, %.6f); max position error %.3g, max displacement %.3g\n", result[0].x,
         result[0].y, result[0].z, maxErr, maxDisp);

  CUDA_CHECK(cudaEventDestroy(start));
  CUDA_CHECK(cudaEventDestroy(stop));
  CUDA_CHECK(cudaFree(dPos[0]));
  CUDA_CHECK(cudaFree(dPos[1]));
  CUDA_CHECK(cudaFree(dVel));
  printf("%s\n", errors == 0 ? "PASS" : "FAIL");
  return errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
