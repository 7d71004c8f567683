// Inspecting and editing a graph's structure (node types, node and edge lists, dependencies, node
// removal, the DOT dump) and the device's graph-memory attributes.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cuda/runtime/graph.h"
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy;
using namespace canopy::cudart;

namespace {

cudaError_t list(const std::vector<cudaGraphNode_t>& nodes, cudaGraphNode_t* out, size_t* count) {
  if (!count) return cudaErrorInvalidValue;
  if (!out) {
    *count = nodes.size();
    return cudaSuccess;
  }
  const size_t n = std::min(*count, nodes.size());
  for (size_t i = 0; i < n; ++i) out[i] = nodes[i];
  for (size_t i = n; i < *count; ++i) out[i] = nullptr;
  *count = n;
  return cudaSuccess;
}

void unlink(CUgraphNode_st* from, CUgraphNode_st* to) {
  std::erase(from->dependents, to);
  std::erase(to->dependencies, from);
}

}  // namespace

extern "C" {

// ---- structure ----

cudaError_t cudaGraphNodeGetType(cudaGraphNode_t node, cudaGraphNodeType* pType) {
  return device_call([&](Runtime& rt) {
    if (!valid_node(rt, node) || !pType) return cudaErrorInvalidValue;
    *pType = node_type(node->payload);
    return cudaSuccess;
  });
}

cudaError_t cudaGraphGetNodes(cudaGraph_t graph, cudaGraphNode_t* nodes, size_t* numNodes) {
  return device_call([&](Runtime& rt) {
    if (!valid_graph(rt, graph)) return cudaErrorInvalidValue;
    std::vector<cudaGraphNode_t> all;
    for (const auto& n : graph->nodes) all.push_back(n.get());
    return list(all, nodes, numNodes);
  });
}

cudaError_t cudaGraphGetRootNodes(cudaGraph_t graph, cudaGraphNode_t* pRootNodes, size_t* pNumRootNodes) {
  return device_call([&](Runtime& rt) {
    if (!valid_graph(rt, graph)) return cudaErrorInvalidValue;
    std::vector<cudaGraphNode_t> roots;
    for (const auto& n : graph->nodes)
      if (n->dependencies.empty()) roots.push_back(n.get());
    return list(roots, pRootNodes, pNumRootNodes);
  });
}

cudaError_t cudaGraphGetEdges(cudaGraph_t graph, cudaGraphNode_t* from, cudaGraphNode_t* to, size_t* numEdges) {
  return device_call([&](Runtime& rt) {
    if (!valid_graph(rt, graph) || !numEdges || (!from) != (!to)) return cudaErrorInvalidValue;
    std::vector<cudaGraphNode_t> sources, targets;
    for (const auto& n : graph->nodes)
      for (CUgraphNode_st* d : n->dependents) sources.push_back(n.get()), targets.push_back(d);
    size_t count = *numEdges;
    if (cudaError_t e = list(sources, from, numEdges); e != cudaSuccess) return e;
    return list(targets, to, &count);
  });
}

cudaError_t cudaGraphNodeGetDependencies(cudaGraphNode_t node, cudaGraphNode_t* pDependencies,
                                         size_t* pNumDependencies) {
  return device_call([&](Runtime& rt) {
    if (!valid_node(rt, node)) return cudaErrorInvalidValue;
    return list(node->dependencies, pDependencies, pNumDependencies);
  });
}

cudaError_t cudaGraphNodeGetDependentNodes(cudaGraphNode_t node, cudaGraphNode_t* pDependentNodes,
                                           size_t* pNumDependentNodes) {
  return device_call([&](Runtime& rt) {
    if (!valid_node(rt, node)) return cudaErrorInvalidValue;
    return list(node->dependents, pDependentNodes, pNumDependentNodes);
  });
}

cudaError_t cudaGraphAddDependencies(cudaGraph_t graph, const cudaGraphNode_t* from, const cudaGraphNode_t* to,
                                     size_t numDependencies) {
  return device_call([&](Runtime& rt) {
    if (!editable(rt, graph) || (numDependencies && (!from || !to))) return cudaErrorInvalidValue;
    for (size_t i = 0; i < numDependencies; ++i) {
      if (!valid_node(rt, from[i]) || !valid_node(rt, to[i]) || from[i]->graph != graph || to[i]->graph != graph ||
          from[i] == to[i])
        return cudaErrorInvalidValue;
      if (std::find(to[i]->dependencies.begin(), to[i]->dependencies.end(), from[i]) != to[i]->dependencies.end())
        return cudaErrorInvalidValue;  // the edge exists already
    }
    for (size_t i = 0; i < numDependencies; ++i) {
      from[i]->dependents.push_back(to[i]);
      to[i]->dependencies.push_back(from[i]);
    }
    return cudaSuccess;
  });
}

cudaError_t cudaGraphRemoveDependencies(cudaGraph_t graph, const cudaGraphNode_t* from, const cudaGraphNode_t* to,
                                        size_t numDependencies) {
  return device_call([&](Runtime& rt) {
    if (!editable(rt, graph) || (numDependencies && (!from || !to))) return cudaErrorInvalidValue;
    for (size_t i = 0; i < numDependencies; ++i)
      if (!valid_node(rt, from[i]) || !valid_node(rt, to[i]) || to[i]->graph != graph ||
          std::find(to[i]->dependencies.begin(), to[i]->dependencies.end(), from[i]) == to[i]->dependencies.end())
        return cudaErrorInvalidValue;
    for (size_t i = 0; i < numDependencies; ++i) unlink(from[i], to[i]);
    return cudaSuccess;
  });
}

cudaError_t cudaGraphDestroyNode(cudaGraphNode_t node) {
  return device_call([&](Runtime& rt) {
    if (!valid_node(rt, node) || node->graph->capturing) return cudaErrorInvalidValue;
    for (CUgraphNode_st* d : std::vector<CUgraphNode_st*>(node->dependencies)) unlink(d, node);
    for (CUgraphNode_st* d : std::vector<CUgraphNode_st*>(node->dependents)) unlink(node, d);
    CUgraph_st* g = node->graph;
    for (auto it = g->clone_of.begin(); it != g->clone_of.end();)
      it = it->second == node ? g->clone_of.erase(it) : std::next(it);
    std::erase_if(g->nodes, [&](const auto& n) { return n.get() == node; });
    return cudaSuccess;
  });
}

// A Graphviz description of the graph, one node a line with its kind, as a debugging aid.
cudaError_t cudaGraphDebugDotPrint(cudaGraph_t graph, const char* path, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (!valid_graph(rt, graph) || !path) return cudaErrorInvalidValue;
    (void)flags;
    std::FILE* f = std::fopen(path, "w");
    if (!f) return cudaErrorOperatingSystem;
    static const char* const kNames[] = {"kernel", "memcpy",   "memset",    "host",    "graph",  "empty",  "wait_event",
                                         "event_record", "ext_sem_signal", "ext_sem_wait", "mem_alloc", "mem_free",
                                         "", "conditional"};
    std::unordered_map<const CUgraphNode_st*, size_t> id;
    std::fprintf(f, "digraph canopy_graph {\n");
    for (size_t i = 0; i < graph->nodes.size(); ++i) {
      const CUgraphNode_st* n = graph->nodes[i].get();
      id[n] = i;
      std::string label = kNames[node_type(n->payload)];
      if (const auto* k = std::get_if<KernelNode>(&n->payload)) {
        auto it = rt.kernels.find(k->func);
        if (it != rt.kernels.end()) label += "\\n" + it->second.name;
      }
      std::fprintf(f, "  n%zu [label=\"%s\"];\n", i, label.c_str());
    }
    for (const auto& n : graph->nodes)
      for (const CUgraphNode_st* d : n->dependents) std::fprintf(f, "  n%zu -> n%zu;\n", id[n.get()], id[d]);
    std::fprintf(f, "}\n");
    return std::fclose(f) == 0 ? cudaSuccess : cudaErrorOperatingSystem;
  });
}

// ---- graph memory ----

cudaError_t cudaDeviceGetGraphMemAttribute(int device, cudaGraphMemAttributeType attr, void* value) {
  return device_call([&](Runtime& rt) {
    if (device != 0) return cudaErrorInvalidDevice;
    if (!value) return cudaErrorInvalidValue;
    uint64_t used = 0, reserved = 0;
    for (const auto& [a, g] : rt.graph_allocations) {
      reserved += g->bytes;
      if (g->live) used += g->bytes;
    }
    rt.graph_mem_used_high = std::max(rt.graph_mem_used_high, used);
    rt.graph_mem_reserved_high = std::max(rt.graph_mem_reserved_high, reserved);
    uint64_t out = 0;
    switch (enum_value(attr)) {
      case cudaGraphMemAttrUsedMemCurrent: out = used; break;
      case cudaGraphMemAttrUsedMemHigh: out = rt.graph_mem_used_high; break;
      case cudaGraphMemAttrReservedMemCurrent: out = reserved; break;
      case cudaGraphMemAttrReservedMemHigh: out = rt.graph_mem_reserved_high; break;
      default: return cudaErrorInvalidValue;
    }
    std::memcpy(value, &out, sizeof out);
    return cudaSuccess;
  });
}

// Only the high watermarks can be set, and only to zero (CUDA's rule).
cudaError_t cudaDeviceSetGraphMemAttribute(int device, cudaGraphMemAttributeType attr, void* value) {
  return device_call([&](Runtime& rt) {
    if (device != 0) return cudaErrorInvalidDevice;
    if (!value) return cudaErrorInvalidValue;
    uint64_t v = 0;
    std::memcpy(&v, value, sizeof v);
    if (v != 0) return cudaErrorInvalidValue;
    switch (enum_value(attr)) {
      case cudaGraphMemAttrUsedMemHigh: rt.graph_mem_used_high = 0; return cudaSuccess;
      case cudaGraphMemAttrReservedMemHigh: rt.graph_mem_reserved_high = 0; return cudaSuccess;
      default: return cudaErrorInvalidValue;
    }
  });
}

// A graph allocation's memory stays reserved while a graph holding its node exists, so there is nothing
// unused to give back.
cudaError_t cudaDeviceGraphMemTrim(int device) {
  return device_call([&](Runtime&) { return device == 0 ? cudaSuccess : cudaErrorInvalidDevice; });
}

}  // extern "C"
