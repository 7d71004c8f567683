// CUB-style collective primitives of our own, written as CUB structures them (a class template per
// collective, a TempStorage type the caller places in shared memory, reductions valid in the first thread,
// scans with an aggregate): WarpReduce<T, LOGICAL_WARP_THREADS> (shfl_down tree, shfl_xor butterfly for
// all-reduce, sub-warp logical widths, partial warps), WarpScan (inclusive / exclusive), BlockReduce and
// BlockScan (warp level first, then the warps' aggregates through shared memory), over int, float, double
// and a custom struct with a custom functor. Inputs of float and double are multiples of 1/64 small enough
// that every sum is exact, so the checks are exact whatever the combining order.
#include <cstdint>
#include <cstring>
#include <vector>

#include "check.h"

// ---------------------------------------------------------------- functors and the custom type

struct Sum {
  template <typename T>
  __host__ __device__ T operator()(const T& a, const T& b) const {
    return a + b;
  }
};
struct Max {
  template <typename T>
  __host__ __device__ T operator()(const T& a, const T& b) const {
    return a < b ? b : a;
  }
};

// Arg-max with ties to the lower index: associative and commutative, so any combining order agrees.
struct KeyValue {
  float value;
  int index;
  double weight;  // makes the struct 16 bytes: four 32-bit words per shuffle
};
struct ArgMax {
  __host__ __device__ KeyValue operator()(const KeyValue& a, const KeyValue& b) const {
    KeyValue r = (b.value > a.value || (b.value == a.value && b.index < a.index)) ? b : a;
    r.weight = a.weight + b.weight;
    return r;
  }
};

// ---------------------------------------------------------------- the primitives

namespace prim {

constexpr unsigned kFullMask = 0xffffffffu;

// Any trivially copyable T, moved as 32-bit words.
template <typename T>
__device__ T shfl_down(T v, unsigned delta, int width) {
  constexpr int words = (sizeof(T) + 3) / 4;
  unsigned w[words] = {};
  __builtin_memcpy(w, &v, sizeof(T));
  for (int i = 0; i < words; ++i) w[i] = __shfl_down_sync(kFullMask, w[i], delta, width);
  __builtin_memcpy(&v, w, sizeof(T));
  return v;
}
template <typename T>
__device__ T shfl_up(T v, unsigned delta, int width) {
  constexpr int words = (sizeof(T) + 3) / 4;
  unsigned w[words] = {};
  __builtin_memcpy(w, &v, sizeof(T));
  for (int i = 0; i < words; ++i) w[i] = __shfl_up_sync(kFullMask, w[i], delta, width);
  __builtin_memcpy(&v, w, sizeof(T));
  return v;
}
template <typename T>
__device__ T shfl_xor(T v, int lane_mask, int width) {
  constexpr int words = (sizeof(T) + 3) / 4;
  unsigned w[words] = {};
  __builtin_memcpy(w, &v, sizeof(T));
  for (int i = 0; i < words; ++i) w[i] = __shfl_xor_sync(kFullMask, w[i], lane_mask, width);
  __builtin_memcpy(&v, w, sizeof(T));
  return v;
}
template <typename T>
__device__ T shfl_idx(T v, int src, int width) {
  constexpr int words = (sizeof(T) + 3) / 4;
  unsigned w[words] = {};
  __builtin_memcpy(w, &v, sizeof(T));
  for (int i = 0; i < words; ++i) w[i] = __shfl_sync(kFullMask, w[i], src, width);
  __builtin_memcpy(&v, w, sizeof(T));
  return v;
}

// Every lane of the (physical) warp calls these together; logical warps are aligned groups of
// LOGICAL_WARP_THREADS lanes.
template <typename T, int LOGICAL_WARP_THREADS = 32>
class WarpReduce {
  static_assert(LOGICAL_WARP_THREADS >= 1 && LOGICAL_WARP_THREADS <= 32 &&
                    (LOGICAL_WARP_THREADS & (LOGICAL_WARP_THREADS - 1)) == 0,
                "logical warps are powers of two up to 32");

 public:
  struct TempStorage {};  // shuffles need none; kept for CUB's calling convention
  __device__ explicit WarpReduce(TempStorage&) : lane_(threadIdx.x % LOGICAL_WARP_THREADS) {}

  // The reduction of the first `num_valid` lanes' inputs, valid in logical lane 0.
  template <typename Op>
  __device__ T Reduce(T input, Op op, int num_valid = LOGICAL_WARP_THREADS) {
    for (int offset = 1; offset < LOGICAL_WARP_THREADS; offset *= 2) {
      T other = shfl_down(input, offset, LOGICAL_WARP_THREADS);
      if ((lane_ & (2 * offset - 1)) == 0 && lane_ + offset < num_valid) input = op(input, other);
    }
    return input;
  }
  __device__ T Sum(T input) { return Reduce(input, ::Sum()); }
  __device__ T Sum(T input, int num_valid) { return Reduce(input, ::Sum(), num_valid); }
  // The reduction in every lane (butterfly; needs a commutative operator).
  template <typename Op>
  __device__ T AllReduce(T input, Op op) {
    for (int mask = LOGICAL_WARP_THREADS / 2; mask > 0; mask /= 2)
      input = op(input, shfl_xor(input, mask, LOGICAL_WARP_THREADS));
    return input;
  }

 private:
  int lane_;
};

template <typename T, int LOGICAL_WARP_THREADS = 32>
class WarpScan {
 public:
  struct TempStorage {};
  __device__ explicit WarpScan(TempStorage&) : lane_(threadIdx.x % LOGICAL_WARP_THREADS) {}

  template <typename Op>
  __device__ void InclusiveScan(T input, T& output, Op op, T& warp_aggregate) {
    for (int offset = 1; offset < LOGICAL_WARP_THREADS; offset *= 2) {
      T before = shfl_up(input, offset, LOGICAL_WARP_THREADS);
      if (lane_ >= offset) input = op(before, input);
    }
    output = input;
    warp_aggregate = shfl_idx(input, LOGICAL_WARP_THREADS - 1, LOGICAL_WARP_THREADS);
  }
  template <typename Op>
  __device__ void InclusiveScan(T input, T& output, Op op) {
    T aggregate;
    InclusiveScan(input, output, op, aggregate);
  }
  __device__ void InclusiveSum(T input, T& output) { InclusiveScan(input, output, ::Sum()); }
  // output(i) = initial op x(0) op ... op x(i-1); lane 0 gets `initial`.
  template <typename Op>
  __device__ void ExclusiveScan(T input, T& output, T initial, Op op, T& warp_aggregate) {
    T inclusive;
    InclusiveScan(input, inclusive, op, warp_aggregate);
    T before = shfl_up(inclusive, 1, LOGICAL_WARP_THREADS);
    output = lane_ == 0 ? initial : op(initial, before);
  }
  template <typename Op>
  __device__ void ExclusiveScan(T input, T& output, T initial, Op op) {
    T aggregate;
    ExclusiveScan(input, output, initial, op, aggregate);
  }
  __device__ void ExclusiveSum(T input, T& output) { ExclusiveScan(input, output, T(), ::Sum()); }

 private:
  int lane_;
};

// Warp reductions first, then warp 0 reduces the warps' aggregates. Valid in thread 0.
template <typename T, int BLOCK_THREADS>
class BlockReduce {
  static_assert(BLOCK_THREADS % 32 == 0, "whole warps");
  static constexpr int kWarps = BLOCK_THREADS / 32;

 public:
  struct TempStorage {
    T warp_aggregates[kWarps];
  };
  __device__ explicit BlockReduce(TempStorage& storage) : storage_(storage) {}

  template <typename Op>
  __device__ T Reduce(T input, Op op, int num_valid = BLOCK_THREADS) {
    const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    typename WarpReduce<T>::TempStorage none;
    const int warp_valid = min(max(num_valid - warp * 32, 0), 32);
    T partial = WarpReduce<T>(none).Reduce(input, op, warp_valid);
    if (lane == 0 && warp_valid > 0) storage_.warp_aggregates[warp] = partial;
    __syncthreads();
    if (threadIdx.x == 0) {
      const int warps_valid = (num_valid + 31) / 32;
      for (int w = 1; w < warps_valid; ++w) partial = op(partial, storage_.warp_aggregates[w]);
    }
    return partial;
  }
  __device__ T Sum(T input, int num_valid = BLOCK_THREADS) { return Reduce(input, ::Sum(), num_valid); }

 private:
  TempStorage& storage_;
};

// Warp scans, then each warp adds the exclusive prefix of the warps before it.
template <typename T, int BLOCK_THREADS>
class BlockScan {
  static_assert(BLOCK_THREADS % 32 == 0, "whole warps");
  static constexpr int kWarps = BLOCK_THREADS / 32;

 public:
  struct TempStorage {
    T warp_aggregates[kWarps];
  };
  __device__ explicit BlockScan(TempStorage& storage) : storage_(storage) {}

  template <typename Op>
  __device__ void InclusiveScan(T input, T& output, Op op, T& block_aggregate) {
    const int warp = threadIdx.x / 32;
    typename WarpScan<T>::TempStorage none;
    T warp_aggregate;
    WarpScan<T>(none).InclusiveScan(input, output, op, warp_aggregate);
    if (threadIdx.x % 32 == 31) storage_.warp_aggregates[warp] = warp_aggregate;
    __syncthreads();
    block_aggregate = storage_.warp_aggregates[0];
    for (int w = 1; w < kWarps; ++w) {
      if (w == warp) output = op(block_aggregate, output);
      block_aggregate = op(block_aggregate, storage_.warp_aggregates[w]);
    }
    __syncthreads();  // storage may be reused
  }
  template <typename Op>
  __device__ void ExclusiveScan(T input, T& output, T initial, Op op, T& block_aggregate) {
    T inclusive;
    InclusiveScan(input, inclusive, op, block_aggregate);
    // The inclusive prefix of the thread before, through shared memory across warp boundaries.
    __shared__ T carry[kWarps];
    if (threadIdx.x % 32 == 31) carry[threadIdx.x / 32] = inclusive;
    T before = shfl_up(inclusive, 1, 32);
    __syncthreads();
    if (threadIdx.x % 32 == 0 && threadIdx.x > 0) before = carry[threadIdx.x / 32 - 1];
    output = threadIdx.x == 0 ? initial : op(initial, before);
    __syncthreads();
  }

 private:
  TempStorage& storage_;
};

}  // namespace prim

// ---------------------------------------------------------------- test kernels

// Each logical warp reduces its inputs; logical warp w uses num_valid = w % W + 1 when `partial`.
template <typename T, int W, typename Op>
__global__ void warp_reduce_kernel(const T* in, T* out, T* all_out, Op op, bool partial) {
  typename prim::WarpReduce<T, W>::TempStorage storage;
  prim::WarpReduce<T, W> reduce(storage);
  const int logical = (blockIdx.x * blockDim.x + threadIdx.x) / W;
  const int num_valid = partial ? logical % W + 1 : W;
  T x = in[blockIdx.x * blockDim.x + threadIdx.x];
  T r = reduce.Reduce(x, op, num_valid);
  if (threadIdx.x % W == 0) out[logical] = r;
  all_out[blockIdx.x * blockDim.x + threadIdx.x] = reduce.AllReduce(x, op);
}

template <typename T, int W, typename Op>
__global__ void warp_scan_kernel(const T* in, T* inclusive, T* exclusive, T* aggregates, T initial, Op op) {
  typename prim::WarpScan<T, W>::TempStorage storage;
  prim::WarpScan<T, W> scan(storage);
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  T agg;
  scan.InclusiveScan(in[i], inclusive[i], op, agg);
  scan.ExclusiveScan(in[i], exclusive[i], initial, op);
  if (threadIdx.x % W == 0) aggregates[i / W] = agg;
}

// Block b reduces the first num_valid[b] threads' inputs.
template <typename T, int BLOCK, typename Op>
__global__ void block_reduce_kernel(const T* in, T* out, const int* num_valid, Op op) {
  using Reduce = prim::BlockReduce<T, BLOCK>;
  __shared__ typename Reduce::TempStorage storage;
  const int n = num_valid[blockIdx.x];
  T x = in[blockIdx.x * BLOCK + threadIdx.x];  // every thread loads; threads past n are ignored
  T r = Reduce(storage).Reduce(x, op, n);
  if (threadIdx.x == 0) out[blockIdx.x] = r;
}

template <typename T, int BLOCK, typename Op>
__global__ void block_scan_kernel(const T* in, T* inclusive, T* exclusive, T* aggregates, T initial, Op op) {
  using Scan = prim::BlockScan<T, BLOCK>;
  __shared__ typename Scan::TempStorage storage;
  const int i = blockIdx.x * BLOCK + threadIdx.x;
  T agg, agg2;
  Scan(storage).InclusiveScan(in[i], inclusive[i], op, agg);
  Scan(storage).ExclusiveScan(in[i], exclusive[i], initial, op, agg2);
  if (threadIdx.x == 0) aggregates[2 * blockIdx.x] = agg;
  if (threadIdx.x == BLOCK - 1) aggregates[2 * blockIdx.x + 1] = agg2;
}

// ---------------------------------------------------------------- host side

namespace {

uint32_t rng = 4242;
uint32_t next() { return rng = rng * 1664525u + 1013904223u; }

template <typename T>
T make_value(int i);
template <>
float make_value<float>(int) {
  return ((int)(next() >> 20) - 2048) / 64.0f;
}
template <>
double make_value<double>(int) {
  return ((int)(next() >> 16) - 32768) / 64.0;
}
template <>
KeyValue make_value<KeyValue>(int i) {
  return KeyValue{(float)(int)(next() % 17), i, (double)(next() % 100)};  // many ties
}

// Signed overflow is undefined in C++ on both sides; keep int inputs small enough that no sum overflows.
int small_int() { return (int)(next() % 2000001) - 1000000; }

template <typename T>
bool same(const T& a, const T& b) {
  return memcmp(&a, &b, sizeof(T)) == 0;
}
template <>
bool same<KeyValue>(const KeyValue& a, const KeyValue& b) {
  return a.value == b.value && a.index == b.index && a.weight == b.weight;
}


template <typename T>
std::vector<T> inputs(int n) {
  std::vector<T> v(n);
  for (int i = 0; i < n; ++i) v[i] = make_value<T>(i);
  return v;
}
template <>
std::vector<int> inputs<int>(int n) {
  std::vector<int> v(n);
  for (auto& x : v) x = small_int();
  return v;
}

template <typename T>
void report(const char* what, int bad) {
  if (bad) ++failures;
  printf("%-34s %s\n", what, bad ? "FAILED" : "ok");
}

template <typename T, int W, typename Op>
void test_warp_reduce(const char* what, Op op, bool partial) {
  const int n = 128;  // two blocks of 64 threads: two hardware warps' worth of logical warps
  auto in = inputs<T>(n);
  T *d_in = to_device(in), *d_out = to_device(std::vector<T>(n / W)), *d_all = to_device(std::vector<T>(n));
  warp_reduce_kernel<T, W><<<2, 64>>>(d_in, d_out, d_all, op, partial);
  EXPECT_OK(cudaGetLastError());
  auto out = from_device(d_out, n / W), all = from_device(d_all, n);
  int bad = 0;
  for (int w = 0; w < n / W; ++w) {
    const int valid = partial ? w % W + 1 : W;
    T want = in[w * W], want_all = in[w * W];
    for (int i = 1; i < valid; ++i) want = op(want, in[w * W + i]);
    for (int i = 1; i < W; ++i) want_all = op(want_all, in[w * W + i]);
    if (!same(out[w], want)) ++bad;
    for (int i = 0; i < W; ++i)
      if (!same(all[w * W + i], want_all)) ++bad;
  }
  report<T>(what, bad);
}

template <typename T, int W, typename Op>
void test_warp_scan(const char* what, Op op, T initial) {
  const int n = 128;
  auto in = inputs<T>(n);
  T *d_in = to_device(in), *d_inc = to_device(std::vector<T>(n)), *d_exc = to_device(std::vector<T>(n)),
    *d_agg = to_device(std::vector<T>(n / W));
  warp_scan_kernel<T, W><<<2, 64>>>(d_in, d_inc, d_exc, d_agg, initial, op);
  EXPECT_OK(cudaGetLastError());
  auto inc = from_device(d_inc, n), exc = from_device(d_exc, n), agg = from_device(d_agg, n / W);
  int bad = 0;
  for (int w = 0; w < n / W; ++w) {
    T run = in[w * W], ex = initial;
    for (int i = 0; i < W; ++i) {
      if (i > 0) run = op(run, in[w * W + i]);
      if (!same(inc[w * W + i], run) || !same(exc[w * W + i], ex)) ++bad;
      ex = op(ex, in[w * W + i]);
    }
    if (!same(agg[w], run)) ++bad;
  }
  report<T>(what, bad);
}

template <typename T, int BLOCK, typename Op>
void test_block_reduce(const char* what, Op op) {
  const std::vector<int> num_valid = {BLOCK, 1, 31, 32, 33, BLOCK - 1, BLOCK / 2 + 5};
  const int blocks = (int)num_valid.size();
  auto in = inputs<T>(blocks * BLOCK);
  T *d_in = to_device(in), *d_out = to_device(std::vector<T>(blocks));
  int* d_valid = to_device(num_valid);
  block_reduce_kernel<T, BLOCK><<<blocks, BLOCK>>>(d_in, d_out, d_valid, op);
  EXPECT_OK(cudaGetLastError());
  auto out = from_device(d_out, blocks);
  int bad = 0;
  for (int b = 0; b < blocks; ++b) {
    T want = in[b * BLOCK];
    for (int i = 1; i < num_valid[b]; ++i) want = op(want, in[b * BLOCK + i]);
    if (!same(out[b], want)) {
      if (bad < 3) fprintf(stderr, "%s: block %d (num_valid %d) wrong\n", what, b, num_valid[b]);
      ++bad;
    }
  }
  report<T>(what, bad);
}

template <typename T, int BLOCK, typename Op>
void test_block_scan(const char* what, Op op, T initial) {
  const int blocks = 3, n = blocks * BLOCK;
  auto in = inputs<T>(n);
  T *d_in = to_device(in), *d_inc = to_device(std::vector<T>(n)), *d_exc = to_device(std::vector<T>(n)),
    *d_agg = to_device(std::vector<T>(2 * blocks));
  block_scan_kernel<T, BLOCK><<<blocks, BLOCK>>>(d_in, d_inc, d_exc, d_agg, initial, op);
  EXPECT_OK(cudaGetLastError());
  auto inc = from_device(d_inc, n), exc = from_device(d_exc, n), agg = from_device(d_agg, 2 * blocks);
  int bad = 0;
  for (int b = 0; b < blocks; ++b) {
    T run = in[b * BLOCK], ex = initial;
    for (int i = 0; i < BLOCK; ++i) {
      if (i > 0) run = op(run, in[b * BLOCK + i]);
      if (!same(inc[b * BLOCK + i], run) || !same(exc[b * BLOCK + i], ex)) {
        if (bad < 3) fprintf(stderr, "%s: block %d thread %d wrong\n", what, b, i);
        ++bad;
      }
      ex = op(ex, in[b * BLOCK + i]);
    }
    if (!same(agg[2 * b], run) || !same(agg[2 * b + 1], run)) ++bad;
  }
  report<T>(what, bad);
}

}  // namespace

int main() {
  const KeyValue kv_identity{-1e30f, 1 << 30, 0.0};

  test_warp_reduce<int, 32>("WarpReduce<int,32> sum", Sum(), false);
  test_warp_reduce<int, 32>("WarpReduce<int,32> sum partial", Sum(), true);
  test_warp_reduce<int, 8>("WarpReduce<int,8> max partial", Max(), true);
  test_warp_reduce<int, 1>("WarpReduce<int,1> sum", Sum(), false);
  test_warp_reduce<float, 16>("WarpReduce<float,16> sum", Sum(), false);
  test_warp_reduce<float, 4>("WarpReduce<float,4> max partial", Max(), true);
  test_warp_reduce<double, 32>("WarpReduce<double,32> sum partial", Sum(), true);
  test_warp_reduce<double, 2>("WarpReduce<double,2> max", Max(), false);
  test_warp_reduce<KeyValue, 32>("WarpReduce<KeyValue,32> argmax", ArgMax(), false);
  test_warp_reduce<KeyValue, 16>("WarpReduce<KeyValue,16> argmax part", ArgMax(), true);

  test_warp_scan<int, 32>("WarpScan<int,32> sum", Sum(), 0);
  test_warp_scan<int, 8>("WarpScan<int,8> max", Max(), -2000000);
  test_warp_scan<float, 16>("WarpScan<float,16> sum", Sum(), 0.5f);
  test_warp_scan<double, 32>("WarpScan<double,32> sum", Sum(), 0.0);
  test_warp_scan<KeyValue, 4>("WarpScan<KeyValue,4> argmax", ArgMax(), kv_identity);

  test_block_reduce<int, 128>("BlockReduce<int,128> sum", Sum());
  test_block_reduce<float, 256>("BlockReduce<float,256> max", Max());
  test_block_reduce<double, 96>("BlockReduce<double,96> sum", Sum());
  test_block_reduce<KeyValue, 64>("BlockReduce<KeyValue,64> argmax", ArgMax());

  test_block_scan<int, 128>("BlockScan<int,128> sum", Sum(), 7);
  test_block_scan<float, 64>("BlockScan<float,64> max", Max(), -1e30f);
  test_block_scan<double, 256>("BlockScan<double,256> sum", Sum(), 0.0);
  test_block_scan<KeyValue, 96>("BlockScan<KeyValue,96> argmax", ArgMax(), kv_identity);

  printf("%s\n", failures ? "FAILED" : "PASSED");
  return failures ? 1 : 0;
}
