# Device math library tests (docs/math.md): kernels compiled by clang against crt/canopy_math.h, run on the
# simulated GPU and compared with MPFR; plus include-order checks of the headers in device, host and plain
# C++ compilation.
if(CMAKE_CROSSCOMPILING)
  # Debian multiarch (scripts/install-deps.sh --cross): the target's libmpfr/libgmp live in
  # /usr/lib/<triplet>, gmp.h in /usr/include/<triplet> (the cross compiler searches it), mpfr.h in
  # /usr/include, which must not go on a cross compiler's include path (the build host's C library
  # headers are there): copy mpfr.h alone into the build tree.
  set(multiarch_lib /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE})
  find_library(CANOPY_MPFR_LIBRARY mpfr PATHS ${multiarch_lib} NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  find_library(CANOPY_GMP_LIBRARY gmp PATHS ${multiarch_lib} NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  if(CMAKE_LIBRARY_ARCHITECTURE AND EXISTS /usr/include/mpfr.h
     AND EXISTS /usr/include/${CMAKE_LIBRARY_ARCHITECTURE}/gmp.h)
    set(CANOPY_MPFR_INCLUDE_DIR ${CMAKE_CURRENT_BINARY_DIR}/mpfr-include)
    configure_file(/usr/include/mpfr.h ${CANOPY_MPFR_INCLUDE_DIR}/mpfr.h COPYONLY)
  endif()
else()
  find_library(CANOPY_MPFR_LIBRARY mpfr)
  find_library(CANOPY_GMP_LIBRARY gmp)
  find_path(CANOPY_MPFR_INCLUDE_DIR mpfr.h)
endif()
if(NOT CANOPY_MPFR_LIBRARY OR NOT CANOPY_GMP_LIBRARY OR NOT CANOPY_MPFR_INCLUDE_DIR)
  if(NOT CMAKE_CROSSCOMPILING)
    # The accuracy tests are the only check of the math library: never skip them silently.
    message(FATAL_ERROR "MPFR/GMP not found: run scripts/install-deps.sh (installs libmpfr-dev)")
  endif()
  message(STATUS "MPFR/GMP not found for ${CMAKE_LIBRARY_ARCHITECTURE}: test_math is not built in this cross "
                 "build (scripts/install-deps.sh --cross installs them)")
  return()
endif()

canopy_layer_tests(math canopy_compiler canopy_gpu)
if(NOT TARGET test_math)
  return()
endif()

set(CANOPY_MATH_PTX_DIR ${PROJECT_BINARY_DIR}/math_ptx)
file(GLOB CANOPY_MATH_HEADERS CONFIGURE_DEPENDS ${CANOPY_CUDA_INCLUDE_DIR}/crt/*.h)
set(canopy_math_cuda_flags -x cuda -nocudainc -nocudalib --cuda-path=${CANOPY_CUDA_SDK_DIR}
    -Xclang -target-sdk-version=11.5 -Wno-unknown-cuda-version --cuda-gpu-arch=sm_80
    -D__CUDACC__ -D__NVCC__ -I${CANOPY_CUDA_INCLUDE_DIR} -O2)
set(canopy_math_outputs)

# Kernels evaluating every function (device pass only), through the umbrella header as `canopy cc` compiles
# them (a small prelude stands in while cuda_runtime.h is absent).
set(kernels_cu ${CMAKE_CURRENT_LIST_DIR}/cu/math_kernels.cu)
if(EXISTS ${CANOPY_CUDA_INCLUDE_DIR}/cuda_runtime.h)
  set(canopy_math_prelude cuda_runtime.h)
  file(GLOB canopy_math_umbrella_headers CONFIGURE_DEPENDS ${CANOPY_CUDA_INCLUDE_DIR}/*.h)
  list(APPEND CANOPY_MATH_HEADERS ${canopy_math_umbrella_headers})
else()
  set(canopy_math_prelude ${CMAKE_CURRENT_LIST_DIR}/cu/math_prelude.h)
endif()
add_custom_command(OUTPUT ${CANOPY_MATH_PTX_DIR}/math_kernels.ptx
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CANOPY_MATH_PTX_DIR}
  COMMAND ${CANOPY_CLANG} ${canopy_math_cuda_flags} --cuda-device-only
          -include ${canopy_math_prelude} -S -o ${CANOPY_MATH_PTX_DIR}/math_kernels.ptx ${kernels_cu}
  DEPENDS ${kernels_cu} ${CMAKE_CURRENT_LIST_DIR}/cu/math_prelude.h ${CANOPY_MATH_HEADERS}
  COMMENT "clang: math_kernels.cu -> PTX" VERBATIM)
list(APPEND canopy_math_outputs ${CANOPY_MATH_PTX_DIR}/math_kernels.ptx)

# <cmath>/<math.h> before and after the math headers: both clang passes must accept the file.
foreach(stem include_before include_after)
  set(cu ${CMAKE_CURRENT_LIST_DIR}/cu/${stem}.cu)
  add_custom_command(OUTPUT ${CANOPY_MATH_PTX_DIR}/${stem}.ptx ${CANOPY_MATH_PTX_DIR}/${stem}.host.o
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CANOPY_MATH_PTX_DIR}
    COMMAND ${CANOPY_CLANG} ${canopy_math_cuda_flags} --cuda-device-only -S -o ${CANOPY_MATH_PTX_DIR}/${stem}.ptx ${cu}
    COMMAND ${CANOPY_CLANG} ${canopy_math_cuda_flags} --cuda-host-only -c -o ${CANOPY_MATH_PTX_DIR}/${stem}.host.o ${cu}
    DEPENDS ${cu} ${CANOPY_MATH_HEADERS}
    COMMENT "clang: ${stem}.cu (device and host passes)" VERBATIM)
  list(APPEND canopy_math_outputs ${CANOPY_MATH_PTX_DIR}/${stem}.ptx)
endforeach()

add_custom_target(canopy_math_ptx DEPENDS ${canopy_math_outputs})
add_dependencies(test_math canopy_math_ptx)
target_include_directories(test_math PRIVATE ${CANOPY_MPFR_INCLUDE_DIR} ${CANOPY_CUDA_INCLUDE_DIR})
target_link_libraries(test_math PRIVATE ${CANOPY_MPFR_LIBRARY} ${CANOPY_GMP_LIBRARY})
target_compile_definitions(test_math PRIVATE CANOPY_MATH_PTX_DIR="${CANOPY_MATH_PTX_DIR}")
