// A cuFFT plan: the transform's shape and data layouts, and the device buffers its execution uses
// (docs/libs.md). Execution (transform.cu): gather the input into a contiguous complex array, transform
// it along each axis in turn, scatter the result into the output layout.
#pragma once
#include <cufft.h>

#include <cstddef>

namespace canopy_fft {

// Where element (i0, i1, i2) of batch b of one side lives: b dist + stride ((i0 embed1 + i1) embed2 + i2),
// as cufftPlanMany's advanced layout describes it (rank-1 and rank-2 forms drop the unused terms).
struct Layout {
  int embed[3];
  long long stride, dist;
};

struct Axis {
  int n;
  int fft_length;        // n when it is a power of two, else Bluestein's power of two >= 2n - 1
  void* filter[2];       // Bluestein: the spectra of the conjugate chirp, forward and inverse
  void* twiddles;        // exp(-2 pi i j / fft_length), j < fft_length / 2, computed in double
};

struct Plan {
  bool made = false;
  cufftType type = CUFFT_C2C;
  int rank = 0;
  int n[3] = {1, 1, 1};
  int batch = 1;
  Layout in{}, out{};
  cudaStream_t stream = nullptr;
  Axis axes[3] = {};
  long long elements = 0;  // of the complex work array: batch x n0 x n1 x n2
  void* work = nullptr;    // complex work array
  void* lines[2] = {};     // the lines of one axis being transformed, ping and pong
  long long line_elements = 0;
  size_t bytes = 0;        // device memory the plan holds
};

bool is_double(cufftType type);

// Sets up `plan` (its buffers, Bluestein's filters); the plan's shape and layouts are set.
cufftResult prepare(Plan& plan);
void release(Plan& plan);

// Runs the plan on raw input and output pointers; `sign` is -1 (forward) or +1 (inverse).
cufftResult execute(Plan& plan, const void* input, void* output, int sign);

}  // namespace canopy_fft
