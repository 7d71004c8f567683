// cuBLASLt: D = epilogue(alpha op(A) op(B) + beta C) with layouts, strided batches, D apart from C, the bias,
// ReLU and GELU epilogues (and GELU's auxiliary pre-activation output), half inputs with float compute;
// against double sums computed here. Attributes, the heuristic query and refusals.
#include <cublasLt.h>

#include "blas_check.h"

namespace {

#define EXPECT_LT(call) EXPECT_BLAS(call)

double gelu(double x) { return 0.5 * x * (1 + std::tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))); }

struct Problem {
  int m, n, k, batches;
  cublasOperation_t ta, tb;
  cublasLtEpilogue_t epilogue;
};

template <typename In, typename Out>
void check(cublasLtHandle_t lt, const Problem& p, cudaDataType in_type, cudaDataType out_type, double tol,
           const char* what) {
  const int lda = (p.ta == CUBLAS_OP_N ? p.m : p.k) + 1, ldb = (p.tb == CUBLAS_OP_N ? p.k : p.n) + 2, ldc = p.m + 3,
            ldd = p.m + 1;
  const long long sa = (long long)lda * (p.ta == CUBLAS_OP_N ? p.k : p.m), sb = (long long)ldb * (p.tb == CUBLAS_OP_N ? p.n : p.k);
  const long long sc = (long long)ldc * p.n, sd = (long long)ldd * p.n;
  std::vector<float> af(sa * p.batches), bf(sb * p.batches), cf(sc * p.batches), biasf(p.m * p.batches);
  for (auto* v : {&af, &bf, &cf, &biasf})
    for (float& x : *v) random_fill(x);
  std::vector<In> a(af.begin(), af.end()), b(bf.begin(), bf.end());
  std::vector<Out> c(cf.begin(), cf.end()), bias(biasf.begin(), biasf.end());
  In* da = to_device(a);
  In* db = to_device(b);
  Out* dc = to_device(c);
  Out* dbias = to_device(bias);
  Out *dd = nullptr, *daux = nullptr;
  EXPECT_OK(cudaMalloc(&dd, sd * p.batches * sizeof(Out)));
  EXPECT_OK(cudaMalloc(&daux, sd * p.batches * sizeof(Out)));

  cublasLtMatmulDesc_t desc;
  EXPECT_LT(cublasLtMatmulDescCreate(&desc, CUBLAS_COMPUTE_32F, CUDA_R_32F));
  EXPECT_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_TRANSA, &p.ta, sizeof(p.ta)));
  EXPECT_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_TRANSB, &p.tb, sizeof(p.tb)));
  EXPECT_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_EPILOGUE, &p.epilogue, sizeof(p.epilogue)));
  bool has_bias = p.epilogue & CUBLASLT_EPILOGUE_BIAS, has_aux = p.epilogue & 128;
  long long bias_stride = p.m, aux_ld = ldd, aux_stride = sd;
  if (has_bias) {
    EXPECT_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_BIAS_POINTER, &dbias, sizeof(dbias)));
    EXPECT_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_BIAS_BATCH_STRIDE, &bias_stride, sizeof(bias_stride)));
  }
  if (has_aux) {
    EXPECT_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_POINTER, &daux, sizeof(daux)));
    EXPECT_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_LD, &aux_ld, sizeof(aux_ld)));
    EXPECT_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_BATCH_STRIDE, &aux_stride,
                                             sizeof(aux_stride)));
  }
  cublasLtMatrixLayout_t la, lb, lc, ld;
  EXPECT_LT(cublasLtMatrixLayoutCreate(&la, in_type, p.ta == CUBLAS_OP_N ? p.m : p.k, p.ta == CUBLAS_OP_N ? p.k : p.m, lda));
  EXPECT_LT(cublasLtMatrixLayoutCreate(&lb, in_type, p.tb == CUBLAS_OP_N ? p.k : p.n, p.tb == CUBLAS_OP_N ? p.n : p.k, ldb));
  EXPECT_LT(cublasLtMatrixLayoutCreate(&lc, out_type, p.m, p.n, ldc));
  EXPECT_LT(cublasLtMatrixLayoutCreate(&ld, out_type, p.m, p.n, ldd));
  const std::pair<cublasLtMatrixLayout_t, long long> strides[] = {{la, sa}, {lb, sb}, {lc, sc}, {ld, sd}};
  for (auto [layout, stride] : strides) {
    EXPECT_LT(cublasLtMatrixLayoutSetAttribute(layout, CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT, &p.batches, sizeof(int)));
    EXPECT_LT(cublasLtMatrixLayoutSetAttribute(layout, CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET, &stride,
                                               sizeof(stride)));
  }
  cublasLtMatmulPreference_t pref;
  EXPECT_LT(cublasLtMatmulPreferenceCreate(&pref));
  size_t workspace = 1 << 20;
  EXPECT_LT(cublasLtMatmulPreferenceSetAttribute(pref, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES, &workspace,
                                                 sizeof(workspace)));
  cublasLtMatmulHeuristicResult_t heuristic;
  int found = 0;
  EXPECT_LT(cublasLtMatmulAlgoGetHeuristic(lt, desc, la, lb, lc, ld, pref, 1, &heuristic, &found));
  EXPECT(found == 1);
  float alpha = 0.75f, beta = -0.5f;
  EXPECT_LT(cublasLtMatmul(lt, desc, &alpha, da, la, db, lb, &beta, dc, lc, dd, ld, &heuristic.algo, nullptr, 0, 0));
  std::vector<Out> got = from_device(dd, sd * p.batches), got_aux = from_device(daux, sd * p.batches);
  std::vector<Out> got_c = from_device(dc, c.size());
  int bad = 0;
  for (int bt = 0; bt < p.batches; ++bt)
    for (int j = 0; j < p.n; ++j)
      for (int i = 0; i < p.m; ++i) {
        double sum = 0;
        for (int q = 0; q < p.k; ++q) {
          double av = float(p.ta == CUBLAS_OP_N ? a[bt * sa + i + q * lda] : a[bt * sa + q + i * lda]);
          double bv = float(p.tb == CUBLAS_OP_N ? b[bt * sb + q + j * ldb] : b[bt * sb + j + q * ldb]);
          sum += av * bv;
        }
        double v = alpha * sum + beta * double(float(c[bt * sc + i + j * ldc]));
        if (has_bias) v += double(float(bias[bt * p.m + i]));
        double pre = v;
        if ((p.epilogue & ~(CUBLASLT_EPILOGUE_BIAS | 128)) == CUBLASLT_EPILOGUE_RELU) v = v > 0 ? v : 0;
        if ((p.epilogue & ~(CUBLASLT_EPILOGUE_BIAS | 128)) == CUBLASLT_EPILOGUE_GELU) v = gelu(v);
        double g = float(got[bt * sd + i + j * ldd]);
        if (std::fabs(g - v) > tol * (1 + std::fabs(v)) && bad++ < 3)
          fprintf(stderr, "%s: D(%d,%d) of batch %d is %.7g, expected %.7g\n", what, i, j, bt, g, v);
        if (has_aux && std::fabs(double(float(got_aux[bt * sd + i + j * ldd])) - pre) > tol * (1 + std::fabs(pre)) &&
            bad++ < 3)
          fprintf(stderr, "%s: aux(%d,%d) is %.7g, expected %.7g\n", what, i, j, double(float(got_aux[bt * sd + i + j * ldd])), pre);
      }
  if (bad) {
    fprintf(stderr, "%s: %d values out of tolerance\n", what, bad);
    ++failures;
  }
  for (size_t i = 0; i < c.size(); ++i) EXPECT(float(got_c[i]) == float(c[i]));  // C is only read
  cublasLtMatmulPreferenceDestroy(pref);
  for (auto l : {la, lb, lc, ld}) cublasLtMatrixLayoutDestroy(l);
  cublasLtMatmulDescDestroy(desc);
  for (void* ptr : {(void*)da, (void*)db, (void*)dc, (void*)dbias, (void*)dd, (void*)daux}) cudaFree(ptr);
}

void check_refusals(cublasLtHandle_t lt) {
  cublasLtMatmulDesc_t desc;
  EXPECT_LT(cublasLtMatmulDescCreate(&desc, CUBLAS_COMPUTE_32F, CUDA_R_32F));
  cublasOperation_t op = CUBLAS_OP_T, back = CUBLAS_OP_N;
  size_t written = 0;
  EXPECT_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_TRANSA, &op, sizeof(op)));
  EXPECT_LT(cublasLtMatmulDescGetAttribute(desc, CUBLASLT_MATMUL_DESC_TRANSA, &back, sizeof(back), &written));
  EXPECT(back == CUBLAS_OP_T && written == sizeof(back));
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE, cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_TRANSA, &op, 2));
  cublasLtMatrixLayout_t l;
  EXPECT_LT(cublasLtMatrixLayoutCreate(&l, CUDA_R_32F, 8, 8, 8));
  cublasLtMatmulPreference_t pref;
  EXPECT_LT(cublasLtMatmulPreferenceCreate(&pref));
  float* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, 64 * sizeof(float)));
  float one = 1;
  cublasLtEpilogue_t backward = CUBLASLT_EPILOGUE_DGELU;
  EXPECT_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_EPILOGUE, &backward, sizeof(backward)));
  EXPECT_STATUS(CUBLAS_STATUS_NOT_SUPPORTED,
                cublasLtMatmul(lt, desc, &one, d, l, d, l, &one, d, l, d, l, nullptr, nullptr, 0, 0));
  cublasLtMatmulHeuristicResult_t result;
  int found = 7;
  EXPECT_STATUS(CUBLAS_STATUS_NOT_SUPPORTED, cublasLtMatmulAlgoGetHeuristic(lt, desc, l, l, l, l, pref, 1, &result, &found));
  EXPECT(found == 0);
  cublasLtEpilogue_t plain = CUBLASLT_EPILOGUE_DEFAULT;
  EXPECT_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_EPILOGUE, &plain, sizeof(plain)));
  cublasLtOrder_t row = CUBLASLT_ORDER_ROW;
  EXPECT_LT(cublasLtMatrixLayoutSetAttribute(l, CUBLASLT_MATRIX_LAYOUT_ORDER, &row, sizeof(row)));
  EXPECT_STATUS(CUBLAS_STATUS_NOT_SUPPORTED,
                cublasLtMatmul(lt, desc, &one, d, l, d, l, &one, d, l, d, l, nullptr, nullptr, 0, 0));
  cublasLtMatrixLayout_t wrong;
  EXPECT_LT(cublasLtMatrixLayoutCreate(&wrong, CUDA_R_32F, 7, 8, 8));
  cublasLtOrder_t col = CUBLASLT_ORDER_COL;
  EXPECT_LT(cublasLtMatrixLayoutSetAttribute(l, CUBLASLT_MATRIX_LAYOUT_ORDER, &col, sizeof(col)));
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE,  // op(A) is 8 x 8, D 7 x 8
                cublasLtMatmul(lt, desc, &one, d, l, d, l, &one, d, wrong, d, wrong, nullptr, nullptr, 0, 0));
  EXPECT_STATUS(CUBLAS_STATUS_NOT_INITIALIZED,
                cublasLtMatmul(nullptr, desc, &one, d, l, d, l, &one, d, l, d, l, nullptr, nullptr, 0, 0));
  cudaFree(d);
  cublasLtMatrixLayoutDestroy(l);
  cublasLtMatrixLayoutDestroy(wrong);
  cublasLtMatmulPreferenceDestroy(pref);
  cublasLtMatmulDescDestroy(desc);
}

}  // namespace

int main() {
  cublasLtHandle_t lt;
  EXPECT_LT(cublasLtCreate(&lt));
  const cublasLtEpilogue_t epilogues[] = {CUBLASLT_EPILOGUE_DEFAULT, CUBLASLT_EPILOGUE_BIAS, CUBLASLT_EPILOGUE_RELU,
                                          CUBLASLT_EPILOGUE_RELU_BIAS, CUBLASLT_EPILOGUE_GELU, CUBLASLT_EPILOGUE_GELU_BIAS,
                                          CUBLASLT_EPILOGUE_GELU_AUX, CUBLASLT_EPILOGUE_GELU_AUX_BIAS};
  char what[96];
  for (cublasLtEpilogue_t e : epilogues) {
    snprintf(what, sizeof what, "float epilogue %d", int(e));
    check<float, float>(lt, {70, 45, 33, 3, CUBLAS_OP_T, CUBLAS_OP_N, e}, CUDA_R_32F, CUDA_R_32F, 2e-5, what);
  }
  // llm.c's forward matmul: half inputs and output, float compute, bias and GELU with the pre-activation kept.
  check<__half, __half>(lt, {64, 40, 48, 2, CUBLAS_OP_T, CUBLAS_OP_N, CUBLASLT_EPILOGUE_GELU_AUX_BIAS}, CUDA_R_16F,
                        CUDA_R_16F, 2e-3, "half GELU_AUX_BIAS");
  check<float, float>(lt, {33, 66, 17, 1, CUBLAS_OP_N, CUBLAS_OP_T, CUBLASLT_EPILOGUE_RELU_BIAS}, CUDA_R_32F, CUDA_R_32F,
                      2e-5, "float NT RELU_BIAS");
  check_refusals(lt);
  EXPECT_LT(cublasLtDestroy(lt));
  return check_result();
}
