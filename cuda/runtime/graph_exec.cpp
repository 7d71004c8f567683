// Executable graphs: instantiation (a clone of the graph with a fixed topological order), launches, the
// per-node updates of an executable graph and cudaGraphExecUpdate. A launch runs the nodes one after
// another in that order, each exactly as its stream call would (the same kernel launch, copy and fill
// code), so a graph computes what the equivalent stream sequence computes. The order respects every
// edge and breaks ties by creation order, so a launch is deterministic.
#include <mutex>

#include "cuda/runtime/graph.h"
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy;
using namespace canopy::cudart;

namespace {

// Runs one node that needs the lock; the caller holds it.
cudaError_t run_locked(Runtime& rt, const NodePayload& payload) {
  if (const auto* k = std::get_if<KernelNode>(&payload)) {
    PreparedLaunch launch;
    void** args = k->args.empty() ? nullptr : const_cast<void**>(k->args.data());
    if (cudaError_t e = prepare_launch(rt, k->func, k->grid, k->block, args, k->shared, false, launch);
        e != cudaSuccess)
      return e;
    return run_kernel(rt, launch);
  }
  if (const auto* m = std::get_if<cudaMemcpy3DParms>(&payload)) return copy_3d(rt, *m);
  if (const auto* m = std::get_if<MemsetNode>(&payload)) return fill_elements(rt, m->p);
  if (const auto* e = std::get_if<EventRecordNode>(&payload)) {
    auto it = rt.events.find(e->event);
    if (it == rt.events.end()) return cudaErrorInvalidResourceHandle;
    it->second->recorded = true;
    it->second->time = rt.sim_clock;
    it->second->capture.reset();
    return cudaSuccess;
  }
  if (const auto* a = std::get_if<MemAllocNode>(&payload)) {
    a->allocation->live = true;
    uint64_t used = 0;
    for (const auto& [address, g] : rt.graph_allocations) used += g->live ? g->bytes : 0;
    rt.graph_mem_used_high = std::max(rt.graph_mem_used_high, used);
    return cudaSuccess;
  }
  if (const auto* f = std::get_if<MemFreeNode>(&payload)) {
    rt.free_graph_allocation(f->address);
    return cudaSuccess;
  }
  return cudaSuccess;  // empty nodes and event waits: their ordering is the edges'
}

// The condition's current value, read from its cell in device memory.
cudaError_t read_condition(Runtime& rt, cudaGraphConditionalHandle handle, unsigned& value) {
  return rt.device()->copy_to_host(&value, handle, sizeof value).ok() ? cudaSuccess : cudaErrorIllegalAddress;
}

// Sets the cells whose handles ask for it to their default values, in this graph and every nested one.
cudaError_t assign_defaults(Runtime& rt, const CUgraph_st& graph) {
  for (const auto& cell : graph.conditionals)
    if (cell->assign_default &&
        !rt.device()->copy_to_device(cell->address, &cell->default_value, sizeof cell->default_value).ok())
      return cudaErrorIllegalAddress;
  for (const auto& n : graph.nodes) {
    if (const auto* c = std::get_if<ChildGraphNode>(&n->payload))
      if (cudaError_t e = assign_defaults(rt, *c->graph); e != cudaSuccess) return e;
    if (const auto* c = std::get_if<ConditionalNode>(&n->payload))
      for (const auto& body : c->bodies)
        if (cudaError_t e = assign_defaults(rt, *body); e != cudaSuccess) return e;
  }
  return cudaSuccess;
}

cudaError_t run_nested(const CUgraph_st& graph) {
  bool acyclic = true;
  std::vector<CUgraphNode_st*> order = topological_order(graph, acyclic);
  if (!acyclic) return cudaErrorInvalidValue;
  return run_graph(graph, order, nullptr);
}

cudaError_t run_conditional(Runtime& rt, const ConditionalNode& c) {
  auto condition = [&](unsigned& value) {
    std::lock_guard<std::mutex> lock(rt.mutex);
    return rt.sticky != cudaSuccess ? rt.sticky : read_condition(rt, c.handle, value);
  };
  unsigned value = 0;
  if (cudaError_t e = condition(value); e != cudaSuccess) return e;
  switch (c.type) {
    case cudaGraphCondTypeIf:
      if (value) return run_nested(*c.bodies[0]);
      return c.bodies.size() > 1 ? run_nested(*c.bodies[1]) : cudaSuccess;
    case cudaGraphCondTypeWhile:
      while (value) {
        if (cudaError_t e = run_nested(*c.bodies[0]); e != cudaSuccess) return e;
        if (cudaError_t e = condition(value); e != cudaSuccess) return e;
      }
      return cudaSuccess;
    case cudaGraphCondTypeSwitch:
      return value < c.bodies.size() ? run_nested(*c.bodies[value]) : cudaSuccess;
  }
  return cudaSuccess;
}

CUgraphExec_st* find_exec(Runtime& rt, cudaGraphExec_t exec) {
  auto it = rt.graph_execs.find(exec);
  return it == rt.graph_execs.end() ? nullptr : it->second.get();
}

// The executable graph's copy of `node` (a node of the graph it was instantiated from).
CUgraphNode_st* exec_node(CUgraphExec_st& exec, cudaGraphNode_t node) {
  auto it = exec.graph->clone_of.find(node);
  return it == exec.graph->clone_of.end() ? nullptr : it->second;
}

// The payload of kind P of the executable graph's copy of `node`, or nullptr.
template <class P>
P* exec_payload(Runtime& rt, cudaGraphExec_t handle, cudaGraphNode_t node) {
  CUgraphExec_st* exec = find_exec(rt, handle);
  CUgraphNode_st* target = exec ? exec_node(*exec, node) : nullptr;
  return target ? std::get_if<P>(&target->payload) : nullptr;
}

// Whether two graphs have the same nodes and edges, node kinds pairwise equal (cudaGraphExecUpdate's test).
bool same_topology(const CUgraph_st& a, const CUgraph_st& b, cudaGraphExecUpdateResultInfo& info) {
  if (a.nodes.size() != b.nodes.size()) {
    info.result = cudaGraphExecUpdateErrorTopologyChanged;
    return false;
  }
  std::unordered_map<const CUgraphNode_st*, size_t> index_a, index_b;
  for (size_t i = 0; i < a.nodes.size(); ++i) index_a[a.nodes[i].get()] = i, index_b[b.nodes[i].get()] = i;
  for (size_t i = 0; i < a.nodes.size(); ++i) {
    const CUgraphNode_st& x = *a.nodes[i];
    const CUgraphNode_st& y = *b.nodes[i];
    if (x.payload.index() != y.payload.index()) {
      info.result = cudaGraphExecUpdateErrorNodeTypeChanged;
      info.errorNode = const_cast<CUgraphNode_st*>(&y);
      return false;
    }
    bool edges = x.dependencies.size() == y.dependencies.size();
    for (size_t d = 0; edges && d < x.dependencies.size(); ++d)
      edges = index_a[x.dependencies[d]] == index_b[y.dependencies[d]];
    if (!edges) {
      info.result = cudaGraphExecUpdateErrorTopologyChanged;
      info.errorNode = const_cast<CUgraphNode_st*>(&y);
      return false;
    }
  }
  return true;
}

// What an update may change in one node: a kernel's function only within the same kernel (CUDA allows
// another function of the same context, Canopy too), parameters of copies, fills and host functions; graph
// memory and conditional nodes must stay as they were.
bool updatable(const NodePayload& from, const NodePayload& to) {
  if (const auto* a = std::get_if<MemAllocNode>(&from))
    return a->allocation == std::get<MemAllocNode>(to).allocation;
  if (const auto* f = std::get_if<MemFreeNode>(&from)) return f->address == std::get<MemFreeNode>(to).address;
  if (const auto* c = std::get_if<ConditionalNode>(&from)) return c->handle == std::get<ConditionalNode>(to).handle;
  return true;
}

}  // namespace

cudaError_t canopy::cudart::run_graph(const CUgraph_st& graph, const std::vector<CUgraphNode_st*>& order,
                                      const std::unordered_map<const CUgraphNode_st*, bool>* disabled) {
  Runtime& rt = Runtime::get();
  (void)graph;
  for (const CUgraphNode_st* node : order) {
    if (disabled && disabled->count(node)) continue;
    if (const auto* h = std::get_if<HostNode>(&node->payload)) {
      h->p.fn(h->p.userData);  // outside the lock, as a stream's host function runs
      continue;
    }
    if (const auto* c = std::get_if<ChildGraphNode>(&node->payload)) {
      if (cudaError_t e = run_nested(*c->graph); e != cudaSuccess) return e;
      continue;
    }
    if (const auto* c = std::get_if<ConditionalNode>(&node->payload)) {
      if (cudaError_t e = run_conditional(rt, *c); e != cudaSuccess) return e;
      continue;
    }
    std::lock_guard<std::mutex> lock(rt.mutex);
    if (rt.sticky != cudaSuccess) return cudaSuccess;  // a fault: the next synchronizing call reports it
    if (cudaError_t e = run_locked(rt, node->payload); e != cudaSuccess) return e;
  }
  return cudaSuccess;
}

extern "C" {

cudaError_t cudaGraphInstantiateWithFlags(cudaGraphExec_t* pGraphExec, cudaGraph_t graph, unsigned long long flags) {
  return device_call([&](Runtime& rt) {
    constexpr unsigned long long kKnown = cudaGraphInstantiateFlagAutoFreeOnLaunch | cudaGraphInstantiateFlagUpload |
                                          cudaGraphInstantiateFlagUseNodePriority;
    if (!pGraphExec || !graph || !rt.graph_handles.count(graph) || graph->capturing || (flags & ~kKnown))
      return cudaErrorInvalidValue;  // device-launchable graphs (cudaGraphInstantiateFlagDeviceLaunch) are not
    auto exec = std::make_unique<CUgraphExec_st>();
    exec->graph = clone_graph(rt, *graph);
    bool acyclic = true;
    exec->order = topological_order(*exec->graph, acyclic);
    if (!acyclic) return cudaErrorInvalidValue;
    exec->flags = flags;
    *pGraphExec = exec.get();
    rt.graph_execs.emplace(exec.get(), std::move(exec));
    return cudaSuccess;
  });
}

cudaError_t cudaGraphInstantiateWithParams(cudaGraphExec_t* pGraphExec, cudaGraph_t graph,
                                           cudaGraphInstantiateParams* instantiateParams) {
  if (!instantiateParams) return set_last_error(cudaErrorInvalidValue);
  instantiateParams->errNode_out = nullptr;
  cudaError_t e = cudaGraphInstantiateWithFlags(pGraphExec, graph, instantiateParams->flags);
  instantiateParams->result_out = e == cudaSuccess ? cudaGraphInstantiateSuccess : cudaGraphInstantiateError;
  return e;
}

cudaError_t cudaGraphExecGetFlags(cudaGraphExec_t graphExec, unsigned long long* flags) {
  return device_call([&](Runtime& rt) {
    CUgraphExec_st* exec = find_exec(rt, graphExec);
    if (!exec || !flags) return cudaErrorInvalidValue;
    *flags = exec->flags;
    return cudaSuccess;
  });
}

// Into a capturing stream the launch is recorded as a child graph; otherwise the nodes run now.
cudaError_t cudaGraphLaunch(cudaGraphExec_t graphExec, cudaStream_t stream) {
  CUgraphExec_st* exec = nullptr;
  bool captured = false;
  cudaError_t e = device_call([&](Runtime& rt) {
    exec = find_exec(rt, graphExec);
    if (!exec) return cudaErrorInvalidValue;
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    if (StreamCapture* capture = rt.capture_of(stream)) {
      captured = true;
      ChildGraphNode node;
      node.graph = clone_graph(rt, *exec->graph);
      return capture_node(rt, *capture, std::move(node));
    }
    if (exec->flags & cudaGraphInstantiateFlagAutoFreeOnLaunch)
      for (const auto& n : exec->graph->nodes)
        if (const auto* a = std::get_if<MemAllocNode>(&n->payload)) a->allocation->live = false;
    rt.flush_printf();
    return assign_defaults(rt, *exec->graph);
  });
  if (e != cudaSuccess || captured) return e;
  return set_last_error(run_graph(*exec->graph, exec->order, &exec->disabled));
}

// Executable graphs are ready to run from instantiation on: an upload only checks its arguments.
cudaError_t cudaGraphUpload(cudaGraphExec_t graphExec, cudaStream_t stream) {
  return device_call([&](Runtime& rt) {
    if (!find_exec(rt, graphExec)) return cudaErrorInvalidValue;
    return rt.valid_stream(stream) ? cudaSuccess : cudaErrorInvalidResourceHandle;
  });
}

cudaError_t cudaGraphExecDestroy(cudaGraphExec_t graphExec) {
  return device_call([&](Runtime& rt) { return rt.graph_execs.erase(graphExec) ? cudaSuccess : cudaErrorInvalidValue; });
}

cudaError_t cudaGraphExecKernelNodeSetParams(cudaGraphExec_t hGraphExec, cudaGraphNode_t node,
                                             const cudaKernelNodeParams* p) {
  return device_call([&](Runtime& rt) {
    auto* k = exec_payload<KernelNode>(rt, hGraphExec, node);
    if (!k || !p) return cudaErrorInvalidValue;
    if (p->extra) return cudaErrorNotSupported;
    KernelNode updated;
    if (cudaError_t e = make_kernel_node(rt, p->func, p->gridDim, p->blockDim, p->kernelParams, p->sharedMemBytes,
                                         updated);
        e != cudaSuccess)
      return e;
    *k = std::move(updated);
    return cudaSuccess;
  });
}

cudaError_t cudaGraphExecMemcpyNodeSetParams(cudaGraphExec_t hGraphExec, cudaGraphNode_t node,
                                             const cudaMemcpy3DParms* p) {
  return device_call([&](Runtime& rt) {
    auto* m = exec_payload<cudaMemcpy3DParms>(rt, hGraphExec, node);
    if (!m || !p) return cudaErrorInvalidValue;
    if (cudaError_t e = copy_3d(rt, *p, true); e != cudaSuccess) return e;
    *m = *p;
    return cudaSuccess;
  });
}

cudaError_t cudaGraphExecMemsetNodeSetParams(cudaGraphExec_t hGraphExec, cudaGraphNode_t node,
                                             const cudaMemsetParams* p) {
  return device_call([&](Runtime& rt) {
    auto* m = exec_payload<MemsetNode>(rt, hGraphExec, node);
    if (!m || !p) return cudaErrorInvalidValue;
    if (cudaError_t e = fill_elements(rt, *p, true); e != cudaSuccess) return e;
    m->p = *p;
    return cudaSuccess;
  });
}

cudaError_t cudaGraphExecHostNodeSetParams(cudaGraphExec_t hGraphExec, cudaGraphNode_t node,
                                           const cudaHostNodeParams* p) {
  return device_call([&](Runtime& rt) {
    auto* h = exec_payload<HostNode>(rt, hGraphExec, node);
    if (!h || !p || !p->fn) return cudaErrorInvalidValue;
    h->p = *p;
    return cudaSuccess;
  });
}

cudaError_t cudaGraphExecChildGraphNodeSetParams(cudaGraphExec_t hGraphExec, cudaGraphNode_t node,
                                                 cudaGraph_t childGraph) {
  return device_call([&](Runtime& rt) {
    auto* c = exec_payload<ChildGraphNode>(rt, hGraphExec, node);
    if (!c || !childGraph || !rt.graph_handles.count(childGraph)) return cudaErrorInvalidValue;
    cudaGraphExecUpdateResultInfo info{};
    if (!same_topology(*c->graph, *childGraph, info)) return cudaErrorGraphExecUpdateFailure;
    c->graph = clone_graph(rt, *childGraph);
    return cudaSuccess;
  });
}

cudaError_t cudaGraphNodeSetEnabled(cudaGraphExec_t hGraphExec, cudaGraphNode_t hNode, unsigned int isEnabled) {
  return device_call([&](Runtime& rt) {
    CUgraphExec_st* exec = find_exec(rt, hGraphExec);
    CUgraphNode_st* target = exec ? exec_node(*exec, hNode) : nullptr;
    if (!target) return cudaErrorInvalidValue;
    const cudaGraphNodeType type = node_type(target->payload);
    if (type != cudaGraphNodeTypeKernel && type != cudaGraphNodeTypeMemcpy && type != cudaGraphNodeTypeMemset)
      return cudaErrorInvalidValue;  // CUDA's rule: only these kinds can be disabled
    if (isEnabled)
      exec->disabled.erase(target);
    else
      exec->disabled[target] = true;
    return cudaSuccess;
  });
}

cudaError_t cudaGraphNodeGetEnabled(cudaGraphExec_t hGraphExec, cudaGraphNode_t hNode, unsigned int* isEnabled) {
  return device_call([&](Runtime& rt) {
    CUgraphExec_st* exec = find_exec(rt, hGraphExec);
    CUgraphNode_st* target = exec ? exec_node(*exec, hNode) : nullptr;
    if (!target || !isEnabled) return cudaErrorInvalidValue;
    *isEnabled = exec->disabled.count(target) ? 0u : 1u;
    return cudaSuccess;
  });
}

// The parameters of every node of `hGraph` replace those of the executable graph's nodes, pairing nodes
// by creation order; the topology and node kinds must be the same.
cudaError_t cudaGraphExecUpdate(cudaGraphExec_t hGraphExec, cudaGraph_t hGraph, cudaGraphExecUpdateResultInfo* resultInfo) {
  return device_call([&](Runtime& rt) {
    cudaGraphExecUpdateResultInfo info{cudaGraphExecUpdateSuccess, nullptr, nullptr};
    auto finish = [&](cudaError_t e) {
      if (resultInfo) *resultInfo = info;
      return e;
    };
    CUgraphExec_st* exec = find_exec(rt, hGraphExec);
    if (!exec || !hGraph || !rt.graph_handles.count(hGraph)) {
      info.result = cudaGraphExecUpdateError;
      return finish(cudaErrorInvalidValue);
    }
    if (!same_topology(*exec->graph, *hGraph, info)) return finish(cudaErrorGraphExecUpdateFailure);
    for (size_t i = 0; i < hGraph->nodes.size(); ++i)
      if (!updatable(exec->graph->nodes[i]->payload, hGraph->nodes[i]->payload)) {
        info.result = cudaGraphExecUpdateErrorParametersChanged;
        info.errorNode = hGraph->nodes[i].get();
        return finish(cudaErrorGraphExecUpdateFailure);
      }
    auto fresh = clone_graph(rt, *hGraph);
    // The executable graph's nodes keep their identities for the nodes of the graph it came from.
    for (size_t i = 0; i < fresh->nodes.size(); ++i) {
      exec->graph->nodes[i]->payload = std::move(fresh->nodes[i]->payload);
      exec->graph->clone_of[hGraph->nodes[i].get()] = exec->graph->nodes[i].get();
    }
    return finish(cudaSuccess);
  });
}

}  // extern "C"
