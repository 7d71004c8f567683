// cuRAND's host API (docs/libs.md): generators of the XORWOW and Philox4_32_10 algorithms whose states
// live on the GPU. A generator keeps kThreads states, state t on subsequence t of the seed (curand_init
// of curand_kernel.h, so each is exactly the device API's sequence), advanced by the offset. A call
// producing `num` results gives result j to state j mod kThreads, in order, and each state continues
// where it stopped at the next call. Output goes to device memory, or to host memory for generators made
// by curandCreateGeneratorHost (generated on the GPU, then copied).
#include <curand.h>
#include <curand_kernel.h>

#include <new>

namespace {

constexpr int kThreads = 4096;
constexpr int kBlock = 256;

enum class Algorithm { Xorwow, Philox };

enum class Output { Bits, Uniform, UniformDouble, Normal, NormalDouble, LogNormal, LogNormalDouble, Poisson };

}  // namespace

struct curandGenerator_st {
  Algorithm algorithm;
  curandRngType_t type;
  bool host_output;
  unsigned long long seed = 0;
  unsigned long long offset = 0;
  curandOrdering_t ordering = CURAND_ORDERING_PSEUDO_DEFAULT;
  cudaStream_t stream = nullptr;
  void* states = nullptr;  // kThreads states of the algorithm's type
  bool states_ready = false;
};

namespace {

template <typename State>
__global__ void init_states(State* states, unsigned long long seed, unsigned long long offset) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t < kThreads) curand_init(seed, t, offset, &states[t]);
}

// Results j = t, t + kThreads, ... of this call, each from state t. Normals come in Box-Muller pairs
// (results 2p and 2p + 1 from pair p), as cuRAND's host API makes them.
template <typename State, typename Value>
__global__ void generate_kernel(State* states, Value* out, size_t num, Output kind, Value mean, Value stddev,
                                double lambda) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t >= kThreads) return;
  State s = states[t];
  bool pairs = kind == Output::Normal || kind == Output::NormalDouble || kind == Output::LogNormal ||
               kind == Output::LogNormalDouble;
  size_t count = pairs ? num / 2 : num;
  for (size_t j = t; j < count; j += kThreads) {
    if constexpr (__is_same(Value, unsigned int)) {
      out[j] = kind == Output::Poisson ? curand_poisson(&s, lambda) : curand(&s);
    } else if (kind == Output::Uniform || kind == Output::UniformDouble) {
      if constexpr (__is_same(Value, float))
        out[j] = curand_uniform(&s);
      else
        out[j] = curand_uniform_double(&s);
    } else {
      // A Box-Muller pair, scaled, and exponentiated for the log-normal kinds.
      Value pair[2];
      if constexpr (__is_same(Value, float)) {
        float2 v = curand_normal2(&s);
        pair[0] = v.x, pair[1] = v.y;
      } else {
        double2 v = curand_normal2_double(&s);
        pair[0] = v.x, pair[1] = v.y;
      }
      for (int h = 0; h < 2; ++h) {
        Value x = mean + stddev * pair[h];
        out[2 * j + h] = kind == Output::LogNormal || kind == Output::LogNormalDouble ? exp(x) : x;
      }
    }
  }
  states[t] = s;
}

curandStatus_t launch_status() {
  return cudaGetLastError() == cudaSuccess ? CURAND_STATUS_SUCCESS : CURAND_STATUS_LAUNCH_FAILURE;
}

template <typename State>
curandStatus_t prepare(curandGenerator_t g) {
  if (g->states_ready) return CURAND_STATUS_SUCCESS;
  init_states<<<kThreads / kBlock, kBlock, 0, g->stream>>>(static_cast<State*>(g->states), g->seed, g->offset);
  if (curandStatus_t status = launch_status(); status != CURAND_STATUS_SUCCESS) return status;
  g->states_ready = true;
  return CURAND_STATUS_SUCCESS;
}

template <typename State, typename Value>
curandStatus_t generate_with(curandGenerator_t g, Value* out, size_t num, Output kind, Value mean, Value stddev,
                             double lambda) {
  if (curandStatus_t status = prepare<State>(g); status != CURAND_STATUS_SUCCESS) return status;
  Value* target = out;
  if (g->host_output && cudaMallocAsync(reinterpret_cast<void**>(&target), num * sizeof(Value), g->stream) != cudaSuccess)
    return CURAND_STATUS_ALLOCATION_FAILED;
  generate_kernel<<<kThreads / kBlock, kBlock, 0, g->stream>>>(static_cast<State*>(g->states), target, num, kind, mean,
                                                               stddev, lambda);
  curandStatus_t status = launch_status();
  if (g->host_output) {
    if (status == CURAND_STATUS_SUCCESS &&
        (cudaMemcpyAsync(out, target, num * sizeof(Value), cudaMemcpyDeviceToHost, g->stream) != cudaSuccess ||
         cudaStreamSynchronize(g->stream) != cudaSuccess))
      status = CURAND_STATUS_LAUNCH_FAILURE;
    cudaFreeAsync(target, g->stream);
  }
  return status;
}

template <typename Value>
curandStatus_t generate(curandGenerator_t g, Value* out, size_t num, Output kind, Value mean = Value(),
                        Value stddev = Value(), double lambda = 0) {
  if (!g) return CURAND_STATUS_NOT_INITIALIZED;
  if (num == 0) return CURAND_STATUS_SUCCESS;
  if (!out) return CURAND_STATUS_OUT_OF_RANGE;
  bool pairs = kind != Output::Bits && kind != Output::Uniform && kind != Output::UniformDouble &&
               kind != Output::Poisson;
  if (pairs && num % 2 != 0) return CURAND_STATUS_LENGTH_NOT_MULTIPLE;
  return g->algorithm == Algorithm::Xorwow
             ? generate_with<curandStateXORWOW_t>(g, out, num, kind, mean, stddev, lambda)
             : generate_with<curandStatePhilox4_32_10_t>(g, out, num, kind, mean, stddev, lambda);
}

curandStatus_t create(curandGenerator_t* generator, curandRngType_t type, bool host_output) {
  if (!generator) return CURAND_STATUS_NOT_INITIALIZED;
  *generator = nullptr;
  Algorithm algorithm;
  switch (type) {
    case CURAND_RNG_PSEUDO_DEFAULT:
    case CURAND_RNG_PSEUDO_XORWOW: algorithm = Algorithm::Xorwow; break;
    case CURAND_RNG_PSEUDO_PHILOX4_32_10: algorithm = Algorithm::Philox; break;
    default: return CURAND_STATUS_TYPE_ERROR;  // MRG32k3a, MTGP32, MT19937 and Sobol are not provided yet
  }
  int devices = 0;
  if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) return CURAND_STATUS_INITIALIZATION_FAILED;
  auto* g = new (std::nothrow) curandGenerator_st{algorithm, type, host_output};
  if (!g) return CURAND_STATUS_ALLOCATION_FAILED;
  size_t bytes = kThreads * (algorithm == Algorithm::Xorwow ? sizeof(curandStateXORWOW_t)
                                                            : sizeof(curandStatePhilox4_32_10_t));
  if (cudaMalloc(&g->states, bytes) != cudaSuccess) {
    delete g;
    return CURAND_STATUS_ALLOCATION_FAILED;
  }
  *generator = g;
  return CURAND_STATUS_SUCCESS;
}

}  // namespace

extern "C" {

curandStatus_t curandCreateGenerator(curandGenerator_t* generator, curandRngType_t rng_type) {
  return create(generator, rng_type, false);
}
curandStatus_t curandCreateGeneratorHost(curandGenerator_t* generator, curandRngType_t rng_type) {
  return create(generator, rng_type, true);
}

curandStatus_t curandDestroyGenerator(curandGenerator_t generator) {
  if (!generator) return CURAND_STATUS_NOT_INITIALIZED;
  cudaFree(generator->states);  // waits for the generator's work
  delete generator;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandGetVersion(int* version) {
  if (!version) return CURAND_STATUS_OUT_OF_RANGE;
  *version = CURAND_VERSION;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandGetProperty(libraryPropertyType type, int* value) {
  if (!value) return CURAND_STATUS_OUT_OF_RANGE;
  switch (type) {
    case MAJOR_VERSION: *value = CURAND_VER_MAJOR; return CURAND_STATUS_SUCCESS;
    case MINOR_VERSION: *value = CURAND_VER_MINOR; return CURAND_STATUS_SUCCESS;
    case PATCH_LEVEL: *value = CURAND_VER_PATCH; return CURAND_STATUS_SUCCESS;
  }
  return CURAND_STATUS_OUT_OF_RANGE;
}

curandStatus_t curandSetStream(curandGenerator_t generator, cudaStream_t stream) {
  if (!generator) return CURAND_STATUS_NOT_INITIALIZED;
  generator->stream = stream;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandSetPseudoRandomGeneratorSeed(curandGenerator_t generator, unsigned long long seed) {
  if (!generator) return CURAND_STATUS_NOT_INITIALIZED;
  generator->seed = seed;
  generator->states_ready = false;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandSetGeneratorOffset(curandGenerator_t generator, unsigned long long offset) {
  if (!generator) return CURAND_STATUS_NOT_INITIALIZED;
  generator->offset = offset;
  generator->states_ready = false;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandSetGeneratorOrdering(curandGenerator_t generator, curandOrdering_t order) {
  if (!generator) return CURAND_STATUS_NOT_INITIALIZED;
  if (order != CURAND_ORDERING_PSEUDO_BEST && order != CURAND_ORDERING_PSEUDO_DEFAULT &&
      order != CURAND_ORDERING_PSEUDO_SEEDED && order != CURAND_ORDERING_PSEUDO_LEGACY &&
      order != CURAND_ORDERING_PSEUDO_DYNAMIC)
    return CURAND_STATUS_OUT_OF_RANGE;
  generator->ordering = order;  // one ordering for all (docs/libs.md)
  generator->states_ready = false;
  return CURAND_STATUS_SUCCESS;
}

curandStatus_t curandGenerateSeeds(curandGenerator_t generator) {
  if (!generator) return CURAND_STATUS_NOT_INITIALIZED;
  return generator->algorithm == Algorithm::Xorwow ? prepare<curandStateXORWOW_t>(generator)
                                                   : prepare<curandStatePhilox4_32_10_t>(generator);
}

curandStatus_t curandGenerate(curandGenerator_t generator, unsigned int* outputPtr, size_t num) {
  return generate(generator, outputPtr, num, Output::Bits);
}
curandStatus_t curandGenerateUniform(curandGenerator_t generator, float* outputPtr, size_t num) {
  return generate(generator, outputPtr, num, Output::Uniform);
}
curandStatus_t curandGenerateUniformDouble(curandGenerator_t generator, double* outputPtr, size_t num) {
  return generate(generator, outputPtr, num, Output::UniformDouble);
}
curandStatus_t curandGenerateNormal(curandGenerator_t generator, float* outputPtr, size_t n, float mean,
                                    float stddev) {
  return generate(generator, outputPtr, n, Output::Normal, mean, stddev);
}
curandStatus_t curandGenerateNormalDouble(curandGenerator_t generator, double* outputPtr, size_t n, double mean,
                                          double stddev) {
  return generate(generator, outputPtr, n, Output::NormalDouble, mean, stddev);
}
curandStatus_t curandGenerateLogNormal(curandGenerator_t generator, float* outputPtr, size_t n, float mean,
                                       float stddev) {
  return generate(generator, outputPtr, n, Output::LogNormal, mean, stddev);
}
curandStatus_t curandGenerateLogNormalDouble(curandGenerator_t generator, double* outputPtr, size_t n, double mean,
                                             double stddev) {
  return generate(generator, outputPtr, n, Output::LogNormalDouble, mean, stddev);
}

curandStatus_t curandGeneratePoisson(curandGenerator_t generator, unsigned int* outputPtr, size_t n, double lambda) {
  if (generator && !(lambda > 0)) return CURAND_STATUS_OUT_OF_RANGE;
  return generate(generator, outputPtr, n, Output::Poisson, 0u, 0u, lambda);
}

}  // extern "C"
