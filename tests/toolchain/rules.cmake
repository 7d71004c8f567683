# test_toolchain: canopy cc's option parsing, job planning and (in process, with real clang jobs against
# a stub cuda_runtime.h) its compile phases.
canopy_layer_tests(toolchain canopy_toolchain)
if(TARGET test_toolchain)
  find_program(CANOPY_TEST_CLANGXX NAMES clang++-14 clang++ REQUIRED)
  target_compile_definitions(test_toolchain PRIVATE
    CANOPY_TEST_SDK_DIR="${CANOPY_CUDA_SDK_DIR}"
    CANOPY_TEST_CLANGXX="${CANOPY_TEST_CLANGXX}"
    CANOPY_TEST_HOST_TARGET="${CANOPY_CC_HOST_TARGET}")
endif()

# End to end, once the real headers and runtime exist: programs in tests/toolchain/programs/ built with
# canopy cc and run (the same rules as tests/cuda).
include(${CMAKE_CURRENT_LIST_DIR}/../cuda/rules.cmake)
canopy_cuda_test_dir(${CMAKE_CURRENT_LIST_DIR}/programs toolchain_e2e toolchain)
