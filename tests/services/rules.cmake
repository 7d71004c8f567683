# Device services (printf, assert): CUDA kernels in services/cu compiled by clang 14 to PTX at build
# time (like cmake/kernel_ptx.cmake), finalized and run on the simulated GPU by test_services.
canopy_layer_tests(services canopy_compiler canopy_gpu)

if(TARGET test_services)
  set(CANOPY_SERVICES_PTX_DIR ${PROJECT_BINARY_DIR}/services_ptx)
  file(GLOB canopy_services_cu CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/cu/*.cu)
  file(GLOB canopy_services_cu_headers CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/cu/*.h)
  set(canopy_services_ptx_files)
  foreach(cu ${canopy_services_cu})
    get_filename_component(stem ${cu} NAME_WE)
    set(ptx ${CANOPY_SERVICES_PTX_DIR}/${stem}.ptx)
    add_custom_command(OUTPUT ${ptx}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CANOPY_SERVICES_PTX_DIR}
      COMMAND ${CANOPY_CLANG} -x cuda --cuda-device-only -nocudainc -nocudalib --cuda-path=/nonexistent
              --cuda-gpu-arch=sm_70 -O2 -Wno-unknown-cuda-version -S -o ${ptx} ${cu}
      DEPENDS ${cu} ${canopy_services_cu_headers}
      COMMENT "clang: services/${stem}.cu -> PTX" VERBATIM)
    list(APPEND canopy_services_ptx_files ${ptx})
  endforeach()
  add_custom_target(canopy_services_ptx DEPENDS ${canopy_services_ptx_files})
  add_dependencies(test_services canopy_services_ptx)
  target_compile_definitions(test_services PRIVATE CANOPY_SERVICES_PTX_DIR="${CANOPY_SERVICES_PTX_DIR}")
  target_include_directories(test_services PRIVATE ${CMAKE_CURRENT_LIST_DIR}/cu)
endif()
