// cuFFT's API: plans as integer handles, their shapes and layouts, execution (docs/libs.md).
//
// cufftHandle is an int in cuFFT's API, so the library keeps a table from handles to plans: the one
// piece of process-wide state here, behind a mutex (plans may be made and used from several threads).
#include <cufft.h>

#include <map>
#include <memory>
#include <mutex>

#include "plan.h"

using namespace canopy_fft;

namespace {

struct Registry {
  std::mutex mutex;
  std::map<int, std::unique_ptr<Plan>> plans;
  int next = 1;
};

Registry& registry() {
  static Registry r;
  return r;
}

Plan* find(cufftHandle handle) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.plans.find(handle);
  return it == r.plans.end() ? nullptr : it->second.get();
}

bool valid_type(cufftType type) {
  switch (type) {
    case CUFFT_R2C: case CUFFT_C2R: case CUFFT_C2C: case CUFFT_D2Z: case CUFFT_Z2D: case CUFFT_Z2Z: return true;
  }
  return false;
}

bool real_input(cufftType t) { return t == CUFFT_R2C || t == CUFFT_D2Z; }
bool real_output(cufftType t) { return t == CUFFT_C2R || t == CUFFT_Z2D; }

// The default (packed) layout of one side: complex half spectra have n/2 + 1 in the last dimension.
Layout packed(int rank, const int* n, bool half) {
  Layout l{{1, 1, 1}, 1, 1};
  long long per_batch = 1;
  for (int d = 0; d < rank; ++d) {
    l.embed[d] = d == rank - 1 && half ? n[d] / 2 + 1 : n[d];
    per_batch *= l.embed[d];
  }
  l.dist = per_batch;
  return l;
}

cufftResult make_plan(Plan& p, int rank, const int* n, const int* inembed, int istride, int idist,
                      const int* onembed, int ostride, int odist, cufftType type, int batch, size_t* work_size) {
  if (p.made) return CUFFT_INVALID_PLAN;  // a plan is made once
  if (!valid_type(type)) return CUFFT_INVALID_TYPE;
  if (rank < 1 || rank > 3 || !n || batch < 1) return CUFFT_INVALID_VALUE;
  for (int d = 0; d < rank; ++d)
    if (n[d] < 1) return CUFFT_INVALID_SIZE;
  p.type = type;
  p.rank = rank;
  p.batch = batch;
  for (int d = 0; d < rank; ++d) p.n[d] = n[d];
  // The input is half a spectrum for C2R, the output for R2C; reals are whole.
  p.in = packed(rank, n, real_output(type));
  p.out = packed(rank, n, real_input(type));
  // Advanced layout: both embeds given (cuFFT ignores the layout arguments when either is null).
  if (inembed && onembed) {
    if (istride < 1 || ostride < 1 || idist < 1 || odist < 1) return CUFFT_INVALID_VALUE;
    for (int d = 1; d < rank; ++d) {
      if (inembed[d] < p.in.embed[d] || onembed[d] < p.out.embed[d]) return CUFFT_INVALID_SIZE;
      p.in.embed[d] = inembed[d];
      p.out.embed[d] = onembed[d];
    }
    p.in.stride = istride;
    p.in.dist = idist;
    p.out.stride = ostride;
    p.out.dist = odist;
  }
  if (cufftResult r = prepare(p); r != CUFFT_SUCCESS) return r;
  if (work_size) *work_size = p.bytes;
  return CUFFT_SUCCESS;
}

cufftResult new_plan(cufftHandle* handle) {
  if (!handle) return CUFFT_INVALID_VALUE;
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  *handle = r.next++;
  r.plans[*handle] = std::make_unique<Plan>();
  return CUFFT_SUCCESS;
}

// A plan made in one step (cufftPlan*): on failure the handle is not kept.
template <typename Make>
cufftResult plan_in_one_step(cufftHandle* handle, Make make) {
  if (cufftResult r = new_plan(handle); r != CUFFT_SUCCESS) return r;
  cufftResult r = make(*find(*handle));
  if (r != CUFFT_SUCCESS) cufftDestroy(*handle);
  return r;
}

template <typename Input, typename Output>
cufftResult exec(cufftHandle handle, const Input* input, Output* output, int sign, cufftType expected) {
  Plan* p = find(handle);
  if (!p || !p->made) return CUFFT_INVALID_PLAN;
  if (p->type != expected) return CUFFT_INVALID_TYPE;
  if (!input || !output || (sign != CUFFT_FORWARD && sign != CUFFT_INVERSE)) return CUFFT_INVALID_VALUE;
  return execute(*p, input, output, sign);
}

}  // namespace

extern "C" {

cufftResult cufftCreate(cufftHandle* handle) { return new_plan(handle); }

cufftResult cufftMakePlanMany(cufftHandle plan, int rank, int* n, int* inembed, int istride, int idist, int* onembed,
                              int ostride, int odist, cufftType type, int batch, size_t* workSize) {
  Plan* p = find(plan);
  if (!p) return CUFFT_INVALID_PLAN;
  return make_plan(*p, rank, n, inembed, istride, idist, onembed, ostride, odist, type, batch, workSize);
}
cufftResult cufftMakePlan1d(cufftHandle plan, int nx, cufftType type, int batch, size_t* workSize) {
  return cufftMakePlanMany(plan, 1, &nx, nullptr, 1, 0, nullptr, 1, 0, type, batch, workSize);
}
cufftResult cufftMakePlan2d(cufftHandle plan, int nx, int ny, cufftType type, size_t* workSize) {
  int n[2] = {nx, ny};
  return cufftMakePlanMany(plan, 2, n, nullptr, 1, 0, nullptr, 1, 0, type, 1, workSize);
}
cufftResult cufftMakePlan3d(cufftHandle plan, int nx, int ny, int nz, cufftType type, size_t* workSize) {
  int n[3] = {nx, ny, nz};
  return cufftMakePlanMany(plan, 3, n, nullptr, 1, 0, nullptr, 1, 0, type, 1, workSize);
}

cufftResult cufftPlanMany(cufftHandle* plan, int rank, int* n, int* inembed, int istride, int idist, int* onembed,
                          int ostride, int odist, cufftType type, int batch) {
  return plan_in_one_step(plan, [&](Plan& p) {
    return make_plan(p, rank, n, inembed, istride, idist, onembed, ostride, odist, type, batch, nullptr);
  });
}
cufftResult cufftPlan1d(cufftHandle* plan, int nx, cufftType type, int batch) {
  return cufftPlanMany(plan, 1, &nx, nullptr, 1, 0, nullptr, 1, 0, type, batch);
}
cufftResult cufftPlan2d(cufftHandle* plan, int nx, int ny, cufftType type) {
  int n[2] = {nx, ny};
  return cufftPlanMany(plan, 2, n, nullptr, 1, 0, nullptr, 1, 0, type, 1);
}
cufftResult cufftPlan3d(cufftHandle* plan, int nx, int ny, int nz, cufftType type) {
  int n[3] = {nx, ny, nz};
  return cufftPlanMany(plan, 3, n, nullptr, 1, 0, nullptr, 1, 0, type, 1);
}

cufftResult cufftGetSize(cufftHandle handle, size_t* workSize) {
  Plan* p = find(handle);
  if (!p) return CUFFT_INVALID_PLAN;
  if (!workSize) return CUFFT_INVALID_VALUE;
  *workSize = p->bytes;
  return CUFFT_SUCCESS;
}

// The plan's buffers are its own (allocated when it is made), so a user's work area is not needed.
cufftResult cufftSetWorkArea(cufftHandle plan, void*) { return find(plan) ? CUFFT_SUCCESS : CUFFT_INVALID_PLAN; }
cufftResult cufftSetAutoAllocation(cufftHandle plan, int) { return find(plan) ? CUFFT_SUCCESS : CUFFT_INVALID_PLAN; }
cufftResult cufftSetCompatibilityMode(cufftHandle plan, cufftCompatibility mode) {
  if (!find(plan)) return CUFFT_INVALID_PLAN;
  return mode == CUFFT_COMPATIBILITY_FFTW_PADDING ? CUFFT_SUCCESS : CUFFT_INVALID_VALUE;
}

cufftResult cufftDestroy(cufftHandle plan) {
  Registry& r = registry();
  std::unique_ptr<Plan> p;
  {
    std::lock_guard<std::mutex> lock(r.mutex);
    auto it = r.plans.find(plan);
    if (it == r.plans.end()) return CUFFT_INVALID_PLAN;
    p = std::move(it->second);
    r.plans.erase(it);
  }
  release(*p);
  return CUFFT_SUCCESS;
}

cufftResult cufftSetStream(cufftHandle plan, cudaStream_t stream) {
  Plan* p = find(plan);
  if (!p) return CUFFT_INVALID_PLAN;
  p->stream = stream;
  return CUFFT_SUCCESS;
}

cufftResult cufftGetVersion(int* version) {
  if (!version) return CUFFT_INVALID_VALUE;
  *version = CUFFT_VERSION;
  return CUFFT_SUCCESS;
}

cufftResult cufftGetProperty(libraryPropertyType type, int* value) {
  if (!value) return CUFFT_INVALID_VALUE;
  switch (type) {
    case MAJOR_VERSION: *value = CUFFT_VER_MAJOR; return CUFFT_SUCCESS;
    case MINOR_VERSION: *value = CUFFT_VER_MINOR; return CUFFT_SUCCESS;
    case PATCH_LEVEL: *value = CUFFT_VER_PATCH; return CUFFT_SUCCESS;
  }
  return CUFFT_INVALID_TYPE;
}

cufftResult cufftExecC2C(cufftHandle plan, cufftComplex* idata, cufftComplex* odata, int direction) {
  return exec(plan, idata, odata, direction, CUFFT_C2C);
}
cufftResult cufftExecZ2Z(cufftHandle plan, cufftDoubleComplex* idata, cufftDoubleComplex* odata, int direction) {
  return exec(plan, idata, odata, direction, CUFFT_Z2Z);
}
cufftResult cufftExecR2C(cufftHandle plan, cufftReal* idata, cufftComplex* odata) {
  return exec(plan, idata, odata, CUFFT_FORWARD, CUFFT_R2C);
}
cufftResult cufftExecD2Z(cufftHandle plan, cufftDoubleReal* idata, cufftDoubleComplex* odata) {
  return exec(plan, idata, odata, CUFFT_FORWARD, CUFFT_D2Z);
}
cufftResult cufftExecC2R(cufftHandle plan, cufftComplex* idata, cufftReal* odata) {
  return exec(plan, idata, odata, CUFFT_INVERSE, CUFFT_C2R);
}
cufftResult cufftExecZ2D(cufftHandle plan, cufftDoubleComplex* idata, cufftDoubleReal* odata) {
  return exec(plan, idata, odata, CUFFT_INVERSE, CUFFT_Z2D);
}

}  // extern "C"
