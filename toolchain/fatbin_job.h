// The in-process step between clang's two jobs: finalize the device PTX into a native module and wrap
// it, with its PTX and source name, into the fat binary the host object embeds (isa/fatbin.h).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/finalize.h"
#include "support/expected.h"
#include "toolchain/plan.h"

namespace canopy::toolchain {

// The fat-binary image for PTX text; finalizer errors are "ptx_name:line:col: message".
Expected<std::vector<uint8_t>> build_fatbin(std::string_view ptx, const std::string& ptx_name,
                                            const std::string& source_name,
                                            const compiler::FinalizeOptions& options);

// Runs a FinalizeJob against the file system; writes resource usage to `report` when asked.
Status run_finalize_job(const FinalizeJob& job, std::FILE* report);

}  // namespace canopy::toolchain
