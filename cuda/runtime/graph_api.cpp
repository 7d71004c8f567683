// Building graphs: creation, cloning and destruction, the node kinds and their parameters, conditional
// handles (edges, inspection and graph memory: graph_structure_api.cpp). Nodes are checked when they are
// added, as CUDA does (a kernel node's configuration and arguments, a copy's ranges), so a graph that was
// built without error runs without argument errors.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <queue>
#include <string>

#include "cuda/runtime/graph.h"
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy;
using namespace canopy::cudart;

// ---- handles and device blocks ----

CUgraph_st::~CUgraph_st() {
  nodes.clear();  // before the handle goes: the nodes' destructors look at nothing else
  Runtime::get().graph_handles.erase(this);
}

CUgraphNode_st::~CUgraphNode_st() { Runtime::get().node_handles.erase(this); }

DeviceBlock::~DeviceBlock() {
  Runtime& rt = Runtime::get();
  rt.graph_allocations.erase(address);
  if (address && rt.has_device() && rt.generation() == generation) (void)rt.device()->free(address);
}

cudaGraphNodeType canopy::cudart::node_type(const NodePayload& payload) {
  static constexpr cudaGraphNodeType kTypes[] = {
      cudaGraphNodeTypeKernel,      cudaGraphNodeTypeMemcpy,    cudaGraphNodeTypeMemset,   cudaGraphNodeTypeHost,
      cudaGraphNodeTypeEmpty,       cudaGraphNodeTypeEventRecord, cudaGraphNodeTypeWaitEvent, cudaGraphNodeTypeMemAlloc,
      cudaGraphNodeTypeMemFree,     cudaGraphNodeTypeGraph,     cudaGraphNodeTypeConditional};
  static_assert(std::variant_size_v<NodePayload> == std::size(kTypes));
  return kTypes[payload.index()];
}

cudaGraphNode_t canopy::cudart::add_node(Runtime& rt, cudaGraph_t graph, const cudaGraphNode_t* deps, size_t count,
                                         NodePayload payload, cudaError_t& error) {
  error = cudaErrorInvalidValue;
  if (!graph || !rt.graph_handles.count(graph) || (count && !deps)) return nullptr;
  for (size_t i = 0; i < count; ++i) {
    if (!rt.node_handles.count(deps[i]) || deps[i]->graph != graph) return nullptr;
    for (size_t j = 0; j < i; ++j)
      if (deps[j] == deps[i]) return nullptr;  // CUDA refuses a repeated dependency
  }
  auto node = std::make_unique<CUgraphNode_st>();
  node->graph = graph;
  node->payload = std::move(payload);
  for (size_t i = 0; i < count; ++i) {
    node->dependencies.push_back(deps[i]);
    deps[i]->dependents.push_back(node.get());
  }
  cudaGraphNode_t raw = node.get();
  rt.node_handles.insert(raw);
  graph->nodes.push_back(std::move(node));
  error = cudaSuccess;
  return raw;
}

namespace {

std::unique_ptr<CUgraph_st> new_graph(Runtime& rt) {
  auto g = std::make_unique<CUgraph_st>();
  rt.graph_handles.insert(g.get());
  return g;
}

NodePayload copy_payload(Runtime& rt, const NodePayload& payload) {
  if (const auto* child = std::get_if<ChildGraphNode>(&payload)) {
    ChildGraphNode copy;
    copy.graph = clone_graph(rt, *child->graph);
    return copy;
  }
  if (const auto* cond = std::get_if<ConditionalNode>(&payload)) {
    ConditionalNode copy;
    copy.handle = cond->handle;
    copy.type = cond->type;
    for (const auto& body : cond->bodies) {
      copy.bodies.push_back(clone_graph(rt, *body));
      copy.body_handles.push_back(copy.bodies.back().get());
    }
    return copy;
  }
  return std::visit(
      [](const auto& p) -> NodePayload {
        using P = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<P, ChildGraphNode> || std::is_same_v<P, ConditionalNode>)
          return EmptyNode{};  // handled above
        else
          return p;
      },
      payload);
}

}  // namespace

std::unique_ptr<CUgraph_st> canopy::cudart::clone_graph(Runtime& rt, const CUgraph_st& graph) {
  auto clone = new_graph(rt);
  clone->conditionals = graph.conditionals;
  // Nodes first, then edges: cudaGraphAddDependencies may point an edge from a later node to an earlier one.
  for (const auto& n : graph.nodes) {
    auto copy = std::make_unique<CUgraphNode_st>();
    copy->graph = clone.get();
    copy->payload = copy_payload(rt, n->payload);
    clone->clone_of[n.get()] = copy.get();
    rt.node_handles.insert(copy.get());
    clone->nodes.push_back(std::move(copy));
  }
  for (size_t i = 0; i < graph.nodes.size(); ++i)
    for (CUgraphNode_st* d : graph.nodes[i]->dependencies) {
      CUgraphNode_st* mapped = clone->clone_of.at(d);
      clone->nodes[i]->dependencies.push_back(mapped);
      mapped->dependents.push_back(clone->nodes[i].get());
    }
  return clone;
}

std::vector<CUgraphNode_st*> canopy::cudart::topological_order(const CUgraph_st& graph, bool& acyclic) {
  std::unordered_map<const CUgraphNode_st*, size_t> index, waiting;
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    index[graph.nodes[i].get()] = i;
    waiting[graph.nodes[i].get()] = graph.nodes[i]->dependencies.size();
  }
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;  // lowest creation index first
  for (size_t i = 0; i < graph.nodes.size(); ++i)
    if (graph.nodes[i]->dependencies.empty()) ready.push(i);
  std::vector<CUgraphNode_st*> order;
  while (!ready.empty()) {
    CUgraphNode_st* n = graph.nodes[ready.top()].get();
    ready.pop();
    order.push_back(n);
    for (CUgraphNode_st* d : n->dependents)
      if (--waiting[d] == 0) ready.push(index[d]);
  }
  acyclic = order.size() == graph.nodes.size();
  return order;
}

bool Runtime::free_graph_allocation(uint64_t address) {
  auto it = graph_allocations.find(address);
  if (it == graph_allocations.end()) return false;
  it->second->live = false;
  return true;
}

bool canopy::cudart::valid_graph(Runtime& rt, cudaGraph_t g) { return g && rt.graph_handles.count(g); }
bool canopy::cudart::valid_node(Runtime& rt, cudaGraphNode_t n) { return n && rt.node_handles.count(n); }

// A graph under capture may also be changed through the graph API (CUDA's capture-then-add pattern:
// cudaStreamGetCaptureInfo, cudaGraphAddNode, cudaStreamUpdateCaptureDependencies).
bool canopy::cudart::editable(Runtime& rt, cudaGraph_t g) { return valid_graph(rt, g); }

namespace {

template <class Payload>
cudaError_t add(Runtime& rt, cudaGraphNode_t* out, cudaGraph_t graph, const cudaGraphNode_t* deps, size_t count,
                Payload payload) {
  if (!out || !editable(rt, graph)) return cudaErrorInvalidValue;
  cudaError_t error = cudaSuccess;
  cudaGraphNode_t node = add_node(rt, graph, deps, count, std::move(payload), error);
  if (node) *out = node;
  return error;
}

cudaError_t kernel_payload(Runtime& rt, const void* func, dim3 grid, dim3 block, unsigned shared, void** args,
                           void** extra, KernelNode& out) {
  if (extra) return cudaErrorNotSupported;  // packed argument buffers (CU_LAUNCH_PARAM_*) are not taken here
  return make_kernel_node(rt, func, grid, block, args, shared, out);
}

cudaError_t memcpy_payload(Runtime& rt, const cudaMemcpy3DParms* p, cudaMemcpy3DParms& out) {
  if (!p) return cudaErrorInvalidValue;
  if (cudaError_t e = copy_3d(rt, *p, true); e != cudaSuccess) return e;
  out = *p;
  return cudaSuccess;
}

cudaError_t memset_payload(Runtime& rt, const cudaMemsetParams* p, MemsetNode& out) {
  if (!p) return cudaErrorInvalidValue;
  if (cudaError_t e = fill_elements(rt, *p, true); e != cudaSuccess) return e;
  out.p = *p;
  return cudaSuccess;
}

cudaError_t alloc_payload(Runtime& rt, const cudaMemPoolProps& props, size_t bytes, MemAllocNode& out, void*& dptr) {
  if (props.allocType != cudaMemAllocationTypePinned || props.location.type != cudaMemLocationTypeDevice ||
      props.location.id != 0 || bytes == 0)
    return cudaErrorInvalidValue;
  auto address = rt.device()->malloc(bytes);
  if (!address.ok()) return cudaErrorMemoryAllocation;
  auto allocation = std::make_shared<GraphAllocation>();
  allocation->address = *address;
  allocation->bytes = bytes;
  allocation->generation = rt.generation();
  rt.graph_allocations[*address] = allocation.get();
  uint64_t reserved = 0;
  for (const auto& [a, g] : rt.graph_allocations) reserved += g->bytes;
  rt.graph_mem_reserved_high = std::max(rt.graph_mem_reserved_high, reserved);
  out.allocation = std::move(allocation);
  out.props = props;
  dptr = reinterpret_cast<void*>(static_cast<uintptr_t>(*address));
  return cudaSuccess;
}

cudaError_t free_payload(Runtime& rt, void* dptr, MemFreeNode& out) {
  const uint64_t address = reinterpret_cast<uintptr_t>(dptr);
  if (!rt.graph_allocations.count(address)) return cudaErrorInvalidValue;  // only graph memory is freed by a node
  out.address = address;
  return cudaSuccess;
}

cudaMemPoolProps device_pool_props() {
  cudaMemPoolProps props{};
  props.allocType = cudaMemAllocationTypePinned;
  props.location.type = cudaMemLocationTypeDevice;
  props.location.id = 0;
  return props;
}

cudaError_t conditional_payload(Runtime& rt, cudaGraph_t graph, cudaConditionalNodeParams& p, ConditionalNode& out) {
  const int type = enum_value(p.type);
  const bool sized = (type == cudaGraphCondTypeIf && (p.size == 1 || p.size == 2)) ||
                     (type == cudaGraphCondTypeWhile && p.size == 1) || (type == cudaGraphCondTypeSwitch && p.size >= 1);
  if (!sized) return cudaErrorInvalidValue;
  bool known = false;
  for (const CUgraph_st* g : rt.graph_handles)
    for (const auto& cell : g->conditionals) known |= cell->address == p.handle;
  if (!known) return cudaErrorInvalidValue;
  out.handle = p.handle;
  out.type = static_cast<cudaGraphConditionalNodeType>(type);
  for (unsigned i = 0; i < p.size; ++i) {
    out.bodies.push_back(new_graph(rt));
    out.body_handles.push_back(out.bodies.back().get());
  }
  (void)graph;
  return cudaSuccess;
}

}  // namespace

cudaError_t canopy::cudart::capture_allocation(Runtime& rt, StreamCapture& capture, size_t bytes, void*& dptr) {
  MemAllocNode node;
  void* address = nullptr;
  if (cudaError_t e = alloc_payload(rt, device_pool_props(), bytes, node, address); e != cudaSuccess) return e;
  if (cudaError_t e = capture_node(rt, capture, std::move(node)); e != cudaSuccess) return e;
  dptr = address;
  return cudaSuccess;
}

cudaError_t canopy::cudart::capture_free(Runtime& rt, StreamCapture& capture, uint64_t address) {
  MemFreeNode node;
  if (cudaError_t e = free_payload(rt, reinterpret_cast<void*>(static_cast<uintptr_t>(address)), node); e != cudaSuccess)
    return e;
  return capture_node(rt, capture, node);
}

namespace {

template <class Payload>
Payload* payload_of(Runtime& rt, cudaGraphNode_t node) {
  return valid_node(rt, node) ? std::get_if<Payload>(&node->payload) : nullptr;
}

}  // namespace

extern "C" {

cudaError_t cudaGraphCreate(cudaGraph_t* pGraph, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (!pGraph || flags != 0) return cudaErrorInvalidValue;
    auto g = new_graph(rt);
    *pGraph = g.get();
    rt.graphs.emplace(g.get(), std::move(g));
    return cudaSuccess;
  });
}

cudaError_t cudaGraphDestroy(cudaGraph_t graph) {
  return device_call([&](Runtime& rt) {
    auto it = rt.graphs.find(graph);
    if (it == rt.graphs.end()) return cudaErrorInvalidValue;  // also a child or body graph, owned by its node
    if (graph->capturing) return cudaErrorIllegalState;
    rt.graphs.erase(it);
    return cudaSuccess;
  });
}

cudaError_t cudaGraphClone(cudaGraph_t* pGraphClone, cudaGraph_t originalGraph) {
  return device_call([&](Runtime& rt) {
    if (!pGraphClone || !editable(rt, originalGraph)) return cudaErrorInvalidValue;
    auto clone = clone_graph(rt, *originalGraph);
    *pGraphClone = clone.get();
    rt.graphs.emplace(clone.get(), std::move(clone));
    return cudaSuccess;
  });
}

cudaError_t cudaGraphNodeFindInClone(cudaGraphNode_t* pNode, cudaGraphNode_t originalNode, cudaGraph_t clonedGraph) {
  return device_call([&](Runtime& rt) {
    if (!pNode || !valid_node(rt, originalNode) || !valid_graph(rt, clonedGraph)) return cudaErrorInvalidValue;
    auto it = clonedGraph->clone_of.find(originalNode);
    if (it == clonedGraph->clone_of.end()) return cudaErrorInvalidValue;
    *pNode = it->second;
    return cudaSuccess;
  });
}

cudaError_t cudaGraphAddKernelNode(cudaGraphNode_t* pGraphNode, cudaGraph_t graph, const cudaGraphNode_t* pDependencies,
                                   size_t numDependencies, const cudaKernelNodeParams* p) {
  return device_call([&](Runtime& rt) {
    if (!p) return cudaErrorInvalidValue;
    KernelNode node;
    if (cudaError_t e = kernel_payload(rt, p->func, p->gridDim, p->blockDim, p->sharedMemBytes, p->kernelParams,
                                       p->extra, node);
        e != cudaSuccess)
      return e;
    return add(rt, pGraphNode, graph, pDependencies, numDependencies, std::move(node));
  });
}

cudaError_t cudaGraphAddMemcpyNode(cudaGraphNode_t* pGraphNode, cudaGraph_t graph, const cudaGraphNode_t* pDependencies,
                                   size_t numDependencies, const cudaMemcpy3DParms* pCopyParams) {
  return device_call([&](Runtime& rt) {
    cudaMemcpy3DParms node{};
    if (cudaError_t e = memcpy_payload(rt, pCopyParams, node); e != cudaSuccess) return e;
    return add(rt, pGraphNode, graph, pDependencies, numDependencies, node);
  });
}

cudaError_t cudaGraphAddMemcpyNode1D(cudaGraphNode_t* pGraphNode, cudaGraph_t graph,
                                     const cudaGraphNode_t* pDependencies, size_t numDependencies, void* dst,
                                     const void* src, size_t count, cudaMemcpyKind kind) {
  cudaMemcpy3DParms p{};
  p.srcPtr = make_cudaPitchedPtr(const_cast<void*>(src), count, count, 1);
  p.dstPtr = make_cudaPitchedPtr(dst, count, count, 1);
  p.extent = make_cudaExtent(count, 1, 1);
  p.kind = kind;
  return cudaGraphAddMemcpyNode(pGraphNode, graph, pDependencies, numDependencies, &p);
}

cudaError_t cudaGraphAddMemsetNode(cudaGraphNode_t* pGraphNode, cudaGraph_t graph, const cudaGraphNode_t* pDependencies,
                                   size_t numDependencies, const cudaMemsetParams* pMemsetParams) {
  return device_call([&](Runtime& rt) {
    MemsetNode node;
    if (cudaError_t e = memset_payload(rt, pMemsetParams, node); e != cudaSuccess) return e;
    return add(rt, pGraphNode, graph, pDependencies, numDependencies, node);
  });
}

cudaError_t cudaGraphAddHostNode(cudaGraphNode_t* pGraphNode, cudaGraph_t graph, const cudaGraphNode_t* pDependencies,
                                 size_t numDependencies, const cudaHostNodeParams* pNodeParams) {
  return device_call([&](Runtime& rt) {
    if (!pNodeParams || !pNodeParams->fn) return cudaErrorInvalidValue;
    return add(rt, pGraphNode, graph, pDependencies, numDependencies, HostNode{*pNodeParams});
  });
}

cudaError_t cudaGraphAddChildGraphNode(cudaGraphNode_t* pGraphNode, cudaGraph_t graph,
                                       const cudaGraphNode_t* pDependencies, size_t numDependencies,
                                       cudaGraph_t childGraph) {
  return device_call([&](Runtime& rt) {
    if (!editable(rt, childGraph) || childGraph == graph) return cudaErrorInvalidValue;
    ChildGraphNode node;
    node.graph = clone_graph(rt, *childGraph);
    return add(rt, pGraphNode, graph, pDependencies, numDependencies, std::move(node));
  });
}

cudaError_t cudaGraphAddEmptyNode(cudaGraphNode_t* pGraphNode, cudaGraph_t graph, const cudaGraphNode_t* pDependencies,
                                  size_t numDependencies) {
  return device_call(
      [&](Runtime& rt) { return add(rt, pGraphNode, graph, pDependencies, numDependencies, EmptyNode{}); });
}

cudaError_t cudaGraphAddEventRecordNode(cudaGraphNode_t* pGraphNode, cudaGraph_t graph,
                                        const cudaGraphNode_t* pDependencies, size_t numDependencies,
                                        cudaEvent_t event) {
  return device_call([&](Runtime& rt) {
    if (!rt.events.count(event)) return cudaErrorInvalidResourceHandle;
    return add(rt, pGraphNode, graph, pDependencies, numDependencies, EventRecordNode{event});
  });
}

cudaError_t cudaGraphAddEventWaitNode(cudaGraphNode_t* pGraphNode, cudaGraph_t graph,
                                      const cudaGraphNode_t* pDependencies, size_t numDependencies, cudaEvent_t event) {
  return device_call([&](Runtime& rt) {
    if (!rt.events.count(event)) return cudaErrorInvalidResourceHandle;
    return add(rt, pGraphNode, graph, pDependencies, numDependencies, EventWaitNode{event});
  });
}

cudaError_t cudaGraphAddMemAllocNode(cudaGraphNode_t* pGraphNode, cudaGraph_t graph,
                                     const cudaGraphNode_t* pDependencies, size_t numDependencies,
                                     cudaMemAllocNodeParams* nodeParams) {
  return device_call([&](Runtime& rt) {
    if (!nodeParams || !pGraphNode || !editable(rt, graph)) return cudaErrorInvalidValue;
    MemAllocNode node;
    void* dptr = nullptr;
    if (cudaError_t e = alloc_payload(rt, nodeParams->poolProps, nodeParams->bytesize, node, dptr); e != cudaSuccess)
      return e;
    cudaError_t e = add(rt, pGraphNode, graph, pDependencies, numDependencies, std::move(node));
    if (e == cudaSuccess) nodeParams->dptr = dptr;
    return e;
  });
}

cudaError_t cudaGraphAddMemFreeNode(cudaGraphNode_t* pGraphNode, cudaGraph_t graph,
                                    const cudaGraphNode_t* pDependencies, size_t numDependencies, void* dptr) {
  return device_call([&](Runtime& rt) {
    MemFreeNode node;
    if (cudaError_t e = free_payload(rt, dptr, node); e != cudaSuccess) return e;
    return add(rt, pGraphNode, graph, pDependencies, numDependencies, node);
  });
}

// CUDA 12's one entry point for every node kind; output fields (an allocation's address, a conditional's
// body graphs) are written back into nodeParams.
cudaError_t cudaGraphAddNode(cudaGraphNode_t* pGraphNode, cudaGraph_t graph, const cudaGraphNode_t* pDependencies,
                             const cudaGraphEdgeData* dependencyData, size_t numDependencies,
                             cudaGraphNodeParams* nodeParams) {
  if (!nodeParams) return set_last_error(cudaErrorInvalidValue);
  if (dependencyData)
    for (size_t i = 0; i < numDependencies; ++i)
      if (dependencyData[i].type != cudaGraphDependencyTypeDefault) return set_last_error(cudaErrorNotSupported);
  cudaGraphNodeParams& p = *nodeParams;
  switch (enum_value(p.type)) {
    case cudaGraphNodeTypeKernel: {
      cudaKernelNodeParams k{p.kernel.func,         p.kernel.gridDim,      p.kernel.blockDim,
                             p.kernel.sharedMemBytes, p.kernel.kernelParams, p.kernel.extra};
      return cudaGraphAddKernelNode(pGraphNode, graph, pDependencies, numDependencies, &k);
    }
    case cudaGraphNodeTypeMemcpy:
      return cudaGraphAddMemcpyNode(pGraphNode, graph, pDependencies, numDependencies, &p.memcpy.copyParams);
    case cudaGraphNodeTypeMemset: {
      cudaMemsetParams m{p.memset.dst, p.memset.pitch, p.memset.value, p.memset.elementSize, p.memset.width,
                         p.memset.height};
      return cudaGraphAddMemsetNode(pGraphNode, graph, pDependencies, numDependencies, &m);
    }
    case cudaGraphNodeTypeHost: {
      cudaHostNodeParams h{p.host.fn, p.host.userData};
      return cudaGraphAddHostNode(pGraphNode, graph, pDependencies, numDependencies, &h);
    }
    case cudaGraphNodeTypeGraph:
      return cudaGraphAddChildGraphNode(pGraphNode, graph, pDependencies, numDependencies, p.graph.graph);
    case cudaGraphNodeTypeEmpty:
      return cudaGraphAddEmptyNode(pGraphNode, graph, pDependencies, numDependencies);
    case cudaGraphNodeTypeEventRecord:
      return cudaGraphAddEventRecordNode(pGraphNode, graph, pDependencies, numDependencies, p.eventRecord.event);
    case cudaGraphNodeTypeWaitEvent:
      return cudaGraphAddEventWaitNode(pGraphNode, graph, pDependencies, numDependencies, p.eventWait.event);
    case cudaGraphNodeTypeMemAlloc: {
      cudaMemAllocNodeParams a{p.alloc.poolProps, p.alloc.accessDescs, p.alloc.accessDescCount, p.alloc.bytesize,
                               nullptr};
      cudaError_t e = cudaGraphAddMemAllocNode(pGraphNode, graph, pDependencies, numDependencies, &a);
      if (e == cudaSuccess) p.alloc.dptr = a.dptr;
      return e;
    }
    case cudaGraphNodeTypeMemFree:
      return cudaGraphAddMemFreeNode(pGraphNode, graph, pDependencies, numDependencies, p.free.dptr);
    case cudaGraphNodeTypeConditional:
      return device_call([&](Runtime& rt) {
        ConditionalNode node;
        if (!editable(rt, graph)) return cudaErrorInvalidValue;
        if (cudaError_t e = conditional_payload(rt, graph, p.conditional, node); e != cudaSuccess) return e;
        // Written back only once the node exists: the bodies are owned by it.
        cudaGraph_t* bodies = nullptr;
        cudaError_t e = add(rt, pGraphNode, graph, pDependencies, numDependencies, std::move(node));
        if (e == cudaSuccess) bodies = std::get<ConditionalNode>((*pGraphNode)->payload).body_handles.data();
        p.conditional.phGraph_out = bodies;
        return e;
      });
    default:
      return set_last_error(cudaErrorInvalidValue);  // external semaphores and unknown kinds
  }
}

// The cell lives in device memory owned by `graph` (and shared with its clones and executable graphs).
cudaError_t cudaGraphConditionalHandleCreate(cudaGraphConditionalHandle* pHandle_out, cudaGraph_t graph,
                                             unsigned int defaultLaunchValue, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (!pHandle_out || !editable(rt, graph) || (flags & ~static_cast<unsigned>(cudaGraphCondAssignDefault)))
      return cudaErrorInvalidValue;
    auto address = rt.device()->malloc(sizeof(unsigned));
    if (!address.ok()) return cudaErrorMemoryAllocation;
    auto cell = std::make_shared<ConditionalCell>();
    cell->address = *address;
    cell->bytes = sizeof(unsigned);
    cell->generation = rt.generation();
    cell->default_value = defaultLaunchValue;
    cell->assign_default = flags & cudaGraphCondAssignDefault;
    if (!rt.device()->copy_to_device(cell->address, &defaultLaunchValue, sizeof defaultLaunchValue).ok())
      return cudaErrorMemoryAllocation;
    graph->conditionals.push_back(cell);
    *pHandle_out = cell->address;
    return cudaSuccess;
  });
}

// ---- node parameters ----

cudaError_t cudaGraphKernelNodeGetParams(cudaGraphNode_t node, cudaKernelNodeParams* p) {
  return device_call([&](Runtime& rt) {
    KernelNode* k = payload_of<KernelNode>(rt, node);
    if (!k || !p) return cudaErrorInvalidValue;
    *p = cudaKernelNodeParams{const_cast<void*>(k->func), k->grid, k->block, k->shared,
                              k->args.empty() ? nullptr : k->args.data(), nullptr};
    return cudaSuccess;
  });
}

cudaError_t cudaGraphKernelNodeSetParams(cudaGraphNode_t node, const cudaKernelNodeParams* p) {
  return device_call([&](Runtime& rt) {
    KernelNode* k = payload_of<KernelNode>(rt, node);
    if (!k || !p || node->graph->capturing) return cudaErrorInvalidValue;
    KernelNode updated;
    if (cudaError_t e = kernel_payload(rt, p->func, p->gridDim, p->blockDim, p->sharedMemBytes, p->kernelParams,
                                       p->extra, updated);
        e != cudaSuccess)
      return e;
    *k = std::move(updated);
    return cudaSuccess;
  });
}

cudaError_t cudaGraphMemcpyNodeGetParams(cudaGraphNode_t node, cudaMemcpy3DParms* p) {
  return device_call([&](Runtime& rt) {
    auto* m = payload_of<cudaMemcpy3DParms>(rt, node);
    if (!m || !p) return cudaErrorInvalidValue;
    *p = *m;
    return cudaSuccess;
  });
}

cudaError_t cudaGraphMemcpyNodeSetParams(cudaGraphNode_t node, const cudaMemcpy3DParms* p) {
  return device_call([&](Runtime& rt) {
    auto* m = payload_of<cudaMemcpy3DParms>(rt, node);
    if (!m) return cudaErrorInvalidValue;
    return memcpy_payload(rt, p, *m);
  });
}

cudaError_t cudaGraphMemsetNodeGetParams(cudaGraphNode_t node, cudaMemsetParams* p) {
  return device_call([&](Runtime& rt) {
    auto* m = payload_of<MemsetNode>(rt, node);
    if (!m || !p) return cudaErrorInvalidValue;
    *p = m->p;
    return cudaSuccess;
  });
}

cudaError_t cudaGraphMemsetNodeSetParams(cudaGraphNode_t node, const cudaMemsetParams* p) {
  return device_call([&](Runtime& rt) {
    auto* m = payload_of<MemsetNode>(rt, node);
    if (!m) return cudaErrorInvalidValue;
    return memset_payload(rt, p, *m);
  });
}

cudaError_t cudaGraphHostNodeGetParams(cudaGraphNode_t node, cudaHostNodeParams* p) {
  return device_call([&](Runtime& rt) {
    auto* h = payload_of<HostNode>(rt, node);
    if (!h || !p) return cudaErrorInvalidValue;
    *p = h->p;
    return cudaSuccess;
  });
}

cudaError_t cudaGraphHostNodeSetParams(cudaGraphNode_t node, const cudaHostNodeParams* p) {
  return device_call([&](Runtime& rt) {
    auto* h = payload_of<HostNode>(rt, node);
    if (!h || !p || !p->fn) return cudaErrorInvalidValue;
    h->p = *p;
    return cudaSuccess;
  });
}

cudaError_t cudaGraphChildGraphNodeGetGraph(cudaGraphNode_t node, cudaGraph_t* pGraph) {
  return device_call([&](Runtime& rt) {
    auto* c = payload_of<ChildGraphNode>(rt, node);
    if (!c || !pGraph) return cudaErrorInvalidValue;
    *pGraph = c->graph.get();
    return cudaSuccess;
  });
}

cudaError_t cudaGraphEventRecordNodeGetEvent(cudaGraphNode_t node, cudaEvent_t* event_out) {
  return device_call([&](Runtime& rt) {
    auto* e = payload_of<EventRecordNode>(rt, node);
    if (!e || !event_out) return cudaErrorInvalidValue;
    *event_out = e->event;
    return cudaSuccess;
  });
}

cudaError_t cudaGraphEventWaitNodeGetEvent(cudaGraphNode_t node, cudaEvent_t* event_out) {
  return device_call([&](Runtime& rt) {
    auto* e = payload_of<EventWaitNode>(rt, node);
    if (!e || !event_out) return cudaErrorInvalidValue;
    *event_out = e->event;
    return cudaSuccess;
  });
}

cudaError_t cudaGraphMemAllocNodeGetParams(cudaGraphNode_t node, cudaMemAllocNodeParams* params_out) {
  return device_call([&](Runtime& rt) {
    auto* a = payload_of<MemAllocNode>(rt, node);
    if (!a || !params_out) return cudaErrorInvalidValue;
    *params_out = cudaMemAllocNodeParams{};
    params_out->poolProps = a->props;
    params_out->bytesize = a->allocation->bytes;
    params_out->dptr = reinterpret_cast<void*>(static_cast<uintptr_t>(a->allocation->address));
    return cudaSuccess;
  });
}

cudaError_t cudaGraphMemFreeNodeGetParams(cudaGraphNode_t node, void* dptr_out) {
  return device_call([&](Runtime& rt) {
    auto* f = payload_of<MemFreeNode>(rt, node);
    if (!f || !dptr_out) return cudaErrorInvalidValue;
    void* address = reinterpret_cast<void*>(static_cast<uintptr_t>(f->address));
    std::memcpy(dptr_out, &address, sizeof address);
    return cudaSuccess;
  });
}

}  // extern "C"
