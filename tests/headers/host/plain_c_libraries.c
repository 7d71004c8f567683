/* Plain C including the CUDA libraries' headers (cuBLAS, cuBLASLt, cuBLAS-XT, cuRAND's host API, cuFFT), as
   C programs include NVIDIA's: they must compile warning-free as C11, with a user's -DN=64 -DT=float. */
#include <cuComplex.h>
#include <cublasLt.h>
#include <cublasXt.h>
#include <cublas_v2.h>
#include <cufftXt.h>
#include <curand.h>
#include <library_types.h>

int canopy_plain_c_libraries(void);
int canopy_plain_c_libraries(void) {
  cublasHandle_t handle;
  cufftHandle plan;
  curandGenerator_t generator;
  cuDoubleComplex z = cuCmul(make_cuDoubleComplex(1, 2), make_cuDoubleComplex(3, 4));
  int ok = cublasCreate(&handle) == CUBLAS_STATUS_SUCCESS;
  ok = ok && cufftPlan1d(&plan, 8, CUFFT_C2C, 1) == CUFFT_SUCCESS;
  ok = ok && curandCreateGenerator(&generator, CURAND_RNG_PSEUDO_DEFAULT) == CURAND_STATUS_SUCCESS;
  return ok && cuCreal(z) == -5.0;
}
