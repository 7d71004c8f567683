// What the device hands the engine for one launch, and what comes back. The engine is templated on
// the warp width; EngineBase hides the width from the device.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "gpu/config/gpu_config.h"
#include "gpu/device_types.h"
#include "gpu/exec/exec_module.h"
#include "gpu/memory/global_memory.h"
#include "gpu/texture/texture_object.h"

namespace canopy::gpu {

class DeviceHeap;

struct LaunchSpec {
  const ExecModuleBase* module = nullptr;
  uint32_t kernel = 0;               // function index
  Dim3 grid, block;
  uint32_t static_shared = 0;        // the kernel's static shared bytes, rounded up to 16
  uint32_t dynamic_shared = 0;
  uint64_t local_bytes = 0;          // per thread: kernel frame + stack reserve
  const uint8_t* params = nullptr;
  uint64_t param_bytes = 0;
  uint8_t* const_bank = nullptr;     // host view of the module's constant bank
  uint64_t const_bytes = 0;
  const GlobalMemory* global = nullptr;
  const TextureTable* textures = nullptr;  // read-only during the launch (the device is locked)
  const GpuConfig* config = nullptr;
  uint64_t grid_id = 0;
  uint64_t printf_capacity = 0;  // bytes of device printf output this launch may still add
  bool cooperative = false;      // all CTAs resident together (cudaLaunchCooperativeKernel)
  DeviceHeap* heap = nullptr;    // device malloc/free (null: the kernel's module calls neither)
};

struct LaunchOutcome {
  uint64_t warp_instructions = 0;
  uint64_t thread_instructions = 0;
  uint64_t fence_instructions = 0;
  uint64_t barrier_instructions = 0;
  uint64_t lane_yields = 0;
  uint64_t ctas = 0;
  std::optional<Fault> fault;
  std::string printf_output;  // CTA order; with a fault, CTAs up to the faulting one
};

class EngineBase {
 public:
  virtual ~EngineBase() = default;
  virtual Expected<std::unique_ptr<ExecModuleBase>> predecode(const isa::Module& module, uint32_t module_id) = 0;
  virtual LaunchOutcome launch(const LaunchSpec& spec) = 0;
  virtual unsigned host_threads() const = 0;
};

// An engine for config.warp_size (32 or 64) running CTAs on `host_threads` threads.
std::unique_ptr<EngineBase> make_engine(const GpuConfig& config, unsigned host_threads);

}  // namespace canopy::gpu
