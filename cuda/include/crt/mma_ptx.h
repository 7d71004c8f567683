/* Canopy's CUDA headers: one inline-PTX function per wmma.load / wmma.store / wmma.mma form that mma.h
   offers (clang 14's __hmma/__imma builtins need PTX features its driver enables only with libdevice).
   Fragments travel as arrays of 32-bit registers; the fragment layouts are the finalizer's
   (docs/finalizer.md, "Tensor cores"). */
#ifndef CANOPY_CRT_MMA_PTX_H
#define CANOPY_CRT_MMA_PTX_H

#include "crt/device_common.h"

__CANOPY_DEVICE__ void __canopy_wmma_ld_a_m16n16k16_f16_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.a.sync.aligned.row.m16n16k16.f16 {%0,%1,%2,%3,%4,%5,%6,%7}, [%8], %9;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_a_m16n16k16_f16_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.a.sync.aligned.col.m16n16k16.f16 {%0,%1,%2,%3,%4,%5,%6,%7}, [%8], %9;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_b_m16n16k16_f16_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.b.sync.aligned.row.m16n16k16.f16 {%0,%1,%2,%3,%4,%5,%6,%7}, [%8], %9;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_b_m16n16k16_f16_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.b.sync.aligned.col.m16n16k16.f16 {%0,%1,%2,%3,%4,%5,%6,%7}, [%8], %9;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_a_m16n16k16_bf16_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.a.sync.aligned.row.m16n16k16.bf16 {%0,%1,%2,%3}, [%4], %5;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_a_m16n16k16_bf16_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.a.sync.aligned.col.m16n16k16.bf16 {%0,%1,%2,%3}, [%4], %5;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_b_m16n16k16_bf16_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.b.sync.aligned.row.m16n16k16.bf16 {%0,%1,%2,%3}, [%4], %5;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_b_m16n16k16_bf16_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.b.sync.aligned.col.m16n16k16.bf16 {%0,%1,%2,%3}, [%4], %5;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_a_m16n16k8_tf32_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.a.sync.aligned.row.m16n16k8.tf32 {%0,%1,%2,%3}, [%4], %5;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_a_m16n16k8_tf32_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.a.sync.aligned.col.m16n16k8.tf32 {%0,%1,%2,%3}, [%4], %5;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_b_m16n16k8_tf32_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.b.sync.aligned.row.m16n16k8.tf32 {%0,%1,%2,%3}, [%4], %5;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_b_m16n16k8_tf32_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.b.sync.aligned.col.m16n16k8.tf32 {%0,%1,%2,%3}, [%4], %5;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_a_m16n16k16_s8_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.a.sync.aligned.row.m16n16k16.s8 {%0,%1}, [%2], %3;"
               : "=r"(r[0]), "=r"(r[1])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_a_m16n16k16_s8_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.a.sync.aligned.col.m16n16k16.s8 {%0,%1}, [%2], %3;"
               : "=r"(r[0]), "=r"(r[1])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_b_m16n16k16_s8_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.b.sync.aligned.row.m16n16k16.s8 {%0,%1}, [%2], %3;"
               : "=r"(r[0]), "=r"(r[1])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_b_m16n16k16_s8_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.b.sync.aligned.col.m16n16k16.s8 {%0,%1}, [%2], %3;"
               : "=r"(r[0]), "=r"(r[1])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_a_m16n16k16_u8_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.a.sync.aligned.row.m16n16k16.u8 {%0,%1}, [%2], %3;"
               : "=r"(r[0]), "=r"(r[1])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_a_m16n16k16_u8_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.a.sync.aligned.col.m16n16k16.u8 {%0,%1}, [%2], %3;"
               : "=r"(r[0]), "=r"(r[1])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_b_m16n16k16_u8_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.b.sync.aligned.row.m16n16k16.u8 {%0,%1}, [%2], %3;"
               : "=r"(r[0]), "=r"(r[1])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_b_m16n16k16_u8_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.b.sync.aligned.col.m16n16k16.u8 {%0,%1}, [%2], %3;"
               : "=r"(r[0]), "=r"(r[1])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_c_m16n16k16_f32_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.c.sync.aligned.row.m16n16k16.f32 {%0,%1,%2,%3,%4,%5,%6,%7}, [%8], %9;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_c_m16n16k16_f32_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.c.sync.aligned.col.m16n16k16.f32 {%0,%1,%2,%3,%4,%5,%6,%7}, [%8], %9;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_c_m16n16k16_f16_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.c.sync.aligned.row.m16n16k16.f16 {%0,%1,%2,%3}, [%4], %5;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_c_m16n16k16_f16_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.c.sync.aligned.col.m16n16k16.f16 {%0,%1,%2,%3}, [%4], %5;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_c_m16n16k16_s32_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.c.sync.aligned.row.m16n16k16.s32 {%0,%1,%2,%3,%4,%5,%6,%7}, [%8], %9;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_c_m16n16k16_s32_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.c.sync.aligned.col.m16n16k16.s32 {%0,%1,%2,%3,%4,%5,%6,%7}, [%8], %9;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_c_m16n16k8_f32_row(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.c.sync.aligned.row.m16n16k8.f32 {%0,%1,%2,%3,%4,%5,%6,%7}, [%8], %9;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_ld_c_m16n16k8_f32_col(unsigned int* r, const void* p, unsigned int ldm) {
  asm volatile("wmma.load.c.sync.aligned.col.m16n16k8.f32 {%0,%1,%2,%3,%4,%5,%6,%7}, [%8], %9;"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3]), "=r"(r[4]), "=r"(r[5]), "=r"(r[6]), "=r"(r[7])
               : "l"(p), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_st_m16n16k16_f32_row(void* p, const unsigned int* r, unsigned int ldm) {
  asm volatile("wmma.store.d.sync.aligned.row.m16n16k16.f32 [%0], {%1,%2,%3,%4,%5,%6,%7,%8}, %9;"
               :
               : "l"(p), "r"(r[0]), "r"(r[1]), "r"(r[2]), "r"(r[3]), "r"(r[4]), "r"(r[5]), "r"(r[6]), "r"(r[7]), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_st_m16n16k16_f32_col(void* p, const unsigned int* r, unsigned int ldm) {
  asm volatile("wmma.store.d.sync.aligned.col.m16n16k16.f32 [%0], {%1,%2,%3,%4,%5,%6,%7,%8}, %9;"
               :
               : "l"(p), "r"(r[0]), "r"(r[1]), "r"(r[2]), "r"(r[3]), "r"(r[4]), "r"(r[5]), "r"(r[6]), "r"(r[7]), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_st_m16n16k16_f16_row(void* p, const unsigned int* r, unsigned int ldm) {
  asm volatile("wmma.store.d.sync.aligned.row.m16n16k16.f16 [%0], {%1,%2,%3,%4}, %5;"
               :
               : "l"(p), "r"(r[0]), "r"(r[1]), "r"(r[2]), "r"(r[3]), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_st_m16n16k16_f16_col(void* p, const unsigned int* r, unsigned int ldm) {
  asm volatile("wmma.store.d.sync.aligned.col.m16n16k16.f16 [%0], {%1,%2,%3,%4}, %5;"
               :
               : "l"(p), "r"(r[0]), "r"(r[1]), "r"(r[2]), "r"(r[3]), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_st_m16n16k16_s32_row(void* p, const unsigned int* r, unsigned int ldm) {
  asm volatile("wmma.store.d.sync.aligned.row.m16n16k16.s32 [%0], {%1,%2,%3,%4,%5,%6,%7,%8}, %9;"
               :
               : "l"(p), "r"(r[0]), "r"(r[1]), "r"(r[2]), "r"(r[3]), "r"(r[4]), "r"(r[5]), "r"(r[6]), "r"(r[7]), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_st_m16n16k16_s32_col(void* p, const unsigned int* r, unsigned int ldm) {
  asm volatile("wmma.store.d.sync.aligned.col.m16n16k16.s32 [%0], {%1,%2,%3,%4,%5,%6,%7,%8}, %9;"
               :
               : "l"(p), "r"(r[0]), "r"(r[1]), "r"(r[2]), "r"(r[3]), "r"(r[4]), "r"(r[5]), "r"(r[6]), "r"(r[7]), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_st_m16n16k8_f32_row(void* p, const unsigned int* r, unsigned int ldm) {
  asm volatile("wmma.store.d.sync.aligned.row.m16n16k8.f32 [%0], {%1,%2,%3,%4,%5,%6,%7,%8}, %9;"
               :
               : "l"(p), "r"(r[0]), "r"(r[1]), "r"(r[2]), "r"(r[3]), "r"(r[4]), "r"(r[5]), "r"(r[6]), "r"(r[7]), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_st_m16n16k8_f32_col(void* p, const unsigned int* r, unsigned int ldm) {
  asm volatile("wmma.store.d.sync.aligned.col.m16n16k8.f32 [%0], {%1,%2,%3,%4,%5,%6,%7,%8}, %9;"
               :
               : "l"(p), "r"(r[0]), "r"(r[1]), "r"(r[2]), "r"(r[3]), "r"(r[4]), "r"(r[5]), "r"(r[6]), "r"(r[7]), "r"(ldm)
               : "memory");
}

__CANOPY_DEVICE__ void __canopy_wmma_mma_f16_f32(unsigned int* d, const unsigned int* a, const unsigned int* b,
                                             const unsigned int* c) {
  asm volatile("wmma.mma.sync.aligned.row.col.m16n16k16.f32.f32 {%0,%1,%2,%3,%4,%5,%6,%7}, {%8,%9,%10,%11,%12,%13,%14,%15}, {%16,%17,%18,%19,%20,%21,%22,%23}, {%24,%25,%26,%27,%28,%29,%30,%31};"
               : "=r"(d[0]), "=r"(d[1]), "=r"(d[2]), "=r"(d[3]), "=r"(d[4]), "=r"(d[5]), "=r"(d[6]), "=r"(d[7])
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(a[4]), "r"(a[5]), "r"(a[6]), "r"(a[7]), "r"(b[0]), "r"(b[1]), "r"(b[2]), "r"(b[3]), "r"(b[4]), "r"(b[5]), "r"(b[6]), "r"(b[7]), "r"(c[0]), "r"(c[1]), "r"(c[2]), "r"(c[3]), "r"(c[4]), "r"(c[5]), "r"(c[6]), "r"(c[7]));
}

__CANOPY_DEVICE__ void __canopy_wmma_mma_f16_f16(unsigned int* d, const unsigned int* a, const unsigned int* b,
                                             const unsigned int* c) {
  asm volatile("wmma.mma.sync.aligned.row.col.m16n16k16.f16.f16 {%0,%1,%2,%3}, {%4,%5,%6,%7,%8,%9,%10,%11}, {%12,%13,%14,%15,%16,%17,%18,%19}, {%20,%21,%22,%23};"
               : "=r"(d[0]), "=r"(d[1]), "=r"(d[2]), "=r"(d[3])
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(a[4]), "r"(a[5]), "r"(a[6]), "r"(a[7]), "r"(b[0]), "r"(b[1]), "r"(b[2]), "r"(b[3]), "r"(b[4]), "r"(b[5]), "r"(b[6]), "r"(b[7]), "r"(c[0]), "r"(c[1]), "r"(c[2]), "r"(c[3]));
}

__CANOPY_DEVICE__ void __canopy_wmma_mma_bf16_f32(unsigned int* d, const unsigned int* a, const unsigned int* b,
                                             const unsigned int* c) {
  asm volatile("wmma.mma.sync.aligned.row.col.m16n16k16.f32.bf16.bf16.f32 {%0,%1,%2,%3,%4,%5,%6,%7}, {%8,%9,%10,%11}, {%12,%13,%14,%15}, {%16,%17,%18,%19,%20,%21,%22,%23};"
               : "=r"(d[0]), "=r"(d[1]), "=r"(d[2]), "=r"(d[3]), "=r"(d[4]), "=r"(d[5]), "=r"(d[6]), "=r"(d[7])
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]), "r"(b[2]), "r"(b[3]), "r"(c[0]), "r"(c[1]), "r"(c[2]), "r"(c[3]), "r"(c[4]), "r"(c[5]), "r"(c[6]), "r"(c[7]));
}

__CANOPY_DEVICE__ void __canopy_wmma_mma_tf32_f32(unsigned int* d, const unsigned int* a, const unsigned int* b,
                                             const unsigned int* c) {
  asm volatile("wmma.mma.sync.aligned.row.col.m16n16k8.f32.tf32.tf32.f32 {%0,%1,%2,%3,%4,%5,%6,%7}, {%8,%9,%10,%11}, {%12,%13,%14,%15}, {%16,%17,%18,%19,%20,%21,%22,%23};"
               : "=r"(d[0]), "=r"(d[1]), "=r"(d[2]), "=r"(d[3]), "=r"(d[4]), "=r"(d[5]), "=r"(d[6]), "=r"(d[7])
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]), "r"(b[2]), "r"(b[3]), "r"(c[0]), "r"(c[1]), "r"(c[2]), "r"(c[3]), "r"(c[4]), "r"(c[5]), "r"(c[6]), "r"(c[7]));
}

__CANOPY_DEVICE__ void __canopy_wmma_mma_s8_s32(unsigned int* d, const unsigned int* a, const unsigned int* b,
                                             const unsigned int* c) {
  asm volatile("wmma.mma.sync.aligned.row.col.m16n16k16.s32.s8.s8.s32 {%0,%1,%2,%3,%4,%5,%6,%7}, {%8,%9}, {%10,%11}, {%12,%13,%14,%15,%16,%17,%18,%19};"
               : "=r"(d[0]), "=r"(d[1]), "=r"(d[2]), "=r"(d[3]), "=r"(d[4]), "=r"(d[5]), "=r"(d[6]), "=r"(d[7])
               : "r"(a[0]), "r"(a[1]), "r"(b[0]), "r"(b[1]), "r"(c[0]), "r"(c[1]), "r"(c[2]), "r"(c[3]), "r"(c[4]), "r"(c[5]), "r"(c[6]), "r"(c[7]));
}

__CANOPY_DEVICE__ void __canopy_wmma_mma_u8_s32(unsigned int* d, const unsigned int* a, const unsigned int* b,
                                             const unsigned int* c) {
  asm volatile("wmma.mma.sync.aligned.row.col.m16n16k16.s32.u8.u8.s32 {%0,%1,%2,%3,%4,%5,%6,%7}, {%8,%9}, {%10,%11}, {%12,%13,%14,%15,%16,%17,%18,%19};"
               : "=r"(d[0]), "=r"(d[1]), "=r"(d[2]), "=r"(d[3]), "=r"(d[4]), "=r"(d[5]), "=r"(d[6]), "=r"(d[7])
               : "r"(a[0]), "r"(a[1]), "r"(b[0]), "r"(b[1]), "r"(c[0]), "r"(c[1]), "r"(c[2]), "r"(c[3]), "r"(c[4]), "r"(c[5]), "r"(c[6]), "r"(c[7]));
}

__CANOPY_DEVICE__ void __canopy_wmma_mma_s8_s32_satf(unsigned int* d, const unsigned int* a, const unsigned int* b,
                                             const unsigned int* c) {
  asm volatile("wmma.mma.sync.aligned.row.col.m16n16k16.s32.s8.s8.s32.satfinite {%0,%1,%2,%3,%4,%5,%6,%7}, {%8,%9}, {%10,%11}, {%12,%13,%14,%15,%16,%17,%18,%19};"
               : "=r"(d[0]), "=r"(d[1]), "=r"(d[2]), "=r"(d[3]), "=r"(d[4]), "=r"(d[5]), "=r"(d[6]), "=r"(d[7])
               : "r"(a[0]), "r"(a[1]), "r"(b[0]), "r"(b[1]), "r"(c[0]), "r"(c[1]), "r"(c[2]), "r"(c[3]), "r"(c[4]), "r"(c[5]), "r"(c[6]), "r"(c[7]));
}

__CANOPY_DEVICE__ void __canopy_wmma_mma_u8_s32_satf(unsigned int* d, const unsigned int* a, const unsigned int* b,
                                             const unsigned int* c) {
  asm volatile("wmma.mma.sync.aligned.row.col.m16n16k16.s32.u8.u8.s32.satfinite {%0,%1,%2,%3,%4,%5,%6,%7}, {%8,%9}, {%10,%11}, {%12,%13,%14,%15,%16,%17,%18,%19};"
               : "=r"(d[0]), "=r"(d[1]), "=r"(d[2]), "=r"(d[3]), "=r"(d[4]), "=r"(d[5]), "=r"(d[6]), "=r"(d[7])
               : "r"(a[0]), "r"(a[1]), "r"(b[0]), "r"(b[1]), "r"(c[0]), "r"(c[1]), "r"(c[2]), "r"(c[3]), "r"(c[4]), "r"(c[5]), "r"(c[6]), "r"(c[7]));
}


#include "crt/mma_ptx_tall.h" /* the m32n8k16 and m8n32k16 forms */

#endif /* CANOPY_CRT_MMA_PTX_H */
