#include <cstdio>

#include "tools/canopy/commands.h"

namespace canopy::tools {

int cmd_isa_doc(int, char**) {
  std::fprintf(stderr, "canopy: 'isa_doc' is not built yet\n");
  return 1;
}

}  // namespace canopy::tools
