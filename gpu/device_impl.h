// Private state of gpu::Device, shared by device.cpp (memory, launches) and device_module.cpp (loading).
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "gpu/device.h"
#include "gpu/exec/launch.h"
#include "gpu/memory/device_heap.h"
#include "gpu/memory/global_memory.h"

namespace canopy::gpu {

struct LoadedModule {
  std::unique_ptr<isa::Module> module;      // relocated copy; predecoded code points into it
  std::unique_ptr<ExecModuleBase> exec;
  std::vector<uint64_t> variable_address;   // per Variable: device address (global/const), else 0
  std::vector<uint64_t> allocations;        // global allocations owned by the module
  uint64_t const_bank = 0;                  // device address of the constant bank (0 if empty)
  bool uses_heap = false;                   // calls device malloc or free
};

struct Device::Impl {
  GpuConfig config;
  GlobalMemory memory;
  std::unique_ptr<EngineBase> engine;
  std::vector<std::unique_ptr<LoadedModule>> modules;  // ModuleId::value - 1
  std::vector<KernelStats> history;
  std::optional<Fault> last_fault;
  uint64_t launches = 0;
  std::string printf_output;  // device printf text not yet taken
  uint64_t printf_limit = 1 << 20;
  uint64_t heap_bytes = 8 << 20;           // cudaLimitMallocHeapSize
  TextureTable textures;                   // texture and surface objects; launches read it
  std::unique_ptr<DeviceHeap> heap;        // made at the first launch of a kernel that needs it
  mutable std::mutex mutex;

  Impl(const GpuConfig& c, unsigned threads)
      : config(c), memory(c.memory_bytes, c.strict_memory), engine(make_engine(c, threads)) {}

  LoadedModule* module(ModuleId id) {
    if (id.value == 0 || id.value > modules.size()) return nullptr;
    return modules[id.value - 1].get();
  }
  Expected<ModuleId> load(const isa::Module& m);
};

}  // namespace canopy::gpu
