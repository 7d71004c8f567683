// Plain types of the embedding API: launch dimensions, per-launch statistics and device faults.
#pragma once

#include <cstdint>
#include <string>

namespace canopy::gpu {

struct Dim3 {
  uint32_t x = 1, y = 1, z = 1;
  friend bool operator==(const Dim3&, const Dim3&) = default;
};

// Counts follow Nsight Compute: warp_instructions = warp-level instructions issued (inst_executed,
// whatever the guard), thread_instructions = lanes whose guard was true summed over issued
// instructions (thread_inst_executed, not predicated off). Both are sums of per-CTA counts, identical
// for every host thread count. sim_seconds is host wall time (not deterministic).
struct KernelStats {
  std::string name;
  Dim3 grid, block;
  uint32_t dynamic_shared = 0;
  uint64_t warp_instructions = 0;
  uint64_t thread_instructions = 0;
  uint64_t fence_instructions = 0;   // membar/fence issued (functionally no-ops)
  uint64_t barrier_instructions = 0; // bar.* issued
  uint64_t lane_yields = 0;          // times a spinning group of lanes let other lanes of its warp run
  uint64_t ctas = 0;                 // CTAs run
  double sim_seconds = 0;
  bool faulted = false;
};

// A precise device fault: the first faulting instruction of the lowest-numbered faulting CTA, and
// within it the lowest faulting thread (see docs/engine.md).
struct Fault {
  std::string kind;         // "illegal address", "misaligned address", "stack overflow", "trap",
                            // "barrier deadlock", "invalid call target", "invalid barrier"
  std::string kernel;
  std::string function;     // function executing (the kernel or a callee)
  std::string disassembly;  // the faulting instruction
  uint32_t pc = 0;          // instruction index in `function`
  uint32_t ptx_line = 0;
  Dim3 block, thread;
  uint64_t address = 0;
  bool has_address = false;
  std::string detail;       // e.g. "store to global memory: no allocation contains [addr, addr+4)"

  std::string message() const;
};

}  // namespace canopy::gpu
