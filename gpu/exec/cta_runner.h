// Runs whole CTAs of one launch on one host thread: warps interleaved at barriers, the interpreter
// loop, memory and special-register instructions. One runner per host worker, reused across CTAs and
// launches so buffers are allocated once.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "gpu/exec/launch.h"
#include "gpu/exec/warp.h"

namespace canopy::gpu {

struct CtaCounters {
  uint64_t warp_instructions = 0;
  uint64_t thread_instructions = 0;
  uint64_t fence_instructions = 0;
  uint64_t barrier_instructions = 0;
  uint64_t ctas = 0;
};

template <int W>
class CtaRunner {
 public:
  void begin_launch(const LaunchSpec& spec);
  // Runs CTA `linear` to completion; a fault stops it and is returned.
  std::optional<Fault> run(uint64_t linear);
  const CtaCounters& counters() const { return counters_; }

 private:
  struct Barrier {
    uint32_t arrived_warps = 0;
    uint32_t arrived_threads = 0;
    uint32_t expected = 0;      // thread count, 0 = every thread of the CTA
    uint32_t popc = 0;
    bool all = true;
    bool any = false;
    bool pending = false;
  };

  void init_warps();
  bool run_warp(Warp<W>& w);  // false: fault_ is set
  void pop_entry(Warp<W>& w);
  void do_return(Warp<W>& w);
  bool do_call(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, uint32_t callee);
  bool exec_call(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec);
  void exit_lanes(Warp<W>& w, uint64_t lanes);
  void warp_finished(Warp<W>& w);
  bool exec_barrier(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  void check_barrier(uint32_t id);
  void release_barrier(uint32_t id);

  // cta_memory.cpp
  bool exec_memory(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  bool resolve_lanes(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, bool is_write);
  void exec_cvta(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  // cta_special.cpp
  void exec_s2r(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  void exec_shfl(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  void exec_vote(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec);

  const uint64_t* operand_row(Warp<W>& w, const OperandRef& r) const;
  uint64_t* dst_row(Warp<W>& w, const OperandRef& r) const;
  uint64_t first_lane_value(Warp<W>& w, const OperandRef& r, uint64_t exec) const;
  bool fault(Warp<W>& w, const ExecInstr<W>& in, const char* kind, int lane, std::optional<uint64_t> address,
             std::string detail);
  Dim3 thread_of(const Warp<W>& w, int lane) const;

  LaunchSpec spec_{};
  const ExecModule<W>* module_ = nullptr;
  const ExecFunction<W>* kernel_ = nullptr;
  uint64_t cta_linear_ = 0;
  Dim3 ctaid_{};
  uint32_t threads_ = 0;
  uint32_t nwarps_ = 0;
  uint32_t shared_bytes_ = 0;
  std::vector<Warp<W>> warps_;
  std::vector<uint8_t> shared_;
  std::vector<uint8_t> local_;
  uint64_t local_dirty_ = 0;     // bytes per thread written by earlier CTAs (re-zeroed per CTA)
  std::array<Barrier, 16> barriers_{};
  uint32_t done_warps_ = 0;
  std::optional<Fault> fault_;
  CtaCounters counters_;

  // Per memory instruction scratch: host pointer per lane and which lanes hit global memory.
  std::array<uint8_t*, W> lane_ptr_{};
  uint64_t global_lanes_ = 0;
};

}  // namespace canopy::gpu
