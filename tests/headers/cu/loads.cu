// Loads and stores with cache hints: copy kernels over every type, one hint pair per kernel.
#define COPY_TYPES(X)                                                                                  \
  X(char) X(signed char) X(unsigned char) X(short) X(unsigned short) X(int) X(unsigned int) X(long)   \
  X(unsigned long) X(long long) X(unsigned long long) X(float) X(double) X(char2) X(char4) X(uchar2)  \
  X(uchar4) X(short2) X(short4) X(ushort2) X(ushort4) X(int2) X(int4) X(uint2) X(uint4) X(longlong2)  \
  X(ulonglong2) X(float2) X(float4) X(double2)

// Copies `bytes` bytes (a multiple of 16) from src to dst as an array of each type in turn, advancing by
// the type's size, with the given load and store; 30 types, so dst receives 30 copies of src.
#define COPY_ONE(T)                                                                                    \
  {                                                                                                    \
    const T* s = (const T*)src;                                                                        \
    T* d = (T*)dst;                                                                                    \
    for (unsigned i = threadIdx.x; i < bytes / sizeof(T); i += blockDim.x) STORE(d + i, LOAD(s + i));  \
    dst += bytes;                                                                                      \
  }
#define COPY_KERNEL(name, load, store)                                                                 \
  __global__ void name(const char* src, char* dst, unsigned bytes) {                                   \
    COPY_TYPES(COPY_ONE)                                                                               \
  }

#define PLAIN_STORE(p, v) (*(p) = (v))
#define LOAD __ldg
#define STORE PLAIN_STORE
COPY_KERNEL(copy_ldg, , )
#undef LOAD
#undef STORE
#define LOAD __ldcg
#define STORE __stcg
COPY_KERNEL(copy_cg, , )
#undef LOAD
#undef STORE
#define LOAD __ldca
#define STORE __stwb
COPY_KERNEL(copy_ca_wb, , )
#undef LOAD
#undef STORE
#define LOAD __ldcs
#define STORE __stcs
COPY_KERNEL(copy_cs, , )
#undef LOAD
#undef STORE
#define LOAD __ldlu
#define STORE __stwt
COPY_KERNEL(copy_lu_wt, , )
#undef LOAD
#undef STORE
#define LOAD __ldcv
#define STORE PLAIN_STORE
COPY_KERNEL(copy_cv, , )

// A store then a hinted load of the same word in one thread must see the store.
__global__ void store_then_load(int* p, int* out) {
  p[threadIdx.x] = (int)threadIdx.x * 3;
  out[threadIdx.x] = __ldcg(p + threadIdx.x) + __ldcv(p + threadIdx.x);
}
