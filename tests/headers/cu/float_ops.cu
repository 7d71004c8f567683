// Rounding-mode arithmetic intrinsics: each thread applies every operation to its operand triple.
#define FLOAT_OPS(X)                                                                                   \
  X(__fadd_rn(a, b)) X(__fadd_rz(a, b)) X(__fadd_ru(a, b)) X(__fadd_rd(a, b))                          \
  X(__fsub_rn(a, b)) X(__fsub_rz(a, b)) X(__fsub_ru(a, b)) X(__fsub_rd(a, b))                          \
  X(__fmul_rn(a, b)) X(__fmul_rz(a, b)) X(__fmul_ru(a, b)) X(__fmul_rd(a, b))                          \
  X(__fmaf_rn(a, b, c)) X(__fmaf_rz(a, b, c)) X(__fmaf_ru(a, b, c)) X(__fmaf_rd(a, b, c))              \
  X(__fdiv_rn(a, b)) X(__fdiv_rz(a, b)) X(__fdiv_ru(a, b)) X(__fdiv_rd(a, b))                          \
  X(__frcp_rn(a)) X(__frcp_rz(a)) X(__frcp_ru(a)) X(__frcp_rd(a))                                      \
  X(__fsqrt_rn(a)) X(__fsqrt_rz(a)) X(__fsqrt_ru(a)) X(__fsqrt_rd(a)) X(__saturatef(a))

#define DOUBLE_OPS(X)                                                                                  \
  X(__dadd_rn(a, b)) X(__dadd_rz(a, b)) X(__dadd_ru(a, b)) X(__dadd_rd(a, b))                          \
  X(__dsub_rn(a, b)) X(__dsub_rz(a, b)) X(__dsub_ru(a, b)) X(__dsub_rd(a, b))                          \
  X(__dmul_rn(a, b)) X(__dmul_rz(a, b)) X(__dmul_ru(a, b)) X(__dmul_rd(a, b))                          \
  X(__fma_rn(a, b, c)) X(__fma_rz(a, b, c)) X(__fma_ru(a, b, c)) X(__fma_rd(a, b, c))                  \
  X(__ddiv_rn(a, b)) X(__ddiv_rz(a, b)) X(__ddiv_ru(a, b)) X(__ddiv_rd(a, b))                          \
  X(__drcp_rn(a)) X(__drcp_rz(a)) X(__drcp_ru(a)) X(__drcp_rd(a))                                      \
  X(__dsqrt_rn(a)) X(__dsqrt_rz(a)) X(__dsqrt_ru(a)) X(__dsqrt_rd(a))

#define STORE(expr) out[k++] = (expr);

__global__ void float_ops(const float* x, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float a = x[3 * i], b = x[3 * i + 1], c = x[3 * i + 2];
  int k = i * 29;
  FLOAT_OPS(STORE)
}

__global__ void double_ops(const double* x, double* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  double a = x[3 * i], b = x[3 * i + 1], c = x[3 * i + 2];
  int k = i * 28;
  DOUBLE_OPS(STORE)
}
