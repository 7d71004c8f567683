// The command line of `canopy cc`, an nvcc-style driver: what the user typed, parsed into one value.
// Parsing never touches the file system; planning (plan.h) turns the options into jobs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/expected.h"

namespace canopy::toolchain {

enum class InputKind { Cuda, Cxx, C, Object };  // Object: .o/.a/.so and -l libraries, passed to the link

struct Input {
  std::string path;  // for a -l library: "-lNAME"
  InputKind kind = InputKind::Object;
};

// Where the driver stops. Link (the default) produces an executable (or, with -shared, a library).
enum class Phase { Preprocess, Dependencies, Ptx, Cubin, Fatbin, Compile, Link };

struct CcOptions {
  Phase phase = Phase::Link;
  std::vector<Input> inputs;                  // in command-line order, -l libraries included
  std::string output;                         // -o; empty: the default name for the phase
  std::string opt_level;                      // "0".."3" or "s"/"z" from -O; empty: not given
  bool host_debug = false;                    // -g
  bool device_debug = false;                  // -G
  bool line_info = false;                     // -lineinfo
  std::string std;                            // -std=VALUE, without the "-std="
  std::vector<std::string> preprocessor;      // -D, -U, -I, -include, in order, as clang arguments
  std::vector<std::string> warnings;          // -w, -W..., as clang arguments (all compile jobs)
  std::vector<std::string> host_flags;        // -Xcompiler, -fPIC (host compile jobs and the link)
  std::vector<std::string> dependency_flags;  // -MD -MMD -MF -MT -MQ -MP (the host job)
  std::vector<std::string> library_dirs;      // -L
  std::vector<std::string> linker_flags;      // -Xlinker, as -Wl,... arguments
  std::vector<std::string> architectures;     // every -arch/-gencode/-code value, as typed (recorded)
  std::string gpu_arch = "sm_80";             // the PTX target actually used
  std::optional<uint32_t> max_registers;      // --maxrregcount
  bool shared = false;                        // -shared
  bool use_fast_math = false;
  bool fmad = true;            // -fmad=false turns off contraction in device code
  bool keep = false;           // --keep / --keep-dir
  std::string keep_dir;        // empty with keep: the current directory
  bool verbose = false;        // -v: print every command
  bool dry_run = false;        // --dryrun: print, run nothing
  bool ptxas_verbose = false;  // -Xptxas -v / --resource-usage
  bool show_version = false;
  bool show_help = false;
  bool print_paths = false;                    // --canopy-print-paths (hidden)
  std::string link_driver;                     // --canopy-link-driver (hidden); empty: clang
  std::vector<std::string> link_driver_flags;  // --canopy-link-flag (hidden)
};

// Parses the arguments after `cc`. Errors name the offending argument.
Expected<CcOptions> parse_cc_args(const std::vector<std::string>& args);

// The input kind a file name implies (by extension); `forced` is the -x language in effect, if any.
InputKind classify_input(const std::string& path, std::optional<InputKind> forced);

// The PTX target for an -arch/-gencode/-code value: sm_70..sm_86 (or compute_70..86) that clang 14
// knows; anything else keeps the current target.
std::string ptx_target_for(const std::string& arch_value, const std::string& current);

std::string cc_help_text();

}  // namespace canopy::toolchain
