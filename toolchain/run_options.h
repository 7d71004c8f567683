// `canopy run [--gpu PRESET|FILE] [--threads N] [--stats] [--stats-json FILE] [--strict-memory] [--] PROGRAM ARGS...`:
// the options become the runtime's environment variables (docs/cuda.md), then PROGRAM is executed.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "support/expected.h"

namespace canopy::toolchain {

struct RunOptions {
  std::string gpu;      // preset name or JSON file; empty: the runtime's default
  std::string threads;  // host threads, validated as a positive number; empty: not set
  bool stats = false;
  bool strict_memory = false;  // every access outside an allocation faults (CANOPY_STRICT_MEMORY=1)
  std::string stats_json;  // empty: not set
  bool help = false;
  std::vector<std::string> command;  // the program and its arguments
};

Expected<RunOptions> parse_run_args(const std::vector<std::string>& args);

// The variables to set, in a fixed order: CANOPY_GPU, CANOPY_HOST_THREADS, CANOPY_STATS, CANOPY_STATS_JSON.
std::vector<std::pair<std::string, std::string>> run_environment(const RunOptions& options);

std::string run_help_text();

}  // namespace canopy::toolchain
