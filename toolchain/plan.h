// Job planning: what `canopy cc` runs for a command line, computed without running anything (so tests
// can check the exact clang command lines). docs/cuda.md states the clang flags.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/expected.h"
#include "toolchain/cc_options.h"
#include "toolchain/paths.h"

namespace canopy::toolchain {

// PTX -> native module, in process: writes the .cnb and/or the .cnfb fat binary.
struct FinalizeJob {
  std::string ptx_path;
  std::string source_name;  // the .cu file, recorded in the fat binary
  std::string cnb_path;     // empty: do not write
  std::string fatbin_path;  // empty: do not write
  std::optional<uint32_t> max_registers;
  bool print_resources = false;  // -Xptxas -v
};

struct Job {
  enum class Kind { Command, Finalize } kind = Kind::Command;
  std::vector<std::string> argv;  // Command
  FinalizeJob finalize;           // Finalize
};

struct Plan {
  std::vector<Job> jobs;
};

// `work_dir` holds intermediate files (a temporary directory, or the --keep directory).
Expected<Plan> plan_cc(const CcOptions& options, const ToolchainPaths& paths, const std::string& work_dir);

// The macros every CUDA compile job defines (nvcc's, plus __CANOPY__).
std::vector<std::string> cuda_macros(const CcOptions& options);

// A job as -v prints it.
std::string describe_job(const Job& job);

}  // namespace canopy::toolchain
