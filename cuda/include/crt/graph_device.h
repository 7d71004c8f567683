/* Canopy's CUDA headers: what device code calls on graphs (CUDA's cuda_device_runtime_api.h). A conditional
   handle is the device address of the condition's 32-bit cell, which the graph reads when it reaches the
   conditional node (cuda/runtime/graph_exec.cpp). */
#ifndef CANOPY_CRT_GRAPH_DEVICE_H
#define CANOPY_CRT_GRAPH_DEVICE_H

#include "crt/graph_types.h"

static __inline__ __device__ void cudaGraphSetConditional(cudaGraphConditionalHandle handle, unsigned int value) {
  *(volatile unsigned int*)(size_t)handle = value;
}

#endif
