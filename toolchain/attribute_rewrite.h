// nvcc accepts `__shared__ alignas(16) T x[...]` (an alignment after the CUDA storage keywords); clang 14
// rejects an attribute list there. canopy cc moves the alignas in front of the keywords in the user's .cu
// file before clang sees it (headers it includes are not rewritten).
#pragma once

#include <optional>
#include <string>

namespace canopy::toolchain {

// The source with every `<storage keywords> alignas(...)` written `alignas(...) <storage keywords>`, line
// breaks kept where they were; nullopt when there is none.
std::optional<std::string> move_alignas_first(const std::string& source);

}  // namespace canopy::toolchain
