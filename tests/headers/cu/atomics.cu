// Atomics under contention: every thread of the grid hits the same few words.
struct Counters {
  int add_i, sub_i, min_i, max_i, cas_i, exch_i;
  unsigned add_u, sub_u, min_u, max_u, inc_u, dec_u, and_u, or_u, xor_u, cas_u, exch_u;
  unsigned long long add_ull, min_ull, max_ull, and_ull, or_ull, xor_ull, cas_ull, exch_ull;
  long long min_ll, max_ll;
  float add_f, exch_f;
  double add_d;
  int block_add, system_add;
};

// old[] receives the value atomicAdd(int) returned to each thread: a permutation of 0..n-1.
__global__ void contend(Counters* c, int* old, float* exch_old) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  unsigned u = (unsigned)t;
  old[t] = atomicAdd(&c->add_i, 1);
  atomicSub(&c->sub_i, 2);
  atomicMin(&c->min_i, 1000 - t * 7);
  atomicMax(&c->max_i, t * 3 - 500);
  atomicAdd(&c->add_u, 3u);
  atomicSub(&c->sub_u, 1u);
  atomicMin(&c->min_u, 0xffff0000u - u);
  atomicMax(&c->max_u, u * 11u);
  atomicInc(&c->inc_u, 9u);
  atomicDec(&c->dec_u, 9u);
  atomicAnd(&c->and_u, ~(1u << (t % 32)));
  atomicOr(&c->or_u, 1u << (t % 32));
  atomicXor(&c->xor_u, u * 2654435761u);
  atomicAdd(&c->add_ull, 0x100000001ull);
  atomicMin(&c->min_ull, 0xfffffffffffull - u);
  atomicMax(&c->max_ull, (unsigned long long)u << 40);
  atomicAnd(&c->and_ull, ~(1ull << (t % 64)));
  atomicOr(&c->or_ull, 1ull << (t % 64));
  atomicXor(&c->xor_ull, (unsigned long long)u * 0x9e3779b97f4a7c15ull);
  atomicMin(&c->min_ll, -(long long)t * 1000000007ll);
  atomicMax(&c->max_ll, (long long)t * 1000000007ll - 5);
  atomicAdd(&c->add_f, 0.5f);
  atomicAdd(&c->add_d, 0.25);
  exch_old[t] = atomicExch(&c->exch_f, (float)(t + 1));
  atomicExch(&c->exch_i, t);
  atomicExch(&c->exch_u, u);
  atomicExch(&c->exch_ull, (unsigned long long)u << 33);
  // Lock-free increments through compare-and-swap loops.
  int seen = c->cas_i, prev;
  while ((prev = atomicCAS(&c->cas_i, seen, seen + 1)) != seen) seen = prev;
  unsigned su = c->cas_u, pu;
  while ((pu = atomicCAS(&c->cas_u, su, su + 2u)) != su) su = pu;
  unsigned long long sl = c->cas_ull, pl;
  while ((pl = atomicCAS(&c->cas_ull, sl, sl + 3ull)) != sl) sl = pl;
  atomicAdd_block(&c->block_add, 1);
  atomicAdd_system(&c->system_add, 2);
}

// Shared-memory atomics (generic addresses into .shared), one total per block.
__global__ void shared_histogram(const unsigned* values, unsigned* bins, int n) {
  __shared__ unsigned local[16];
  if (threadIdx.x < 16) local[threadIdx.x] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    atomicAdd(&local[values[i] % 16], 1u);
  __syncthreads();
  if (threadIdx.x < 16) atomicAdd(&bins[threadIdx.x], local[threadIdx.x]);
}

// Scoped min/max of the unsigned types (written in PTX by the headers).
__global__ void scoped_minmax(unsigned* u, unsigned long long* ull) {
  unsigned t = blockIdx.x * blockDim.x + threadIdx.x;
  atomicMax_block(&u[0], t);
  atomicMin_block(&u[1], 0x80000000u + t);
  atomicMax_system(&u[2], 0xfffffff0u - t);
  atomicMin_system(&u[3], t + 5u);
  atomicMax_block(&ull[0], (unsigned long long)t << 35);
  atomicMin_system(&ull[1], 0x8000000000000000ull + t);
}
