// memory_placement.cu run with CANOPY_STRICT_MEMORY=1 (canopy run --strict-memory, see .env): the store one
// past the buffer is a precise fault (kernel, thread and address on stderr) and the program sees
// cudaErrorIllegalAddress.
#include "memory_placement.cu"
