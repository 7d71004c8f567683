// Integer intrinsics: each thread applies every operation to its operand triple (x, y, z).
__global__ void int_ops(const unsigned long long* in, unsigned long long* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  unsigned long long X = in[3 * i], Y = in[3 * i + 1], Z = in[3 * i + 2];
  unsigned x = (unsigned)X, y = (unsigned)Y, z = (unsigned)Z;
  int sx = (int)x, sy = (int)y;
  unsigned long long* o = out + i * 28;
  o[0] = __popc(x); o[1] = __popcll(X); o[2] = __clz(sx); o[3] = __clzll((long long)X);
  o[4] = __ffs(sx); o[5] = __ffsll((long long)X); o[6] = __brev(x); o[7] = __brevll(X);
  o[8] = __byte_perm(x, y, z); o[9] = __funnelshift_l(x, y, z); o[10] = __funnelshift_lc(x, y, z);
  o[11] = __funnelshift_r(x, y, z); o[12] = __funnelshift_rc(x, y, z);
  o[13] = (unsigned)__mulhi(sx, sy); o[14] = __umulhi(x, y);
  o[15] = (unsigned long long)__mul64hi((long long)X, (long long)Y); o[16] = __umul64hi(X, Y);
  o[17] = (unsigned)__mul24(sx, sy); o[18] = __umul24(x, y);
  o[19] = __sad(sx, sy, z); o[20] = __usad(x, y, z);
  o[21] = (unsigned)__hadd(sx, sy); o[22] = (unsigned)__rhadd(sx, sy); o[23] = __uhadd(x, y);
  o[24] = __urhadd(x, y); o[25] = __vabsdiffu4(x, y); o[26] = 0;
  o[27] = 0;
}
