// CUDA Graphs in the runtime (docs/cuda.md, "Graphs"): a graph owns its nodes; a node is one stream
// operation kept in the form it runs in (a kernel with its parameters already packed, a 3D copy, a
// fill, a host function, an event, a memory allocation or free, an embedded child graph, a conditional
// with its body graphs). Stream capture (graph_capture.cpp) builds the same nodes from stream calls;
// an executable graph (graph_exec.cpp) is a clone with a fixed order of execution.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <variant>
#include <vector>

#include "cuda_runtime_api.h"

namespace canopy::cudart {

class Runtime;

struct KernelNode {
  const void* func = nullptr;
  dim3 grid, block;
  unsigned shared = 0;
  std::vector<uint8_t> params;    // packed by the kernel's parameter layout
  std::vector<uint32_t> offsets;  // of each parameter in `params`
  std::vector<void*> args;        // kernelParams as reported back: each points into `params`

  KernelNode() = default;
  KernelNode(KernelNode&&) = default;
  KernelNode& operator=(KernelNode&&) = default;
  KernelNode(const KernelNode& o) { *this = o; }
  KernelNode& operator=(const KernelNode& o) {
    func = o.func, grid = o.grid, block = o.block, shared = o.shared, params = o.params, offsets = o.offsets;
    args.clear();
    for (uint32_t offset : offsets) args.push_back(params.data() + offset);
    return *this;
  }
};
struct MemsetNode {
  cudaMemsetParams p{};
};
struct HostNode {
  cudaHostNodeParams p{};
};
struct EmptyNode {};
struct EventRecordNode {
  cudaEvent_t event = nullptr;
};
struct EventWaitNode {
  cudaEvent_t event = nullptr;
};
// A graph allocation (cudaGraphAddMemAllocNode, cudaMallocAsync under capture): its address is fixed when
// the node is made and stays reserved while any graph holding the node exists (GraphAllocation).
struct GraphAllocation;
struct MemAllocNode {
  std::shared_ptr<GraphAllocation> allocation;
  cudaMemPoolProps props{};
};
struct MemFreeNode {
  uint64_t address = 0;
};
struct ChildGraphNode {
  std::unique_ptr<CUgraph_st> graph;  // a clone of the graph given, owned by the node
};
struct ConditionalNode {
  cudaGraphConditionalHandle handle = 0;
  cudaGraphConditionalNodeType type = cudaGraphCondTypeIf;
  std::vector<std::unique_ptr<CUgraph_st>> bodies;
  std::vector<cudaGraph_t> body_handles;  // what phGraph_out points at
};

using NodePayload = std::variant<KernelNode, cudaMemcpy3DParms, MemsetNode, HostNode, EmptyNode, EventRecordNode,
                                 EventWaitNode, MemAllocNode, MemFreeNode, ChildGraphNode, ConditionalNode>;

// Device memory that graphs hold, shared by a graph, its clones and its executable graphs, and freed with
// the last of them (unless the device was reset meanwhile). Callers hold the runtime lock.
struct DeviceBlock {
  uint64_t address = 0, bytes = 0, generation = 0;
  DeviceBlock() = default;
  DeviceBlock(const DeviceBlock&) = delete;
  DeviceBlock& operator=(const DeviceBlock&) = delete;
  ~DeviceBlock();
};
struct GraphAllocation : DeviceBlock {
  bool live = false;  // between its allocation node and its free (a free node, cudaFree, cudaFreeAsync)
};
// The cell behind a conditional handle (graph_device.h).
struct ConditionalCell : DeviceBlock {
  unsigned default_value = 0;
  bool assign_default = false;
};

cudaGraphNodeType node_type(const NodePayload& payload);

}  // namespace canopy::cudart

struct CUgraphNode_st {
  ~CUgraphNode_st();  // forgets the handle
  CUgraph_st* graph = nullptr;
  canopy::cudart::NodePayload payload;
  std::vector<CUgraphNode_st*> dependencies, dependents;  // in the order they were added
};

struct CUgraph_st {
  ~CUgraph_st();  // forgets the handle
  std::vector<std::unique_ptr<CUgraphNode_st>> nodes;  // in creation order
  std::vector<std::shared_ptr<canopy::cudart::ConditionalCell>> conditionals;
  std::unordered_map<const CUgraphNode_st*, CUgraphNode_st*> clone_of;  // original -> this graph's node
  bool capturing = false;  // a stream captures into it (no other changes then)
};

struct CUgraphExec_st {
  std::unique_ptr<CUgraph_st> graph;  // the instantiated clone
  std::vector<CUgraphNode_st*> order;  // a topological order, fixed at instantiation
  std::unordered_map<const CUgraphNode_st*, bool> disabled;
  unsigned long long flags = 0;
};

namespace canopy::cudart {

// What a stream under capture records (graph_capture.cpp): the graph and the nodes the next one depends on.
struct CaptureState {
  unsigned long long id = 0;
  cudaGraph_t graph = nullptr;
  bool owns_graph = true;  // cudaStreamBeginCapture (not ...ToGraph): the graph goes to the caller at the end
  cudaStreamCaptureMode mode = cudaStreamCaptureModeGlobal;
  cudaStream_t origin = nullptr;
  bool invalidated = false;
  std::vector<cudaGraphNode_t> departed;  // what joined streams destroyed during the capture depended on last
};

struct StreamCapture {
  std::shared_ptr<CaptureState> state;
  std::vector<cudaGraphNode_t> dependencies;
};

// Adds a node to `graph` after `deps` (each checked to belong to it); the new node, or nullptr with
// cudaErrorInvalidValue in `error`.
cudaGraphNode_t add_node(Runtime& rt, cudaGraph_t graph, const cudaGraphNode_t* deps, size_t count, NodePayload payload,
                         cudaError_t& error);
// A deep copy of `graph` (nodes, edges, child graphs, conditional bodies); clone_of maps the originals.
std::unique_ptr<CUgraph_st> clone_graph(Runtime& rt, const CUgraph_st& graph);
// The nodes in an order that respects every edge, ties by creation order; empty if there is a cycle.
std::vector<CUgraphNode_st*> topological_order(const CUgraph_st& graph, bool& acyclic);

// Stream capture's view of events (graph_capture.cpp): recording in a capturing stream remembers the
// stream's nodes; a stream that waits on such an event joins the capture (or depends on them). Both
// return false when the stream and event take no part in a capture (the plain behaviour applies).
cudaError_t capture_event_record(Runtime& rt, CUevent_st& event, cudaStream_t stream, bool& handled);
cudaError_t capture_event_wait(Runtime& rt, cudaStream_t stream, const CUevent_st& event, bool& handled);
// Whether a capture in global or thread-local mode is under way (synchronizing calls are then refused).
bool any_strict_capture(const Runtime& rt);
// cudaMallocAsync / cudaFreeAsync under capture: a graph allocation node (its address known now) and a
// free node (graph_api.cpp).
cudaError_t capture_allocation(Runtime& rt, StreamCapture& capture, size_t bytes, void*& dptr);
cudaError_t capture_free(Runtime& rt, StreamCapture& capture, uint64_t address);
// A synchronizing call that a capture forbids: on a capturing stream, or device-wide (stream nullptr)
// while a strict capture is under way. It invalidates the capture and returns
// cudaErrorStreamCaptureUnsupported; cudaSuccess when no capture is concerned.
cudaError_t refuse_sync_under_capture(Runtime& rt, cudaStream_t stream);
// Whether a handle names a live graph or node; whether the graph API may change a graph (graph_api.cpp).
bool valid_graph(Runtime& rt, cudaGraph_t g);
bool valid_node(Runtime& rt, cudaGraphNode_t n);
bool editable(Runtime& rt, cudaGraph_t g);
// Ends every capture and destroys every graph (cudaDeviceReset).
void release_graphs(Runtime& rt);

// Runs a graph's nodes in order (graph_exec.cpp). Called without the runtime lock (host nodes run unlocked).
cudaError_t run_graph(const CUgraph_st& graph, const std::vector<CUgraphNode_st*>& order,
                      const std::unordered_map<const CUgraphNode_st*, bool>* disabled);

}  // namespace canopy::cudart
