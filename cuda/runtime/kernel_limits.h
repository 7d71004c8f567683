// What a kernel may be launched with on a device: shared by launch checks, cudaFuncGetAttributes and the
// occupancy calculator.
#pragma once

#include <algorithm>
#include <cstdint>

#include "cuda/runtime/runtime.h"
#include "gpu/config/gpu_config.h"
#include "isa/module.h"

namespace canopy::cudart {

// Static shared bytes a launch reserves (the dynamic array starts at this 16-byte boundary).
inline uint64_t static_shared_bytes(const isa::Function& f) {
  return (uint64_t{f.shared_bytes} + 15) / 16 * 16;
}

// Registers a block of `threads` needs: allocated per whole warp.
inline uint64_t block_registers(const gpu::GpuConfig& c, const isa::Function& f, uint64_t threads) {
  const uint64_t warps = (threads + c.warp_size - 1) / c.warp_size;
  return warps * c.warp_size * f.num_regs;
}

// cudaFuncAttributes::maxThreadsPerBlock: the device limit, .maxntid/.reqntid, and the register file.
inline int max_threads_per_block(const gpu::GpuConfig& c, const isa::Function& f) {
  uint64_t limit = c.max_threads_per_block;
  if (f.maxntid[0]) {
    uint64_t m =
        uint64_t{f.maxntid[0]} * (f.maxntid[1] ? f.maxntid[1] : 1) * (f.maxntid[2] ? f.maxntid[2] : 1);
    if (m < limit) limit = m;
  }
  if (f.reqntid[0]) {
    uint64_t r =
        uint64_t{f.reqntid[0]} * (f.reqntid[1] ? f.reqntid[1] : 1) * (f.reqntid[2] ? f.reqntid[2] : 1);
    if (r < limit) limit = r;
  }
  if (f.num_regs) {
    uint64_t by_regs = c.regs_per_block / (uint64_t{f.num_regs} * c.warp_size) * c.warp_size;
    if (by_regs < limit) limit = by_regs;
  }
  return static_cast<int>(limit);
}

// The dynamic shared memory a launch may request: the function's attribute, by default what is left of
// the non-opt-in per-block limit after its static shared memory.
inline uint64_t max_dynamic_shared(const gpu::GpuConfig& c, const isa::Function& f,
                                   const KernelEntry& entry) {
  if (entry.max_dynamic_shared >= 0) return static_cast<uint64_t>(entry.max_dynamic_shared);
  const uint64_t fixed = static_shared_bytes(f);
  return fixed < c.shared_per_block ? c.shared_per_block - fixed : 0;
}

// Resident blocks per multiprocessor (the occupancy calculator; also bounds cooperative launches).
inline int blocks_per_sm(const gpu::GpuConfig& c, const isa::Function& f, int block_size, size_t dynamic_shared) {
  if (block_size <= 0 || block_size > max_threads_per_block(c, f)) return 0;
  const uint64_t warps = (static_cast<uint64_t>(block_size) + c.warp_size - 1) / c.warp_size;
  uint64_t limit = c.max_ctas_per_sm;
  limit = std::min<uint64_t>(limit, c.max_threads_per_sm / (warps * c.warp_size));
  if (f.num_regs) limit = std::min<uint64_t>(limit, c.regs_per_sm / block_registers(c, f, block_size));
  const uint64_t shared = static_shared_bytes(f) + dynamic_shared;
  if (shared > c.shared_per_block_optin) return 0;
  if (shared) limit = std::min<uint64_t>(limit, c.shared_per_sm / shared);
  return static_cast<int>(limit);
}

}  // namespace canopy::cudart
