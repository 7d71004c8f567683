/* Canopy's CUDA headers: cg::inclusive_scan and cg::exclusive_scan live with cg::reduce. */
#ifndef CANOPY_COOPERATIVE_GROUPS_SCAN_H
#define CANOPY_COOPERATIVE_GROUPS_SCAN_H
#include "cooperative_groups/reduce.h"
#endif
