// Block reductions through barriers, and warp shuffles and votes.
__global__ void block_votes(const int* pred, int* out) {
  int p = pred[blockIdx.x * blockDim.x + threadIdx.x];
  int count = __syncthreads_count(p);
  int all = __syncthreads_and(p);
  int any = __syncthreads_or(p);
  if (threadIdx.x == 0) {
    out[blockIdx.x * 3] = count;
    out[blockIdx.x * 3 + 1] = all != 0;
    out[blockIdx.x * 3 + 2] = any != 0;
  }
}

// Per lane: 18 results of shuffles of int, float, long long and double at several widths.
__global__ void shuffles(const int* in, long long* out) {
  unsigned lane = threadIdx.x % 32;
  int v = in[threadIdx.x];
  float f = (float)v * 0.5f;
  long long l = ((long long)v << 32) | (unsigned)(v * 3);
  double d = (double)v * 0.25;
  long long* o = out + threadIdx.x * 18;
  o[0] = __shfl_sync(0xffffffffu, v, (lane + 3) % 32);
  o[1] = __shfl_up_sync(0xffffffffu, v, 1);
  o[2] = __shfl_down_sync(0xffffffffu, v, 2);
  o[3] = __shfl_xor_sync(0xffffffffu, v, 5);
  o[4] = __shfl_sync(0xffffffffu, v, 3, 8);
  o[5] = __shfl_up_sync(0xffffffffu, v, 2, 8);
  o[6] = __shfl_down_sync(0xffffffffu, v, 3, 16);
  o[7] = __shfl_xor_sync(0xffffffffu, v, 4, 4);
  o[8] = __float_as_int(__shfl_sync(0xffffffffu, f, 31 - lane));
  o[9] = __float_as_int(__shfl_down_sync(0xffffffffu, f, 1));
  o[10] = __shfl_sync(0xffffffffu, l, lane ^ 7);
  o[11] = __shfl_up_sync(0xffffffffu, l, 4);
  o[12] = __double_as_longlong(__shfl_xor_sync(0xffffffffu, d, 16));
  o[13] = __double_as_longlong(__shfl_down_sync(0xffffffffu, d, 8, 16));
  o[14] = (long long)__shfl_sync(0xffffffffu, (unsigned)v * 2u, 0);
  o[15] = (long long)__shfl_sync(0xffffffffu, (unsigned long long)l, 1);
  o[16] = __shfl_sync(0xffffffffu, v, lane + 32);  // out of range lanes wrap modulo the width
  o[17] = 0;
}

// A textbook warp reduction (sum of 32 lanes) through __shfl_down_sync.
__global__ void warp_sum(const int* in, int* out) {
  int v = in[blockIdx.x * blockDim.x + threadIdx.x];
  for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(0xffffffffu, v, offset);
  if (threadIdx.x % 32 == 0) out[(blockIdx.x * blockDim.x + threadIdx.x) / 32] = v;
}

// Votes and masks: 9 values per lane.
__global__ void votes(const int* pred, unsigned* out) {
  unsigned lane = threadIdx.x % 32;
  int p = pred[threadIdx.x];
  unsigned* o = out + threadIdx.x * 9;
  o[0] = __ballot_sync(0xffffffffu, p);
  o[1] = __any_sync(0xffffffffu, p);
  o[2] = __all_sync(0xffffffffu, p);
  o[3] = __activemask();
  o[4] = lane < 10 ? __activemask() : 0xdeadu;
  o[5] = __lanemask_lt();
  o[6] = __lanemask_le();
  o[7] = __lanemask_eq() | (__lanemask_gt() & 0xff000000u);
  o[8] = __lanemask_ge();
  __syncwarp();
}

// Memory fences and clocks: only that they run and that clock64 does not go backwards.
__global__ void fences_and_clocks(long long* out) {
  long long t0 = clock64();
  __threadfence_block();
  __threadfence();
  __threadfence_system();
  __nanosleep(100);
  __brkpt();
  unsigned c = (unsigned)clock();
  long long t1 = clock64();
  uint3 tid = threadIdx;
  dim3 dim = blockDim;
  out[threadIdx.x] = (t1 >= t0 ? 1 : 0) + (long long)(c & 0) + tid.x * 10 + dim.x * 1000 + warpSize * 100000;
}
