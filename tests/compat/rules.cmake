# Compatibility programs (issue 11): one per construct nvcc accepts and behaviour a GPU shows, built with
# canopy cc as a user would, with short macros on the command line as nvcc users pass them (Canopy's
# headers must not use such names). Label `compat`; same file conventions as tests/cuda.
include(${CMAKE_CURRENT_LIST_DIR}/../cuda/rules.cmake)
set(CANOPY_CUDA_TEST_EXTRA_FLAGS -DN=64 -DM=64 -DK=8 -DT=float -DP=3 -DS=5)
canopy_cuda_test_dir(${CMAKE_CURRENT_LIST_DIR} compat compat)
unset(CANOPY_CUDA_TEST_EXTRA_FLAGS)
