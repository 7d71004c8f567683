# Device code compiled against Canopy's own CUDA headers (cuda/include), as `canopy cc` compiles it:
# tests/headers/cu/*.cu -> PTX at build time; the tests finalize and run it on the simulated GPU.
canopy_layer_tests(headers canopy_compiler canopy_gpu)

file(GLOB CANOPY_HEADERS_CU CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/headers/cu/*.cu)
file(GLOB_RECURSE CANOPY_CUDA_HEADER_FILES CONFIGURE_DEPENDS ${CANOPY_CUDA_INCLUDE_DIR}/*.h)
set(CANOPY_HEADERS_PTX_DIR ${PROJECT_BINARY_DIR}/headers_ptx)
set(CANOPY_HEADERS_CUDA_FLAGS -x cuda -nocudainc -nocudalib --cuda-path=${CANOPY_CUDA_SDK_DIR}
    -Wno-unknown-cuda-version --cuda-gpu-arch=sm_80 -D__CUDACC__ -D__NVCC__ -include cuda_runtime.h
    -I${CANOPY_CUDA_INCLUDE_DIR} -Wall -Wextra -Werror)
set(CANOPY_HEADERS_OUTPUTS)
foreach(cu ${CANOPY_HEADERS_CU})
  get_filename_component(stem ${cu} NAME_WE)
  set(ptx ${CANOPY_HEADERS_PTX_DIR}/${stem}.ptx)
  set(host_check ${CANOPY_HEADERS_PTX_DIR}/${stem}.host.ok)
  add_custom_command(OUTPUT ${ptx}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CANOPY_HEADERS_PTX_DIR}
    COMMAND ${CANOPY_CLANG} ${CANOPY_HEADERS_CUDA_FLAGS} --cuda-device-only -Xclang -target-sdk-version=11.5
            -O2 -S -o ${ptx} ${cu}
    DEPENDS ${cu} ${CANOPY_CUDA_HEADER_FILES}
    COMMENT "clang (Canopy CUDA headers): ${stem}.cu -> PTX" VERBATIM)
  # The host pass of the same file must compile too (device bodies are parsed there as well).
  add_custom_command(OUTPUT ${host_check}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CANOPY_HEADERS_PTX_DIR}
    COMMAND ${CANOPY_CLANG} ${CANOPY_HEADERS_CUDA_FLAGS} --cuda-host-only -fsyntax-only ${cu}
    COMMAND ${CMAKE_COMMAND} -E touch ${host_check}
    DEPENDS ${cu} ${CANOPY_CUDA_HEADER_FILES}
    COMMENT "clang host pass (Canopy CUDA headers): ${stem}.cu" VERBATIM)
  list(APPEND CANOPY_HEADERS_OUTPUTS ${ptx} ${host_check})
endforeach()

# Plain C++ including cuda_runtime.h (no __CUDA__): compiled by the project's C++ compiler as an object
# library, and by clang++ as a syntax check.
add_library(canopy_headers_plain_cxx OBJECT ${CMAKE_CURRENT_SOURCE_DIR}/headers/host/plain_include.cpp)
target_include_directories(canopy_headers_plain_cxx PRIVATE ${CANOPY_CUDA_INCLUDE_DIR})
set(plain_clang_check ${CANOPY_HEADERS_PTX_DIR}/plain_include.clang.ok)
add_custom_command(OUTPUT ${plain_clang_check}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CANOPY_HEADERS_PTX_DIR}
  COMMAND ${CANOPY_CLANG} -x c++ -std=c++17 -Wall -Wextra -Werror -fsyntax-only -I${CANOPY_CUDA_INCLUDE_DIR}
          ${CMAKE_CURRENT_SOURCE_DIR}/headers/host/plain_include.cpp
  COMMAND ${CMAKE_COMMAND} -E touch ${plain_clang_check}
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/headers/host/plain_include.cpp ${CANOPY_CUDA_HEADER_FILES}
  COMMENT "clang++: plain C++ including cuda_runtime.h" VERBATIM)
list(APPEND CANOPY_HEADERS_OUTPUTS ${plain_clang_check})

# Plain C including the libraries' headers (libs/, docs/libs.md), with short macros as users pass them.
set(plain_c_check ${CANOPY_HEADERS_PTX_DIR}/plain_c_libraries.clang.ok)
add_custom_command(OUTPUT ${plain_c_check}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CANOPY_HEADERS_PTX_DIR}
  COMMAND ${CANOPY_CLANG} -x c -std=c11 -Wall -Wextra -Werror -fsyntax-only -DN=64 -DT=float -DK=8
          -I${CANOPY_CUDA_INCLUDE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/headers/host/plain_c_libraries.c
  COMMAND ${CMAKE_COMMAND} -E touch ${plain_c_check}
  DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/headers/host/plain_c_libraries.c ${CANOPY_CUDA_HEADER_FILES}
  COMMENT "clang: plain C including the libraries' headers" VERBATIM)
list(APPEND CANOPY_HEADERS_OUTPUTS ${plain_c_check})

add_custom_target(canopy_headers_ptx DEPENDS ${CANOPY_HEADERS_OUTPUTS})
if(TARGET test_headers)
  add_dependencies(test_headers canopy_headers_ptx canopy_headers_plain_cxx)
  target_compile_definitions(test_headers PRIVATE CANOPY_KERNEL_PTX_DIR="${CANOPY_HEADERS_PTX_DIR}")
  target_include_directories(test_headers PRIVATE ${CANOPY_CUDA_INCLUDE_DIR})
endif()
