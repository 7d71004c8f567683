// The CUDA runtime's process-wide state (docs/cuda.md): registered fat binaries, kernels and variables,
// the simulated device (created on first use), host allocations, streams, events, the sticky error and
// the statistics. The C ABI forces one global instance; every API call takes its mutex.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cuda/runtime/graph.h"
#include "cuda/runtime/stats.h"
#include "canopy_texture_types.h"
#include "driver_types.h"
#include "gpu/device.h"
#include "isa/module.h"

// The opaque handle types of cuda_runtime_api.h.
struct CUstream_st {
  unsigned flags = 0;
  int priority = 0;
};
// The device's memory pool (the stream-ordered allocator): what it holds, for the pool attributes.
struct CUmemPoolHandle_st {
  uint64_t release_threshold = 0;
  uint64_t used = 0, used_high = 0;
  std::unordered_map<uint64_t, uint64_t> live;  // address -> bytes
  bool reuse[3] = {true, true, true};            // the three reuse policies, reported back
};
namespace canopy::cudart {
struct CaptureState;
}
struct CUevent_st {
  unsigned flags = 0;
  bool recorded = false;
  double time = 0;  // simulated seconds when recorded
  // Recorded in a stream under capture: the capture and the nodes a stream that waits on it depends on.
  std::shared_ptr<canopy::cudart::CaptureState> capture;
  std::vector<struct CUgraphNode_st*> capture_nodes;
};

namespace canopy::cudart {

// The CUDA driver release Canopy's runtime stands in for (cudaDriverGetVersion, cuDriverGetVersion): the
// newest whose features that programs test the version for are implemented (graph conditional nodes with
// if/else and switch: 12.8). The runtime and header version stays CUDART_VERSION (11.5, what clang 14
// knows); a newer driver under an older runtime is the usual arrangement on real machines too.
constexpr int kDriverVersion = 12080;

// A CUDA array (array_api.cpp): one device allocation, rows packed (docs/cuda.md, "Textures and surfaces").
struct ArrayRecord {
  uint64_t base = 0;
  cudaChannelFormatDesc desc{};
  cudaExtent extent{};  // as created: height 0 for 1D, depth 0 for 2D (layered: depth = layers)
  unsigned flags = 0;
  uint32_t width = 1, height = 1, depth = 1;  // texels (depth: slices or layers), each at least 1
  uint32_t elem_bytes = 0;
  uint64_t row_bytes() const { return uint64_t{width} * elem_bytes; }
  uint64_t slice_bytes() const { return row_bytes() * height; }
};

// The descriptors a texture or surface object was created from (cudaGetTextureObject*Desc).
struct TextureRecord {
  cudaResourceDesc resource{};
  cudaTextureDesc texture{};
};

// A texture reference (texture<> variable): how it reads, and the texture object bound to it now.
struct TextureReference {
  int dim = 1;
  bool normalized_read = false;
  uint64_t bound = 0;  // texture object handle, 0 when unbound
  size_t offset = 0;   // cudaGetTextureAlignmentOffset
};

// One registered fat binary (one translation unit); its address is the handle clang keeps.
struct FatbinRecord {
  bool live = true;
  std::string source;                   // for diagnostics
  std::unique_ptr<isa::Module> module;  // parsed at registration; null if the image is unusable
  std::string error;                    // why module is null, or why loading it failed
  std::optional<gpu::ModuleId> loaded;  // in the current device
  uint64_t loaded_generation = 0;
};

struct KernelEntry {
  FatbinRecord* fatbin = nullptr;
  std::string name;
  int max_dynamic_shared = -1;  // cudaFuncAttributeMaxDynamicSharedMemorySize; -1 = the default
  int carveout = -1;            // cudaFuncAttributePreferredSharedMemoryCarveout
};

struct VariableEntry {
  FatbinRecord* fatbin = nullptr;
  std::string name;
  uint64_t size = 0;
};

enum class HostKind { Pinned, Registered, Managed };

// Host memory mapped into the device address space at its own address.
struct HostAllocation {
  uint64_t size = 0;
  HostKind kind = HostKind::Pinned;
  unsigned flags = 0;
};

// A kernel resolved for a launch or a query.
struct ResolvedKernel {
  KernelEntry* entry = nullptr;
  gpu::KernelId id;
  const isa::Function* function = nullptr;
  const isa::Module* module = nullptr;
};

class Runtime {
 public:
  static Runtime& get();

  std::mutex mutex;

  // --- registration (registration.cpp) ---
  std::vector<std::unique_ptr<FatbinRecord>> fatbins;
  std::unordered_map<const void*, KernelEntry> kernels;
  std::unordered_map<const void*, VariableEntry> variables;

  // --- device (runtime.cpp); callers hold `mutex` ---
  // The GPU description from CANOPY_GPU (read once); an error if the variable names nothing usable.
  const Expected<gpu::GpuConfig>& config();
  // The device, created (and every registered module loaded) on first use.
  gpu::Device* device();
  bool has_device() const { return device_ != nullptr; }
  const std::string& init_error() const { return init_error_; }
  void reset_device();
  uint64_t generation() const { return generation_; }
  // Loads `fatbin` into the current device if it is not yet; false (error printed once) if it cannot be.
  bool ensure_loaded(FatbinRecord& fatbin);
  // cudaErrorInvalidDeviceFunction / cudaErrorNoKernelImageForDevice when `stub` is no usable kernel.
  cudaError_t resolve_kernel(const void* stub, ResolvedKernel& out);
  // The device address and size of a registered variable; cudaErrorInvalidSymbol if unknown.
  cudaError_t resolve_symbol(const void* symbol, uint64_t& address, uint64_t& size);

  // Writes the device's pending printf text to stdout (synchronization points and exit).
  void flush_printf();
  // Called with a launch's fault: makes the error sticky and prints the diagnostic once.
  void record_fault(const gpu::Fault& fault);

  cudaError_t sticky = cudaSuccess;
  double sim_clock = 0;  // simulated seconds of device work so far (event timestamps)

  // --- memory (memory_api.cpp) ---
  std::map<uint64_t, HostAllocation> host_allocations;  // by base address
  // The host allocation containing address, or nullptr (base returned through `base`).
  const HostAllocation* host_allocation_containing(uint64_t address, uint64_t* base = nullptr) const;
  void release_host_allocations();

  // --- arrays, texture and surface objects (array_api.cpp, texture_api.cpp); handles of the current device ---
  std::unordered_map<const cudaArray*, std::unique_ptr<ArrayRecord>> arrays;
  std::unordered_map<uint64_t, TextureRecord> textures;  // by object handle
  std::unordered_map<const void*, TextureReference> texture_references;  // by host variable (texture_reference_api.cpp)
  ArrayRecord* array(const cudaArray* a) {
    auto it = arrays.find(a);
    return it == arrays.end() ? nullptr : it->second.get();
  }

  // --- streams and events ---
  std::unordered_map<const CUstream_st*, std::unique_ptr<CUstream_st>> streams;
  std::unordered_map<const CUevent_st*, std::unique_ptr<CUevent_st>> events;
  bool valid_stream(cudaStream_t stream) const;
  // cudaStreamSetAttribute values by stream and attribute (no effect on execution).
  std::map<std::pair<const CUstream_st*, int>, cudaLaunchAttributeValue> stream_attributes;
  CUmemPoolHandle_st default_pool;

  // --- graphs and stream capture (graph_*.cpp) ---
  std::unordered_map<const CUgraph_st*, std::unique_ptr<CUgraph_st>> graphs;  // the caller's top-level graphs
  std::unordered_set<const CUgraph_st*> graph_handles;       // every live graph, nested ones included
  std::unordered_set<const CUgraphNode_st*> node_handles;    // every live node
  std::unordered_map<const CUgraphExec_st*, std::unique_ptr<CUgraphExec_st>> graph_execs;
  std::unordered_map<const CUstream_st*, StreamCapture> captures;  // the streams under capture
  unsigned long long next_capture_id = 1;
  std::unordered_map<uint64_t, GraphAllocation*> graph_allocations;  // by address
  uint64_t graph_mem_used_high = 0, graph_mem_reserved_high = 0;
  // The capture `stream` records into instead of running its work, or nullptr.
  StreamCapture* capture_of(cudaStream_t stream);
  // cudaFree/cudaFreeAsync of a graph allocation's address: it ends its lifetime (true), memory stays reserved.
  bool free_graph_allocation(uint64_t address);

  // --- settings ---
  unsigned device_flags = 0;
  size_t limits[7] = {};
  bool driver_initialized = false;

  Stats stats;

 private:
  Runtime();
  void create_device();

  std::optional<Expected<gpu::GpuConfig>> config_;
  std::unique_ptr<gpu::Device> device_;
  std::string init_error_;
  bool init_failed_ = false;
  uint64_t generation_ = 0;
};

// The calling host thread's last error (cudaGetLastError), set by every failing call.
cudaError_t set_last_error(cudaError_t error);
cudaError_t take_last_error();
cudaError_t peek_last_error();
void clear_last_error();

// Runs `body` under the runtime lock. With `needs_device`, the device must exist (created on demand;
// cudaErrorInitializationError if it cannot be) and a pending sticky error is returned instead of running.
// The result is recorded as the thread's last error when it is one.
template <class Body>
cudaError_t locked_call(bool needs_device, Body&& body) {
  Runtime& rt = Runtime::get();
  cudaError_t result;
  {
    std::lock_guard<std::mutex> lock(rt.mutex);
    if (needs_device && rt.sticky != cudaSuccess) {
      result = rt.sticky;
    } else if (needs_device && !rt.device()) {
      result = cudaErrorInitializationError;
    } else {
      result = body(rt);
    }
  }
  return set_last_error(result);
}

template <class Body>
cudaError_t device_call(Body&& body) {
  return locked_call(true, std::forward<Body>(body));
}
template <class Body>
cudaError_t runtime_call(Body&& body) {
  return locked_call(false, std::forward<Body>(body));
}

// The integer a caller passed for an enum parameter. C callers may pass any value, and loading an
// out-of-range value through a C++ enum type is undefined behaviour, so the object's bytes are read.
template <class Enum>
int enum_value(const Enum& e) {
  static_assert(sizeof(Enum) == sizeof(int));
  int v;
  std::memcpy(&v, &e, sizeof v);
  return v;
}

// cudaMemcpy2D's checks and copy, for callers that already hold the lock (memcpy_api.cpp).
cudaError_t copy_2d_locked(Runtime& rt, void* dst, size_t dpitch, const void* src, size_t spitch, size_t width,
                           size_t height, int kind, bool check_only = false);

// --- stream operations, shared by the stream calls and graph nodes; callers hold the lock ---
// A kernel launch checked and its arguments packed (launch_api.cpp); run_kernel runs it.
struct PreparedLaunch {
  ResolvedKernel kernel;
  gpu::Device::LaunchConfig config;
  std::vector<uint8_t> params;
};
cudaError_t prepare_launch(Runtime& rt, const void* func, dim3 grid, dim3 block, void** args, size_t shared,
                           bool cooperative, PreparedLaunch& out);
cudaError_t run_kernel(Runtime& rt, const PreparedLaunch& launch);
// A launch checked now and kept as a graph's kernel node, its arguments copied.
cudaError_t make_kernel_node(Runtime& rt, const void* func, dim3 grid, dim3 block, void** args, size_t shared,
                             KernelNode& out);
// cudaMemcpy3D's checks and copy (array_api.cpp); with check_only nothing is copied.
cudaError_t copy_3d(Runtime& rt, const cudaMemcpy3DParms& p, bool check_only = false);
// Texture objects as cudaCreateTextureObject / cudaDestroyTextureObject make and end them (texture_api.cpp).
cudaError_t create_texture(Runtime& rt, const cudaResourceDesc& res, const cudaTextureDesc& tex, uint64_t& handle);
cudaError_t destroy_texture(Runtime& rt, uint64_t handle);
// A memset of 1-, 2- or 4-byte elements over `height` rows (memcpy_api.cpp).
cudaError_t fill_elements(Runtime& rt, const cudaMemsetParams& p, bool check_only = false);
// A stream call under capture becomes this node (graph_capture.cpp).
cudaError_t capture_node(Runtime& rt, StreamCapture& capture, NodePayload payload);

// Maps a device fault kind to CUDA's error code (docs/cuda.md; the choices are documented there).
cudaError_t error_for_fault(const gpu::Fault& fault);

}  // namespace canopy::cudart
