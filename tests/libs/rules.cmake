# The CUDA libraries (libs/, docs/libs.md) tested as a user would use them: programs built with canopy cc,
# linked with -lcublas, -lcurand (...) and checked against independent references (OpenBLAS's CBLAS, FFTW,
# reference implementations of the generators' published algorithms written in the tests). Built with
# short macros on the command line, as tests/compat is, since the libraries' headers must not break on
# them. Label `libs`; same file conventions as tests/cuda.
include(${CMAKE_CURRENT_LIST_DIR}/../cuda/rules.cmake)
find_library(CANOPY_OPENBLAS openblas)
find_library(CANOPY_FFTW fftw3)
if(CMAKE_CROSSCOMPILING OR NOT CANOPY_OPENBLAS OR NOT CANOPY_FFTW OR NOT TARGET cublas OR NOT TARGET curand
   OR NOT TARGET cufft)
  message(STATUS "tests/libs not built: needs OpenBLAS and FFTW (libopenblas-dev, libfftw3-dev; native builds only) and the libraries (libs/)")
  return()
endif()
set(CANOPY_CUDA_TEST_EXTRA_FLAGS -DN=64 -DM=64 -DK=8 -DT=float -DP=3 -DS=5)
set(CANOPY_CUDA_TEST_LINK_FLAGS -lcublas -lcurand -lcufft ${CANOPY_OPENBLAS} ${CANOPY_FFTW})
get_target_property(cublas_archive cublas CANOPY_OUTPUT_FILE)
get_target_property(curand_archive curand CANOPY_OUTPUT_FILE)
get_target_property(cufft_archive cufft CANOPY_OUTPUT_FILE)
# Relink when a library changes.
set(CANOPY_CUDA_TEST_DEPENDS cublas ${cublas_archive} curand ${curand_archive} cufft ${cufft_archive})
canopy_cuda_test_dir(${CMAKE_CURRENT_LIST_DIR} libs libs)
unset(CANOPY_CUDA_TEST_EXTRA_FLAGS)
unset(CANOPY_CUDA_TEST_LINK_FLAGS)
unset(CANOPY_CUDA_TEST_DEPENDS)
