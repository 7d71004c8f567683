// Device printf with every conversion, flag, width, precision and length modifier that CUDA's
// printf supports; printf_formats.expected holds what C's printf prints for the same calls.
#include <cstdio>
#include <cuda_runtime.h>

__device__ const char greeting[] = "device string";

__global__ void formats(const char* hostCopiedText) {
  // Integers.
  printf("d: %d %d %d\n", 0, 42, -42);
  printf("i: %i %i\n", 2147483647, -2147483647 - 1);
  printf("u: %u %u\n", 0u, 4294967295u);
  printf("o: %o %#o %o\n", 8u, 8u, 0u);
  printf("x: %x %#x %X %#X\n", 255u, 255u, 0xbeefu, 0xbeefu);
  printf("width: [%5d] [%-5d] [%05d] [%+d] [% d] [%+5d]\n", 42, 42, 42, 42, 42, -42);
  printf("precision: [%.3d] [%8.3d] [%.0d]\n", 7, -7, 0);
  printf("h/hh: %hd %hu %hhd %hhu\n", (short)-1234, (unsigned short)65535, (signed char)-5,
         (unsigned char)250);
  printf("l: %ld %lu %lx\n", -1234567890123L, 18446744073709551615UL, 0xfedcba9876543210UL);
  printf("ll: %lld %llu %llX\n", -9223372036854775807LL - 1, 12345678901234567890ULL,
         0x0123456789abcdefULL);
  printf("z: %zu %zx\n", (size_t)123456789012ULL, (size_t)4096);
  // Characters and strings.
  printf("c: [%c] [%3c] [%-3c]\n", 'A', 'b', 'c');
  printf("s: [%s] [%10s] [%-10s] [%.3s]\n", "abc", "right", "left", "truncated");
  printf("s from memory: [%s] [%s]\n", greeting, hostCopiedText);
  printf("percent: 100%%\n");
  // Floating point (float arguments are promoted to double, as for any variadic call).
  printf("f: %f %f %.2f %.0f %10.4f %-10.1f|\n", 3.14159265f, -0.5, 2.675, 2.5, 1.0 / 3.0, 9.99);
  printf("F: %F %F\n", 1.5, 1e300 * 1e300);
  printf("e: %e %.3e %E %e\n", 123456.789, 0.000123456, -1e-300, 0.0);
  printf("g: %g %g %g %g %G %.3g %#g\n", 100000.0, 1000000.0, 0.0001, 0.00001, 1e-10, 3.14159, 2.0);
  printf("a: %a %a %A\n", 1.0, -2.75, 0.5);
  printf("special: %f %f %e %g\n", 1.0 / 0.0, -1.0 / 0.0, __int_as_float(0x7fc00000) * 1.0,
         __longlong_as_double(0x7ff8000000000000LL));
  printf("flags: [%+.2f] [% .2f] [%08.3f] [%-8.2e] [%+g]\n", 1.5, 1.5, -3.14159, 12345.678, 0.25);
  printf("float bits: %.9g %.17g\n", 0.1f, 0.1);
  // Pointers and mixed arguments.
  printf("p: %p\n", (void*)0x1234);
  printf("mixed: %d %s %.1f %c %llu %x\n", -1, "two", 3.0, '4', 5ULL, 6u);
  printf("no arguments\n");
}

__device__ char text[32];

int main() {
  const char msg[] = "copied from host";
  cudaMemcpyToSymbol(text, msg, sizeof(msg));
  char* textPtr = nullptr;
  cudaGetSymbolAddress((void**)&textPtr, text);
  formats<<<1, 1>>>(textPtr);
  cudaError_t err = cudaDeviceSynchronize();
  if (err != cudaSuccess) {
    fprintf(stderr, "error: %s\n", cudaGetErrorString(err));
    return 1;
  }
  return 0;
}
