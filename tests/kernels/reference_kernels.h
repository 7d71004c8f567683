// Host references for kernels of tests/kernels/cu/, written from the CUDA source with each operation
// rounded as the PTX clang emits for it does (std::fma exactly where clang contracts a multiply-add,
// sqrt and division correctly rounded), so results must match bit for bit. They share no code with the
// finalizer or the engine.
#pragma once

#include <cmath>
#include <vector>

namespace canopy::testing {

// sgemm_tiled: C = A*B for n x n row-major matrices, summed in k order one fma at a time.
inline std::vector<float> sgemm_reference(int n, const std::vector<float>& a, const std::vector<float>& b) {
  std::vector<float> c(n * n);
  for (int r = 0; r < n; ++r)
    for (int col = 0; col < n; ++col) {
      float acc = 0;
      for (int k = 0; k < n; ++k) acc = std::fma(a[r * n + k], b[k * n + col], acc);
      c[r * n + col] = acc;
    }
  return c;
}

// stencil5: the border is copied; inside, 0.5 * centre + 0.125 * (left + right + up + down).
inline std::vector<float> stencil5_reference(int w, int h, const std::vector<float>& in) {
  std::vector<float> out(in);
  for (int y = 1; y < h - 1; ++y)
    for (int x = 1; x < w - 1; ++x) {
      const int i = y * w + x;
      const float sum = ((in[i - 1] + in[i + 1]) + in[i - w]) + in[i + w];
      out[i] = std::fma(0.5f, in[i], 0.125f * sum);
    }
  return out;
}

// nbody_step: acceleration of body i from all n bodies (x, y, z, mass), softened by 0.01.
inline std::vector<float> nbody_reference(int n, const std::vector<float>& pos) {
  std::vector<float> acc(3 * n);
  for (int i = 0; i < n; ++i) {
    float ax = 0, ay = 0, az = 0;
    for (int j = 0; j < n; ++j) {
      const float dx = pos[4 * j] - pos[4 * i], dy = pos[4 * j + 1] - pos[4 * i + 1];
      const float dz = pos[4 * j + 2] - pos[4 * i + 2];
      const float d2 = std::fma(dz, dz, std::fma(dx, dx, dy * dy)) + 0.01f;
      const float inv = 1.0f / std::sqrt(d2);
      const float s = inv * (inv * (pos[4 * j + 3] * inv));
      ax = std::fma(dx, s, ax);
      ay = std::fma(dy, s, ay);
      az = std::fma(dz, s, az);
    }
    acc[3 * i] = ax, acc[3 * i + 1] = ay, acc[3 * i + 2] = az;
  }
  return acc;
}

}  // namespace canopy::testing
