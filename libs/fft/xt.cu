// cuFFT's extended API (cufftXt.h): plans by data type and 64-bit sizes, type-generic execution; callbacks
// refused (see the header).
#include <cufftXt.h>

#include <climits>

#include "plan.h"

namespace {

// The classic transform type of an (input, output, execution) type triple, or 0 for one not provided.
int type_of(cudaDataType in, cudaDataType out, cudaDataType exec) {
  if (in == CUDA_C_32F && out == CUDA_C_32F && exec == CUDA_C_32F) return CUFFT_C2C;
  if (in == CUDA_R_32F && out == CUDA_C_32F && exec == CUDA_C_32F) return CUFFT_R2C;
  if (in == CUDA_C_32F && out == CUDA_R_32F && exec == CUDA_C_32F) return CUFFT_C2R;
  if (in == CUDA_C_64F && out == CUDA_C_64F && exec == CUDA_C_64F) return CUFFT_Z2Z;
  if (in == CUDA_R_64F && out == CUDA_C_64F && exec == CUDA_C_64F) return CUFFT_D2Z;
  if (in == CUDA_C_64F && out == CUDA_R_64F && exec == CUDA_C_64F) return CUFFT_Z2D;
  return 0;  // half precision and mixed types: not yet
}

bool fits(long long v) { return v >= INT_MIN && v <= INT_MAX; }

}  // namespace

extern "C" {

cufftResult cufftXtMakePlanMany(cufftHandle plan, int rank, long long int* n, long long int* inembed,
                                long long int istride, long long int idist, cudaDataType inputtype,
                                long long int* onembed, long long int ostride, long long int odist,
                                cudaDataType outputtype, long long int batch, size_t* workSize,
                                cudaDataType executiontype) {
  int type = type_of(inputtype, outputtype, executiontype);
  if (type == 0) return CUFFT_NOT_SUPPORTED;
  if (rank < 1 || rank > 3 || !n) return CUFFT_INVALID_VALUE;
  int n32[3], in32[3], on32[3];
  for (int d = 0; d < rank; ++d) {
    if (!fits(n[d]) || (inembed && !fits(inembed[d])) || (onembed && !fits(onembed[d]))) return CUFFT_INVALID_SIZE;
    n32[d] = int(n[d]);
    in32[d] = inembed ? int(inembed[d]) : 0;
    on32[d] = onembed ? int(onembed[d]) : 0;
  }
  if (!fits(istride) || !fits(idist) || !fits(ostride) || !fits(odist) || !fits(batch)) return CUFFT_INVALID_SIZE;
  return cufftMakePlanMany(plan, rank, n32, inembed ? in32 : nullptr, int(istride), int(idist),
                           onembed ? on32 : nullptr, int(ostride), int(odist), cufftType(type), int(batch), workSize);
}

cufftResult cufftXtExec(cufftHandle plan, void* input, void* output, int direction) {
  // Whichever typed execution the plan's type takes; the others answer CUFFT_INVALID_TYPE.
  cufftResult r = cufftExecC2C(plan, static_cast<cufftComplex*>(input), static_cast<cufftComplex*>(output), direction);
  if (r != CUFFT_INVALID_TYPE) return r;
  r = cufftExecZ2Z(plan, static_cast<cufftDoubleComplex*>(input), static_cast<cufftDoubleComplex*>(output), direction);
  if (r != CUFFT_INVALID_TYPE) return r;
  r = cufftExecR2C(plan, static_cast<cufftReal*>(input), static_cast<cufftComplex*>(output));
  if (r != CUFFT_INVALID_TYPE) return r;
  r = cufftExecC2R(plan, static_cast<cufftComplex*>(input), static_cast<cufftReal*>(output));
  if (r != CUFFT_INVALID_TYPE) return r;
  r = cufftExecD2Z(plan, static_cast<cufftDoubleReal*>(input), static_cast<cufftDoubleComplex*>(output));
  if (r != CUFFT_INVALID_TYPE) return r;
  return cufftExecZ2D(plan, static_cast<cufftDoubleComplex*>(input), static_cast<cufftDoubleReal*>(output));
}

cufftResult cufftXtSetCallback(cufftHandle, void**, cufftXtCallbackType, void**) { return CUFFT_NOT_IMPLEMENTED; }
cufftResult cufftXtClearCallback(cufftHandle, cufftXtCallbackType) { return CUFFT_NOT_IMPLEMENTED; }
cufftResult cufftXtSetCallbackSharedSize(cufftHandle, cufftXtCallbackType, size_t) { return CUFFT_NOT_IMPLEMENTED; }

}  // extern "C"
