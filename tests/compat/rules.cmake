# Compatibility programs (issue 11): one per construct nvcc accepts and behaviour a GPU shows, built with
# canopy cc as a user would, with short macros on the command line as nvcc users pass them (Canopy's
# headers must not use such names). Label `compat`; same file conventions as tests/cuda.
include(${CMAKE_CURRENT_LIST_DIR}/../cuda/rules.cmake)
set(CANOPY_CUDA_TEST_EXTRA_FLAGS -DN=64 -DM=64 -DK=8 -DT=float -DP=3 -DS=5)
canopy_cuda_test_dir(${CMAKE_CURRENT_LIST_DIR} compat compat)
unset(CANOPY_CUDA_TEST_EXTRA_FLAGS)

# The scoreboard script (scripts/compat/scoreboard.py, docs/compat.md) on fake suites with one program per
# outcome, built with the real canopy cc.
if(CANOPY_CUDA_PROGRAMS_ENABLED AND NOT CMAKE_CROSSCOMPILING)  # runs canopy itself
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  set(scoreboard_cc_flags)
  foreach(flag IN LISTS CANOPY_CC_LINK_FLAGS)  # a sanitized build links programs with its runtimes
    list(APPEND scoreboard_cc_flags --cc-flag=${flag})
  endforeach()
  add_test(NAME compat.scoreboard
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/scoreboard/scoreboard_test.py
                   --canopy $<TARGET_FILE:canopy> ${scoreboard_cc_flags})
  set_tests_properties(compat.scoreboard PROPERTIES LABELS compat TIMEOUT 300)
endif()
