# CUDA kernels used by the tests and benchmarks, compiled by clang 14 to PTX at build time (the device
# side only; Canopy finalizes and runs the PTX).
find_program(CANOPY_CLANG NAMES clang-14 clang REQUIRED)
file(GLOB CANOPY_KERNEL_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/kernels/cu/*.cu)
set(CANOPY_KERNEL_PTX_DIR ${PROJECT_BINARY_DIR}/kernels_ptx)
set(CANOPY_KERNEL_PTX_FILES)
foreach(cu ${CANOPY_KERNEL_SOURCES})
  get_filename_component(stem ${cu} NAME_WE)
  set(ptx ${CANOPY_KERNEL_PTX_DIR}/${stem}.ptx)
  add_custom_command(OUTPUT ${ptx}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CANOPY_KERNEL_PTX_DIR}
    COMMAND ${CANOPY_CLANG} -x cuda --cuda-device-only -nocudainc -nocudalib --cuda-path=/nonexistent
            --cuda-gpu-arch=sm_70 -O2 -Wno-unknown-cuda-version -S -o ${ptx} ${cu}
    DEPENDS ${cu} ${PROJECT_SOURCE_DIR}/tests/kernels/cu/prelude.h
    COMMENT "clang: ${stem}.cu -> PTX" VERBATIM)
  list(APPEND CANOPY_KERNEL_PTX_FILES ${ptx})
endforeach()
add_custom_target(canopy_kernel_ptx DEPENDS ${CANOPY_KERNEL_PTX_FILES})
