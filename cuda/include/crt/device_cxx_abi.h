/* Canopy's CUDA headers: the C++ ABI functions device code needs, which CUDA's device runtime provides:
   a vtable of a class with pure virtual functions points at __cxa_pure_virtual (called only if a pure
   virtual function is called through it, which traps as on a GPU). Device pass only; weak, so that
   every translation unit may carry it. */
#ifndef CANOPY_CRT_DEVICE_CXX_ABI_H
#define CANOPY_CRT_DEVICE_CXX_ABI_H

#if defined(__CUDA_ARCH__)
extern "C" __device__ __attribute__((weak)) void __cxa_pure_virtual(void) { asm volatile("trap;"); }
#endif

#endif
