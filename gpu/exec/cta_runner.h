// Runs whole CTAs of one launch on one host thread: warps interleaved at barriers, the interpreter
// loop, memory and special-register instructions. One runner per host worker, reused across CTAs and
// launches so buffers are allocated once. Runners of different workers are written concurrently, so
// each is aligned to its own cache lines (no false sharing between workers).
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "gpu/exec/launch.h"
#include "gpu/exec/local_memory.h"
#include "gpu/exec/printf_buffer.h"
#include "gpu/exec/warp.h"
#include "gpu/texture/texture_math.h"
#include "isa/services.h"

namespace canopy::gpu {

struct CtaCounters {
  uint64_t warp_instructions = 0;
  uint64_t thread_instructions = 0;
  uint64_t fence_instructions = 0;
  uint64_t barrier_instructions = 0;
  uint64_t lane_yields = 0;   // independent thread scheduling: waiting lanes of a warp let run
  uint64_t ctas = 0;
};

enum class CtaStatus : uint8_t { Running, Done, Faulted };

// A warp's memory access proven valid as a whole: lane L's bytes start at host + (address of L - dev).
struct BulkAccess {
  uint8_t* host;
  uint64_t dev;
};

// Larger than any cache line of the supported hosts (64 bytes on x86-64, up to 128 on AArch64).
inline constexpr size_t kRunnerAlignment = 128;

template <int W>
class alignas(kRunnerAlignment) CtaRunner {
 public:
  // Cheap (touches no buffer): shared memory and warps are sized on the first CTA the runner actually
  // gets, so a worker that finds no CTA left costs nothing.
  void begin_launch(const LaunchSpec& spec);
  // Runs CTA `linear` to completion; a fault stops it and is returned.
  std::optional<Fault> run(uint64_t linear);
  // The same in steps, for CTAs that must make progress together (cooperative launches): start, then
  // step until Done or Faulted (cta_fault() tells which). Each step runs every ready warp once, until it
  // blocks, yields (kYieldBranches) or finishes.
  void start(uint64_t linear);
  CtaStatus step();
  const std::optional<Fault>& cta_fault() const { return fault_; }
  const CtaCounters& counters() const { return counters_; }
  const PrintfBuffer& printf_buffer() const { return printf_; }

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

  void prepare_buffers();
  void init_warps();
  // warp_loop.cpp
  bool run_warp(Warp<W>& w);  // false: fault_ is set
  bool exec_control(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec);
  // warp_yield.cpp: independent thread scheduling
  bool yield_lanes(Warp<W>& w);
  bool converge_lanes(Warp<W>& w);
  uint64_t missing_members(Warp<W>& w, const ExecInstr<W>& in, uint64_t active) const;
  void pop_entry(Warp<W>& w);
  void do_return(Warp<W>& w);
  bool do_call(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, uint32_t callee);
  bool exec_call(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec);
  void exit_lanes(Warp<W>& w, uint64_t lanes);
  void warp_finished(Warp<W>& w);
  bool exec_barrier(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  void check_barrier(uint32_t id);
  void release_barrier(uint32_t id);

  // cta_memory.cpp, cta_memory_checked.cpp, cta_atomics.cpp
  bool exec_memory(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  std::optional<BulkAccess> fast_resolve(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, bool is_write);
  bool resolve_lanes(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, bool is_write);
  void exec_atomic(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  void exec_cvta(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  // cta_services.cpp: device printf and assert (syscall)
  bool exec_syscall(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  bool exec_vprintf(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, uint64_t block);
  bool exec_assert(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, uint64_t block);
  bool exec_heap(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, uint64_t block, const isa::ServiceInfo& s);
  uint8_t* service_region(Warp<W>& w, int lane, uint64_t address, uint64_t& available, std::string& why);
  bool service_load(Warp<W>& w, const ExecInstr<W>& in, int lane, uint64_t address, unsigned bytes,
                    const char* what, uint64_t& bits);
  bool service_string(Warp<W>& w, const ExecInstr<W>& in, int lane, uint64_t address, uint64_t max_bytes,
                      const char* what, std::string& out);
  // cta_special.cpp
  void exec_s2r(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  void exec_shfl(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  void exec_vote(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec);
  // shfl, vote, match, redux or warpsync for the lanes `exec` (the group `active`)
  void exec_collective(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec);
  void exec_match(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  void exec_redux(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  void exec_activemask(Warp<W>& w, const ExecInstr<W>& in, uint64_t active, uint64_t exec);
  // The member-mask operand src[index] of a warp instruction, or null for the legacy forms without one.
  const uint64_t* member_mask_row(Warp<W>& w, const ExecInstr<W>& in, unsigned index) const {
    if (in.nsrc <= index || in.src[index].kind == OperandRef::None) return nullptr;
    return operand_row(w, in.src[index]);
  }
  // cta_matrix.cpp: warp-collective mma and ldmatrix (false: fault_ is set)
  bool exec_mma(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  bool exec_ldmatrix(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  bool require_full_warp(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, const char* what);
  // cta_async.cpp: cp.async, mbarrier, nanosleep (false: fault_ is set). `yield` is set when the warp
  // should give way to the CTA's other warps (nanosleep, an unfinished mbarrier.try_wait).
  bool exec_async(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, bool& yield);
  bool exec_cp_async(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  uint8_t* mbarrier_at(Warp<W>& w, const ExecInstr<W>& in, int lane);
  uint64_t lane_address(Warp<W>& w, const ExecInstr<W>& in, int lane) const;
  // cta_texture.cpp: tex, suld, sust, txq through the launch's texture table (false: fault_ is set)
  bool exec_texture(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec);
  const TextureObject* texture_of(Warp<W>& w, const ExecInstr<W>& in, int lane, uint64_t handle);
  bool read_texel(Warp<W>& w, const ExecInstr<W>& in, int lane, const TextureObject& t, int64_t x, int64_t y,
                  int64_t z, texmath::TexelValue& out);
  bool exec_tex_lane(Warp<W>& w, const ExecInstr<W>& in, int lane, const TextureObject& t);
  bool exec_surface_lane(Warp<W>& w, const ExecInstr<W>& in, int lane, const TextureObject& t);

  const uint64_t* operand_row(Warp<W>& w, const OperandRef& r) const { return w.row(r); }
  uint64_t* dst_row(Warp<W>& w, const OperandRef& r) const { return w.row(r); }
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
  bool prepared_ = false;        // buffers sized for this launch
  std::vector<uint8_t> shared_;
  LocalMemory local_;
  std::array<Barrier, 16> barriers_{};
  uint32_t done_warps_ = 0;
  std::optional<Fault> fault_;
  CtaCounters counters_;
  PrintfBuffer printf_;

  // The global allocation an instruction hit last, direct-mapped by the instruction's address: a warp
  // usually alternates between arrays, but each instruction keeps using the same one. Reset per launch
  // (allocations may move between launches).
  std::array<const Allocation*, 64> allocation_cache_{};
  const Allocation*& allocation_cache(const ExecInstr<W>& in) {
    const uintptr_t slot = reinterpret_cast<uintptr_t>(&in) / sizeof(ExecInstr<W>);
    return allocation_cache_[slot % allocation_cache_.size()];
  }

  // Per memory instruction scratch: address and host pointer per lane, which lanes hit global memory.
  std::array<uint64_t, W> lane_addr_{};
  std::array<uint8_t*, W> lane_ptr_{};
  uint64_t global_lanes_ = 0;
};

}  // namespace canopy::gpu
