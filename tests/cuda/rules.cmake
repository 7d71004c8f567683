# CUDA programs built with `canopy cc` and run by CTest (label `cuda`):
#   tests/cuda/<name>.cu      one program
#   tests/cuda/<name>/        one program from every .cu/.cpp/.cc/.c in it (each compiled with -c, then linked)
# Beside either, optional files: <name>.expected (stdout, exactly), <name>.stderr (lines that must appear
# in stderr), <name>.env (KEY=VALUE lines), <name>.args (one argument per line), <name>.exitcode (the
# expected exit status), <name>.flags (extra canopy cc flags, separated by spaces).
include_guard(GLOBAL)
include(${PROJECT_SOURCE_DIR}/cmake/canopy-cuda.cmake)
set(CANOPY_CUDA_TEST_RUNNER ${CMAKE_CURRENT_LIST_DIR}/run_test.cmake)
canopy_cuda_use_build_tree()

# Builds and registers every program in `dir`: targets <prefix>_<name>, tests <prefix>.<name>.
function(canopy_cuda_test_dir dir prefix label)
  if(NOT CANOPY_CUDA_PROGRAMS_ENABLED)
    return()
  endif()
  file(GLOB entries LIST_DIRECTORIES true CONFIGURE_DEPENDS ${dir}/*)
  foreach(entry IN LISTS entries)
    get_filename_component(name ${entry} NAME_WE)
    if(IS_DIRECTORY ${entry})
      file(GLOB sources CONFIGURE_DEPENDS ${entry}/*.cu ${entry}/*.cpp ${entry}/*.cc ${entry}/*.c)
    elseif(entry MATCHES "\\.cu$")
      set(sources ${entry})
    else()
      continue()
    endif()
    if(NOT sources)
      continue()
    endif()
    # A suite's own extra flags (tests/compat), link flags and what its programs need built (tests/libs).
    set(flags ${CANOPY_CUDA_TEST_EXTRA_FLAGS})
    if(EXISTS ${dir}/${name}.flags)
      file(READ ${dir}/${name}.flags file_flags)
      separate_arguments(file_flags UNIX_COMMAND "${file_flags}")
      list(APPEND flags ${file_flags})
    endif()
    set(out_dir ${PROJECT_BINARY_DIR}/tests/${label})
    canopy_cuda_program(${prefix}_${name} SOURCES ${sources} OUTPUT_DIR ${out_dir} OUTPUT_NAME ${name}
      FLAGS ${flags} LINK_FLAGS ${CANOPY_CUDA_TEST_LINK_FLAGS} DEPENDS ${CANOPY_CUDA_TEST_DEPENDS})
    # The emulator list travels as one argument, '|'-separated (run_test.cmake splits it).
    string(REPLACE ";" "|" emulator "${CANOPY_CUDA_RUN_PREFIX}")
    add_test(NAME ${prefix}.${name}
      COMMAND ${CMAKE_COMMAND} -DPROGRAM=${out_dir}/${name} "-DEMULATOR=${emulator}"
              -DEXPECTED=${dir}/${name}.expected -DSTDERR=${dir}/${name}.stderr -DENV_FILE=${dir}/${name}.env -DARGS_FILE=${dir}/${name}.args
              -DEXIT_CODE=${dir}/${name}.exitcode -P ${CANOPY_CUDA_TEST_RUNNER}
      WORKING_DIRECTORY ${out_dir})
    set_tests_properties(${prefix}.${name} PROPERTIES LABELS ${label} TIMEOUT 300)
  endforeach()
endfunction()

if(NOT CANOPY_CUDA_PROGRAMS_ENABLED)
  if(CMAKE_CROSSCOMPILING AND NOT CMAKE_CROSSCOMPILING_EMULATOR)
    message(STATUS "CUDA programs (tests/cuda, examples) not built: no CMAKE_CROSSCOMPILING_EMULATOR")
  else()
    message(STATUS "CUDA programs (tests/cuda, examples) not built yet: canopy_cudart or cuda_runtime.h missing")
  endif()
endif()
canopy_cuda_test_dir(${CMAKE_CURRENT_LIST_DIR} cuda cuda)
