// Device printf kernels for tests/services (compiled by clang 14 to PTX at build time).
#include "services_prelude.h"
#include "formats.h"

extern "C" __global__ void conversions(int i, unsigned u, long long ll, unsigned long long ull, double d, float f, char c,
                            const char* s, short h) {
  printf(FMT_INT, i, i, i, i, i, i, i, i, i, i);
  printf(FMT_UNSIGNED, u, u, u, u, u, u, u, u);
  printf(FMT_LENGTH, h, (signed char)i, (unsigned short)u, (unsigned char)u, (long)ll, ll, ull, (long)ull,
         (unsigned long)ull, (long)ll, (long)ll);
  printf(FMT_CHAR_STRING, c, c, c, s, s, s, s, s);
  printf(FMT_POINTER, s, s, s);
  printf(FMT_FLOAT, d, d, d, d, d, d, d, d);
  printf(FMT_FLOAT_FLAGS, d, d, d, d, d, d, d, d, d, f);
  printf(FMT_STAR, 7, i, 7, i, -7, i, 2, d);
  printf(FMT_PERCENT, f);
}

// One line per thread: the output order is CTA order, then thread order, whatever the warp width.
extern "C" __global__ void ordering() {
  printf("block (%d,%d,%d) thread (%d,%d,%d)\n", blockIdx.x, blockIdx.y, blockIdx.z, threadIdx.x, threadIdx.y,
         threadIdx.z);
}

// Two phases separated by a barrier: every thread's first line comes before any second line of its CTA.
extern "C" __global__ void phases() {
  printf("A %d.%d\n", blockIdx.x, threadIdx.x);
  __syncthreads();
  printf("B %d.%d\n", blockIdx.x, threadIdx.x);
}

// Only some lanes print (divergent guard); the others stay silent.
extern "C" __global__ void odd_lanes(int* out) {
  if (threadIdx.x % 2) out[threadIdx.x] = printf("odd %d\n", threadIdx.x);
}

// printf's result: the number of arguments (a * width counts), 0 without arguments, -1 for no format.
extern "C" __global__ void results(int* out, const char* s) {
  out[0] = printf("%d %s %f\n", 1, s, 2.5);
  out[1] = printf("no arguments\n");
  out[2] = vprintf(nullptr, nullptr);
  out[3] = printf("[%*d]\n", 4, 9);
  out[4] = printf("%s", "");
}

// %s through a pointer that is bad for threads >= first_bad.
extern "C" __global__ void bad_string(const char* good, const char* bad, int first_bad) {
  printf("before %d\n", threadIdx.x);
  printf("s=%s\n", threadIdx.x >= first_bad ? bad : good);
}

// A bad format pointer.
extern "C" __global__ void bad_format(const char* format) { printf(format, 1); }

// Strings in shared and local memory reach printf through generic addresses.
extern "C" __global__ void windows() {
  __shared__ char shared_text[8];
  char local_text[8];
  if (threadIdx.x == 0) {
    for (int k = 0; k < 7; ++k) shared_text[k] = 'a' + k;
    shared_text[7] = 0;
  }
  for (int k = 0; k < 7; ++k) local_text[k] = 'A' + k + threadIdx.x;
  local_text[7] = 0;
  __syncthreads();
  printf("%s %s\n", shared_text, local_text);
}

// Fixed-size records for the buffer cap: "line NNN\n" (9 bytes) per thread.
extern "C" __global__ void numbered() { printf("line %03d\n", blockIdx.x * blockDim.x + threadIdx.x); }

// A device function that prints (the call sequence inside a callee frame).
__device__ __attribute__((noinline)) int print_from_callee(int v) { return printf("callee %d\n", v); }
extern "C" __global__ void callee(int* out) { out[threadIdx.x] = print_from_callee(threadIdx.x * 10); }
