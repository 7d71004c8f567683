// gemm, gemmStridedBatched, gemmBatched for s/d/c/z: C = alpha op(A) op(B) + beta C (docs/libs.md).
//
// One kernel for every type and transpose: a block of 256 threads computes a 64 x 64 tile of C, walking k
// in steps of 16. Each step stages op(A)'s 64 x 16 and op(B)'s 16 x 64 panels in shared memory (zero past
// the edges; loads ordered so that consecutive threads read consecutive addresses for either transpose),
// then each thread accumulates a 4 x 4 block of C in registers: 8 shared loads per 16 multiply-adds. A
// thread's rows are 16 apart, so a warp's reads of the A panel fall in distinct banks and its reads of
// the B panel are broadcasts. Each element of C is one sequential sum over k, so results do not depend
// on how CTAs are spread over the host's threads. With beta = 0, C is not read (NaNs in it do not
// propagate); with alpha = 0, A and B are not read.
#include <type_traits>

#include "context.h"
#include "element.h"
#include "gemm_launch.h"
#include "matrix.h"

using namespace canopy_blas;

namespace {

constexpr int kTile = 64;
constexpr int kDepth = 16;
constexpr int kThreads = 256;
constexpr int kSide = 16;  // threads along each side of the tile
constexpr int kPer = kTile / kSide;

// An element of A or B as the products see it.
template <typename Acc, typename In>
__device__ Acc operand_value(In v, InputRounding rounding) {
  Acc x = convert<Acc>(v);
  if constexpr (__is_same(Acc, float)) {
    switch (rounding) {
      case InputRounding::None: break;
      case InputRounding::Tf32: x = round_to_tf32(x); break;
      case InputRounding::Half: x = __half2float(__float2half_rn(x)); break;
      case InputRounding::Bfloat16: x = __bfloat162float(__float2bfloat16_rn(x)); break;
    }
  }
  return x;
}

// The epilogue of one element of D (real scale types; cuBLASLt has no epilogues for the others).
template <typename Types>
__device__ typename Types::Scale epilogue_of(const GemmArgs<Types>& g, typename Types::Scale v, int batch, int row,
                                             int col) {
  using Scale = typename Types::Scale;
  using Out = typename Types::Out;
  if constexpr (__is_same(Scale, float) || __is_same(Scale, double) || __is_same(Scale, __half)) {
    const Epilogue& e = g.epilogue;
    if (e.bias) v = add(v, convert<Scale>(static_cast<const Out*>(e.bias)[batch * e.bias_stride + row]));
    if (e.aux) static_cast<Out*>(e.aux)[batch * e.aux_stride + row + col * e.aux_ld] = convert<Out>(v);
    if (e.activation == Activation::None) return v;
    using Math = std::conditional_t<__is_same(Scale, double), double, float>;
    Math x = convert<Math>(v);
    if (e.activation == Activation::Relu) {
      x = x > 0 ? x : Math(0);
    } else {  // GELU, tanh form: x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
      const Math k = Math(0.7978845608028654);
      x = Math(0.5) * x * (Math(1) + tanh(k * (x + Math(0.044715) * x * x * x)));
    }
    return convert<Scale>(x);
  } else {
    return v;
  }
}

template <typename Types>
__global__ void __launch_bounds__(kThreads) gemm_kernel(GemmArgs<Types> g, int first_batch) {
  using Acc = typename Types::Acc;
  using In = typename Types::In;
  using Out = typename Types::Out;
  using Scale = typename Types::Scale;
  __shared__ Acc a_panel[kDepth][kTile];
  __shared__ Acc b_panel[kDepth][kTile];
  int batch = first_batch + blockIdx.z;
  const In* a = g.a.at(batch);
  const In* b = g.b.at(batch);
  Out* c = g.c.at(batch);
  int row0 = blockIdx.x * kTile, col0 = blockIdx.y * kTile;
  // Tiles wholly outside the triangle a syrk updates have nothing to do.
  if (g.store_fill == CUBLAS_FILL_MODE_LOWER && row0 + kTile - 1 < col0) return;
  if (g.store_fill == CUBLAS_FILL_MODE_UPPER && row0 > col0 + kTile - 1) return;
  int tx = threadIdx.x % kSide, ty = threadIdx.x / kSide;
  Scale alpha = g.alpha.get(), beta = g.beta.get();

  Acc acc[kPer][kPer];
  for (int r = 0; r < kPer; ++r)
    for (int s = 0; s < kPer; ++s) acc[r][s] = zero<Acc>();

  if (!is_zero(alpha)) {
    for (int k0 = 0; k0 < g.k; k0 += kDepth) {
      for (int e = threadIdx.x; e < kTile * kDepth; e += kThreads) {
        // op(A)(row, kk): along rows when A is not transposed, along k when it is.
        int i = g.form_a.op == CUBLAS_OP_N ? e % kTile : e / kDepth;
        int kk = g.form_a.op == CUBLAS_OP_N ? e / kTile : e % kDepth;
        int row = row0 + i, depth = k0 + kk;
        a_panel[kk][i] = row < g.m && depth < g.k
                             ? operand_value<Acc>(load_form(a, g.lda, g.form_a, row, depth), g.rounding)
                             : zero<Acc>();
        // op(B)(kk, col): along k when B is not transposed, along columns when it is.
        int j = g.form_b.op == CUBLAS_OP_N ? e / kDepth : e % kTile;
        kk = g.form_b.op == CUBLAS_OP_N ? e % kDepth : e / kTile;
        int col = col0 + j;
        depth = k0 + kk;
        b_panel[kk][j] = col < g.n && depth < g.k
                             ? operand_value<Acc>(load_form(b, g.ldb, g.form_b, depth, col), g.rounding)
                             : zero<Acc>();
      }
      __syncthreads();
      for (int kk = 0; kk < kDepth; ++kk) {
        Acc a_reg[kPer], b_reg[kPer];
        for (int r = 0; r < kPer; ++r) a_reg[r] = a_panel[kk][tx + r * kSide];
        for (int s = 0; s < kPer; ++s) b_reg[s] = b_panel[kk][ty + s * kSide];
        for (int r = 0; r < kPer; ++r)
          for (int s = 0; s < kPer; ++s) acc[r][s] = madd(acc[r][s], a_reg[r], b_reg[s]);
      }
      __syncthreads();
    }
  }

  for (int s = 0; s < kPer; ++s) {
    int col = col0 + ty + s * kSide;
    if (col >= g.n) continue;
    for (int r = 0; r < kPer; ++r) {
      int row = row0 + tx + r * kSide;
      if (row >= g.m) continue;
      if (g.store_fill == CUBLAS_FILL_MODE_LOWER ? row < col : g.store_fill == CUBLAS_FILL_MODE_UPPER && row > col)
        continue;
      Out* cij = c + row + static_cast<long long>(col) * g.ldc;
      Scale v = mul(alpha, convert<Scale>(acc[r][s]));
      if (!is_zero(beta)) v = madd(v, beta, convert<Scale>(*cij));
      if (g.epilogue.bias || g.epilogue.aux || g.epilogue.activation != Activation::None)
        v = epilogue_of(g, v, batch, row, col);
      *cij = convert<Out>(v);
    }
  }
}

template <typename Elem>
cublasStatus_t gemm(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k,
                    const Elem* alpha, BatchOf<const Elem> a, int lda, BatchOf<const Elem> b, int ldb,
                    const Elem* beta, BatchOf<Elem> c, int ldc, int batches) {
  if (cublasStatus_t status = check_gemm(handle, transa, transb, m, n, k, alpha, lda, ldb, beta, ldc, batches);
      status != CUBLAS_STATUS_SUCCESS)
    return status;
  GemmArgs<SameTypes<Elem>> g{general_form(transa), general_form(transb), CUBLAS_FILL_MODE_FULL, m, n, k,
                              scalar_arg(handle, alpha), scalar_arg(handle, beta), a, lda, b, ldb, c, ldc};
  if constexpr (__is_same(Elem, float)) g.rounding = math_mode_rounding(handle);
  return launch_gemm(handle, g, batches);
}

template <typename Elem>
cublasStatus_t gemm_one(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k,
                        const Elem* alpha, const Elem* a, int lda, const Elem* b, int ldb, const Elem* beta, Elem* c,
                        int ldc) {
  return gemm(h, ta, tb, m, n, k, alpha, strided_batch(a, 0), lda, strided_batch(b, 0), ldb, beta,
              strided_batch(c, 0), ldc, 1);
}

template <typename Elem>
cublasStatus_t gemm_strided(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k,
                            const Elem* alpha, const Elem* a, int lda, long long sa, const Elem* b, int ldb,
                            long long sb, const Elem* beta, Elem* c, int ldc, long long sc, int batches) {
  return gemm(h, ta, tb, m, n, k, alpha, strided_batch(a, sa), lda, strided_batch(b, sb), ldb, beta,
              strided_batch(c, sc), ldc, batches);
}

template <typename Elem>
cublasStatus_t gemm_batched(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k,
                            const Elem* alpha, const Elem* const* a, int lda, const Elem* const* b, int ldb,
                            const Elem* beta, Elem* const* c, int ldc, int batches) {
  if (batches > 0 && (!a || !b || !c)) return h ? CUBLAS_STATUS_INVALID_VALUE : CUBLAS_STATUS_NOT_INITIALIZED;
  return gemm(h, ta, tb, m, n, k, alpha, pointer_batch(a), lda, pointer_batch(b), ldb, beta, pointer_batch(c), ldc,
              batches);
}

}  // namespace

namespace canopy_blas {

// The checks cuBLAS makes of a gemm call (and its batched forms).
cublasStatus_t check_gemm(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n,
                          int k, const void* alpha, int lda, int ldb, const void* beta, int ldc, int batches) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  auto at_least_one = [](int v) { return v > 1 ? v : 1; };
  if (!valid_op(transa) || !valid_op(transb) || m < 0 || n < 0 || k < 0 || batches < 0 || !alpha || !beta)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (lda < at_least_one(transa == CUBLAS_OP_N ? m : k) || ldb < at_least_one(transb == CUBLAS_OP_N ? k : n) ||
      ldc < at_least_one(m))
    return CUBLAS_STATUS_INVALID_VALUE;
  return CUBLAS_STATUS_SUCCESS;
}

template <typename Types>
cublasStatus_t launch_gemm(cublasHandle_t handle, const GemmArgs<Types>& g, int batches) {
  if (g.m == 0 || g.n == 0 || batches == 0) return CUBLAS_STATUS_SUCCESS;
  unsigned tiles_m = (g.m + kTile - 1) / kTile, tiles_n = (g.n + kTile - 1) / kTile;
  if (tiles_n > unsigned(kMaxGridBlocks)) return CUBLAS_STATUS_NOT_SUPPORTED;
  return launch_in_pieces(batches, [&](int first, int count) {
    gemm_kernel<<<dim3(tiles_m, tiles_n, count), kThreads, 0, handle->stream>>>(g, first);
  });
}

template cublasStatus_t launch_gemm(cublasHandle_t, const GemmArgs<SameTypes<float>>&, int);
template cublasStatus_t launch_gemm(cublasHandle_t, const GemmArgs<SameTypes<double>>&, int);
template cublasStatus_t launch_gemm(cublasHandle_t, const GemmArgs<SameTypes<cuComplex>>&, int);
template cublasStatus_t launch_gemm(cublasHandle_t, const GemmArgs<SameTypes<cuDoubleComplex>>&, int);
// gemmEx and Hgemm (gemm_ex.cu).
template cublasStatus_t launch_gemm(cublasHandle_t, const GemmArgs<SameTypes<__half>>&, int);
template cublasStatus_t launch_gemm(cublasHandle_t, const GemmArgs<GemmTypes<__half, float, __half, float>>&, int);
template cublasStatus_t launch_gemm(cublasHandle_t, const GemmArgs<GemmTypes<__half, float, float, float>>&, int);
template cublasStatus_t launch_gemm(cublasHandle_t,
                                    const GemmArgs<GemmTypes<__nv_bfloat16, float, __nv_bfloat16, float>>&, int);
template cublasStatus_t launch_gemm(cublasHandle_t, const GemmArgs<GemmTypes<__nv_bfloat16, float, float, float>>&,
                                    int);
template cublasStatus_t launch_gemm(cublasHandle_t, const GemmArgs<GemmTypes<int8_t, float, float, float>>&, int);
template cublasStatus_t launch_gemm(cublasHandle_t, const GemmArgs<GemmTypes<int8_t, int, int, int>>&, int);

}  // namespace canopy_blas

extern "C" {

#define CANOPY_BLAS_GEMM(prefix, Elem)                                                                             \
  cublasStatus_t cublas##prefix##gemm_v2(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, \
                                         int k, const Elem* alpha, const Elem* A, int lda, const Elem* B, int ldb,   \
                                         const Elem* beta, Elem* C, int ldc) {                                       \
    return gemm_one(h, ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);                                      \
  }                                                                                                                  \
  cublasStatus_t cublas##prefix##gemmStridedBatched(                                                                \
      cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k, const Elem* alpha,          \
      const Elem* A, int lda, long long int sa, const Elem* B, int ldb, long long int sb, const Elem* beta, Elem* C, \
      int ldc, long long int sc, int batches) {                                                                      \
    return gemm_strided(h, ta, tb, m, n, k, alpha, A, lda, sa, B, ldb, sb, beta, C, ldc, sc, batches);             \
  }                                                                                                                  \
  cublasStatus_t cublas##prefix##gemmBatched(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m,    \
                                             int n, int k, const Elem* alpha, const Elem* const A[], int lda,        \
                                             const Elem* const B[], int ldb, const Elem* beta, Elem* const C[],      \
                                             int ldc, int batches) {                                                 \
    return gemm_batched(h, ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc, batches);                         \
  }

CANOPY_BLAS_GEMM(S, float)
CANOPY_BLAS_GEMM(D, double)
CANOPY_BLAS_GEMM(C, cuComplex)
CANOPY_BLAS_GEMM(Z, cuDoubleComplex)
#undef CANOPY_BLAS_GEMM

}  // extern "C"
