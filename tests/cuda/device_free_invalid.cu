// free() of an address malloc did not return is a precise device fault, reported at the next
// synchronization with the kernel, thread and address. The program captures its own stderr to check
// the report against what it knows: the kernel it launched, the one thread that frees, and the pointer
// that thread passes.
#include <unistd.h>

#include <cstdio>
#include <string>

__global__ void bad_free(int* p) {
  if (threadIdx.x == 3) free(p + 1);
}

int main() {
  int* d;
  cudaMalloc(&d, 64);
  fflush(stderr);
  FILE* log = tmpfile();
  const int saved = dup(2);
  if (!log || saved < 0 || dup2(fileno(log), 2) < 0) return 2;
  bad_free<<<1, 8>>>(d);
  cudaError_t e = cudaDeviceSynchronize();
  fflush(stderr);
  dup2(saved, 2);
  std::string report;
  rewind(log);
  for (int c; (c = fgetc(log)) != EOF;) report += (char)c;
  fclose(log);
  fputs(report.c_str(), stderr);  // still shown, after the check has read it

  char address[32];
  snprintf(address, sizeof address, "0x%llx", (unsigned long long)(d + 1));
  int bad = 0;
  for (std::string want : {std::string("invalid free in kernel '_Z8bad_freePi'"),
                           std::string("block (0,0,0), thread (3,0,0)"), "address " + std::string(address)})
    if (report.find(want) == std::string::npos) {
      fprintf(stderr, "the fault report lacks: %s\n", want.c_str());
      ++bad;
    }
  printf("%s\n", cudaGetErrorName(e));
  return e == cudaSuccess || bad ? 1 : 0;
}
