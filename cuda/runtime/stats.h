// Per-kernel launch statistics of a run: what CANOPY_STATS=1 prints at exit and CANOPY_STATS_JSON writes
// (format in docs/cuda.md).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "gpu/device_types.h"

namespace canopy::cudart {

struct KernelSummary {
  std::string name;
  uint64_t launches = 0;
  gpu::Dim3 grid, block;  // of the last launch
  uint64_t warp_instructions = 0;
  uint64_t thread_instructions = 0;
  double sim_seconds = 0;
};

class Stats {
 public:
  void record(const gpu::KernelStats& launch);
  const std::vector<KernelSummary>& kernels() const { return kernels_; }  // in order of first launch

  std::string table() const;  // the human-readable summary
  std::string json() const;

 private:
  std::vector<KernelSummary> kernels_;
  std::unordered_map<std::string, size_t> index_;
};

// At exit: prints the table if CANOPY_STATS is set (and not "0"), writes CANOPY_STATS_JSON if set.
void report_stats_from_environment(const Stats& stats);

}  // namespace canopy::cudart
