// What clang's generated code calls: fat-binary, kernel and variable registration from each translation
// unit's constructor, and the launch configuration pushed by `<<<...>>>` and popped by the kernel stub.
#include <cstdio>
#include <cstring>
#include <vector>

#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"
#include "isa/fatbin.h"
#include "isa/module_format.h"

namespace canopy::cudart {

namespace {

constexpr int kWrapperMagic = 0x466243b1;

// clang's wrapper around the embedded image (docs/cuda.md).
struct FatbinWrapper {
  int magic;
  int version;
  const void* data;
  void* unused;
};

// Parses the image; on failure the record keeps the reason and its kernels report it at launch.
void parse_fatbin(const FatbinWrapper* wrapper, FatbinRecord& record) {
  if (!wrapper || wrapper->magic != kWrapperMagic || !wrapper->data) {
    record.error = "not a Canopy fat-binary wrapper";
    return;
  }
  const auto* image = static_cast<const uint8_t*>(wrapper->data);
  auto size = isa::fatbin_size(image);
  if (!size.ok()) {
    record.error = size.error().message;
    return;
  }
  auto entries = isa::read_fatbin(image, static_cast<size_t>(*size));
  if (!entries.ok()) {
    record.error = entries.error().message;
    return;
  }
  if (const isa::FatbinEntryView* name = isa::find_entry(*entries, isa::FatbinKind::SourceName))
    record.source.assign(reinterpret_cast<const char*>(name->data), name->size);
  const isa::FatbinEntryView* native = isa::find_entry(*entries, isa::FatbinKind::NativeModule);
  if (!native) {
    record.error = "the fat binary holds no native module";
    return;
  }
  auto module = isa::read_module(native->data, native->size);
  if (!module.ok()) {
    record.error = module.error().message;
    return;
  }
  if (record.source.empty()) record.source = module->source_name;
  record.module = std::make_unique<isa::Module>(std::move(module).value());
}

FatbinRecord* record_of(void** handle) { return reinterpret_cast<FatbinRecord*>(handle); }

struct CallConfiguration {
  dim3 grid, block;
  size_t shared = 0;
  cudaStream_t stream = nullptr;
};

// `k<<<...>>>(args)` pushes, the stub pops right away on the same thread.
thread_local std::vector<CallConfiguration> call_stack;

}  // namespace

}  // namespace canopy::cudart

using namespace canopy::cudart;

extern "C" {

void** __cudaRegisterFatBinary(void* fatCubin) {
  Runtime& rt = Runtime::get();
  std::lock_guard<std::mutex> lock(rt.mutex);
  auto record = std::make_unique<FatbinRecord>();
  parse_fatbin(static_cast<const FatbinWrapper*>(fatCubin), *record);
  if (record->source.empty()) record->source = "a registered fat binary";
  if (!record->module)
    std::fprintf(stderr, "canopy: cannot use the device code of %s: %s\n", record->source.c_str(),
                 record->error.c_str());
  FatbinRecord* raw = record.get();
  rt.fatbins.push_back(std::move(record));
  // Registration normally runs before main, before the device exists; a late one loads now.
  if (rt.has_device()) rt.ensure_loaded(*raw);
  return reinterpret_cast<void**>(raw);
}

void __cudaRegisterFatBinaryEnd(void** fatCubinHandle) {}

void __cudaUnregisterFatBinary(void** fatCubinHandle) {
  Runtime& rt = Runtime::get();
  std::lock_guard<std::mutex> lock(rt.mutex);
  FatbinRecord* record = record_of(fatCubinHandle);
  if (!record || !record->live) return;
  record->live = false;
  if (record->loaded && record->loaded_generation == rt.generation() && rt.has_device())
    (void)rt.device()->unload_module(*record->loaded);
  record->loaded.reset();
  std::erase_if(rt.kernels, [&](const auto& k) { return k.second.fatbin == record; });
  std::erase_if(rt.variables, [&](const auto& v) { return v.second.fatbin == record; });
}

void __cudaRegisterFunction(void** fatCubinHandle, const char* hostFun, char* deviceFun,
                            const char* deviceName, int thread_limit, uint3* tid, uint3* bid, dim3* bDim,
                            dim3* gDim, int* wSize) {
  if (!fatCubinHandle || !hostFun || !deviceName) return;
  Runtime& rt = Runtime::get();
  std::lock_guard<std::mutex> lock(rt.mutex);
  KernelEntry entry;
  entry.fatbin = record_of(fatCubinHandle);
  entry.name = deviceName;
  rt.kernels[hostFun] = std::move(entry);
}

void __cudaRegisterVar(void** fatCubinHandle, char* hostVar, char* deviceAddress, const char* deviceName,
                       int ext, size_t size, int constant, int global) {
  if (!fatCubinHandle || !hostVar || !deviceName) return;
  Runtime& rt = Runtime::get();
  std::lock_guard<std::mutex> lock(rt.mutex);
  rt.variables[hostVar] = VariableEntry{record_of(fatCubinHandle), deviceName, size};
}

unsigned __cudaPushCallConfiguration(dim3 gridDim, dim3 blockDim, size_t sharedMem,
                                     struct CUstream_st* stream) {
  call_stack.push_back({gridDim, blockDim, sharedMem, stream});
  return 0;
}

cudaError_t __cudaPopCallConfiguration(dim3* gridDim, dim3* blockDim, size_t* sharedMem, void* stream) {
  if (call_stack.empty()) return set_last_error(cudaErrorMissingConfiguration);
  CallConfiguration c = call_stack.back();
  call_stack.pop_back();
  if (gridDim) *gridDim = c.grid;
  if (blockDim) *blockDim = c.block;
  if (sharedMem) *sharedMem = c.shared;
  if (stream) std::memcpy(stream, &c.stream, sizeof c.stream);
  return cudaSuccess;
}

}  // extern "C"
