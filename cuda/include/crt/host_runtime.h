/* Canopy's CUDA headers: the entry points clang's generated host code calls (docs/cuda.md): fat-binary,
   kernel and variable registration from each translation unit's constructor, and the launch
   configuration that `k<<<g, b, s, st>>>(...)` pushes and the kernel's stub pops. */
#ifndef CANOPY_CRT_HOST_RUNTIME_H
#define CANOPY_CRT_HOST_RUNTIME_H

#include <stddef.h>

#include "crt/host_defines.h"
#include "driver_types.h"
#include "vector_types.h"

#if defined(__cplusplus)
extern "C" {
#endif

/* fatCubin points to clang's wrapper {int magic = 0x466243b1; int version = 1; const void* data;
   void* unused;}; the returned handle identifies the fat binary in the calls below. */
void** __cudaRegisterFatBinary(void* fatCubin);
void __cudaRegisterFatBinaryEnd(void** fatCubinHandle);
void __cudaUnregisterFatBinary(void** fatCubinHandle);
/* hostFun is the kernel's host stub (the pointer cudaLaunchKernel receives); deviceFun its device name. */
void __cudaRegisterFunction(void** fatCubinHandle, const char* hostFun, char* deviceFun, const char* deviceName,
                            int thread_limit, uint3* tid, uint3* bid, dim3* bDim, dim3* gDim, int* wSize);
/* hostVar is the host shadow of a __device__/__constant__ variable (the `symbol` of cudaMemcpyToSymbol). */
void __cudaRegisterVar(void** fatCubinHandle, char* hostVar, char* deviceAddress, const char* deviceName, int ext,
                       size_t size, int constant, int global);
/* hostVar is a texture<> variable (a texture reference); dim and norm are its texture type and whether it
   reads normalized floats (the template's arguments). */
struct textureReference;
void __cudaRegisterTexture(void** fatCubinHandle, const struct textureReference* hostVar, const void** deviceAddress,
                           const char* deviceName, int dim, int norm, int ext);
#if defined(__cplusplus)
unsigned __cudaPushCallConfiguration(dim3 gridDim, dim3 blockDim, size_t sharedMem = 0,
                                     struct CUstream_st* stream = 0);
#else
unsigned __cudaPushCallConfiguration(dim3 gridDim, dim3 blockDim, size_t sharedMem, struct CUstream_st* stream);
#endif
cudaError_t __cudaPopCallConfiguration(dim3* gridDim, dim3* blockDim, size_t* sharedMem, void* stream);

#if defined(__cplusplus)
}
#endif

#endif /* CANOPY_CRT_HOST_RUNTIME_H */
