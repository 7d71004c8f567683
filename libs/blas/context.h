// The state behind a cublasHandle_t, and what every entry point shares: argument checks, reading alpha
// and beta in either pointer mode, launching on the handle's stream and mapping runtime errors to
// cuBLAS status codes.
#pragma once
#include <cublas_v2.h>

#include <cstddef>

struct cublasContext {
  cudaStream_t stream = nullptr;
  cublasPointerMode_t pointer_mode = CUBLAS_POINTER_MODE_HOST;
  cublasAtomicsMode_t atomics_mode = CUBLAS_ATOMICS_NOT_ALLOWED;
  cublasMath_t math_mode = CUBLAS_DEFAULT_MATH;
  void* workspace = nullptr;  // the user's, from cublasSetWorkspace (no kernel needs one yet)
  size_t workspace_size = 0;
  // Device scratch for reductions: per-block partial results, then the final value (docs/libs.md).
  void* scratch = nullptr;
};

namespace canopy_blas {

// Partial results a reduction keeps: one per block of its first kernel.
constexpr int kReduceBlocks = 64;
constexpr int kReduceThreads = 256;
// Bytes of the widest partial (a complex double, or a scaled sum of squares in double).
constexpr size_t kPartialBytes = 16;
constexpr size_t kScratchBytes = (kReduceBlocks + 1) * kPartialBytes;

// A scalar argument (alpha, beta, c, s): its value when the handle's pointer mode is host (read when the
// call is made, as cuBLAS does), else the device address that the kernel reads when it runs.
template <typename Elem>
struct Scalar {
  const Elem* device;
  Elem value;
  __device__ Elem get() const { return device ? *device : value; }
};

template <typename Elem>
Scalar<Elem> scalar_arg(const cublasContext* handle, const Elem* p) {
  if (handle->pointer_mode == CUBLAS_POINTER_MODE_DEVICE) return {p, Elem{}};
  return {nullptr, *p};
}

// The status of a kernel launch just made.
inline cublasStatus_t launch_status() {
  return cudaGetLastError() == cudaSuccess ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_EXECUTION_FAILED;
}

// Blocks of `threads` covering `count` items, at most `limit` (a grid-stride loop covers the rest).
inline unsigned blocks_for(long long count, int threads, long long limit = 65535) {
  long long blocks = (count + threads - 1) / threads;
  if (blocks < 1) blocks = 1;
  return static_cast<unsigned>(blocks < limit ? blocks : limit);
}

// Launches `launch(first, count)` over [0, total) in pieces a grid dimension can hold (65535 blocks), in
// order, stopping at the first failed launch.
constexpr int kMaxGridBlocks = 65535;
template <typename Launch>
cublasStatus_t launch_in_pieces(int total, Launch&& launch) {
  for (int first = 0; first < total; first += kMaxGridBlocks) {
    int count = total - first < kMaxGridBlocks ? total - first : kMaxGridBlocks;
    launch(first, count);
    if (cublasStatus_t status = launch_status(); status != CUBLAS_STATUS_SUCCESS) return status;
  }
  return CUBLAS_STATUS_SUCCESS;
}

inline bool valid_op(cublasOperation_t op) {
  return op == CUBLAS_OP_N || op == CUBLAS_OP_T || op == CUBLAS_OP_C;
}

}  // namespace canopy_blas
