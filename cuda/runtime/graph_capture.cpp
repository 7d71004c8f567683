// Stream capture: between cudaStreamBeginCapture and cudaStreamEndCapture a stream's work is recorded as
// graph nodes instead of running. Each capturing stream keeps the nodes its next operation depends on;
// an event recorded in it carries them, and a stream that waits on that event joins the capture (the
// fork/join pattern). At the end every joined stream must have been joined back into the origin stream,
// as CUDA requires (cudaErrorStreamCaptureUnjoined otherwise).
#include <algorithm>
#include <unordered_set>

#include "cuda/runtime/graph.h"
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy::cudart;

namespace {

bool capturable(cudaStream_t stream) {
  return stream != nullptr && stream != cudaStreamLegacy && stream != cudaStreamPerThread;
}

// The nodes `deps` and all they depend on.
std::unordered_set<const CUgraphNode_st*> ancestors(const std::vector<cudaGraphNode_t>& deps) {
  std::unordered_set<const CUgraphNode_st*> seen;
  std::vector<const CUgraphNode_st*> work(deps.begin(), deps.end());
  while (!work.empty()) {
    const CUgraphNode_st* n = work.back();
    work.pop_back();
    if (!seen.insert(n).second) continue;
    for (const CUgraphNode_st* d : n->dependencies) work.push_back(d);
  }
  return seen;
}

void add_unique(std::vector<cudaGraphNode_t>& into, const std::vector<cudaGraphNode_t>& nodes) {
  for (cudaGraphNode_t n : nodes)
    if (std::find(into.begin(), into.end(), n) == into.end()) into.push_back(n);
}

cudaError_t begin_capture(Runtime& rt, cudaStream_t stream, cudaGraph_t graph, const cudaGraphNode_t* deps,
                          size_t count, int mode) {
  if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
  if (mode < cudaStreamCaptureModeGlobal || mode > cudaStreamCaptureModeRelaxed) return cudaErrorInvalidValue;
  if (!capturable(stream)) return cudaErrorStreamCaptureUnsupported;  // the legacy stream cannot be captured
  if (rt.captures.count(stream)) return cudaErrorIllegalState;
  auto state = std::make_shared<CaptureState>();
  state->id = rt.next_capture_id++;
  state->mode = static_cast<cudaStreamCaptureMode>(mode);
  state->origin = stream;
  StreamCapture capture;
  if (graph) {
    if (!rt.graph_handles.count(graph) || graph->capturing) return cudaErrorInvalidValue;
    for (size_t i = 0; i < count; ++i)
      if (!deps || !rt.node_handles.count(deps[i]) || deps[i]->graph != graph) return cudaErrorInvalidValue;
    state->graph = graph;
    state->owns_graph = false;
    capture.dependencies.assign(deps, deps + count);
  } else {
    auto owned = std::make_unique<CUgraph_st>();
    state->graph = owned.get();
    rt.graph_handles.insert(owned.get());
    rt.graphs.emplace(owned.get(), std::move(owned));
  }
  state->graph->capturing = true;
  capture.state = std::move(state);
  rt.captures.emplace(stream, std::move(capture));
  return cudaSuccess;
}

// Ends the capture `state` on every stream taking part in it.
void end_all(Runtime& rt, const std::shared_ptr<CaptureState>& state) {
  std::erase_if(rt.captures, [&](const auto& entry) { return entry.second.state == state; });
  state->graph->capturing = false;
}

}  // namespace

StreamCapture* Runtime::capture_of(cudaStream_t stream) {
  if (captures.empty()) return nullptr;
  auto it = captures.find(stream);
  return it == captures.end() ? nullptr : &it->second;
}

bool canopy::cudart::any_strict_capture(const Runtime& rt) {
  for (const auto& [stream, capture] : rt.captures)
    if (capture.state->mode != cudaStreamCaptureModeRelaxed) return true;
  return false;
}

cudaError_t canopy::cudart::capture_node(Runtime& rt, StreamCapture& capture, NodePayload payload) {
  if (capture.state->invalidated) return cudaErrorStreamCaptureInvalidated;
  cudaError_t error = cudaSuccess;
  cudaGraphNode_t node = add_node(rt, capture.state->graph, capture.dependencies.data(), capture.dependencies.size(),
                                  std::move(payload), error);
  if (!node) return error;
  capture.dependencies.assign(1, node);
  return cudaSuccess;
}

cudaError_t canopy::cudart::capture_event_record(Runtime& rt, CUevent_st& event, cudaStream_t stream,
                                                 bool& handled) {
  StreamCapture* capture = rt.capture_of(stream);
  handled = capture != nullptr;
  event.capture.reset();
  event.capture_nodes.clear();
  if (!capture) return cudaSuccess;
  if (capture->state->invalidated) return cudaErrorStreamCaptureInvalidated;
  event.capture = capture->state;
  event.capture_nodes = capture->dependencies;
  return cudaSuccess;
}

cudaError_t canopy::cudart::capture_event_wait(Runtime& rt, cudaStream_t stream, const CUevent_st& event,
                                               bool& handled) {
  StreamCapture* capture = rt.capture_of(stream);
  const bool live_event = event.capture && rt.captures.end() != std::find_if(rt.captures.begin(), rt.captures.end(),
                                                                        [&](const auto& e) {
                                                                          return e.second.state == event.capture;
                                                                        });
  handled = capture || live_event;
  if (!handled) return cudaSuccess;
  if (!live_event) return cudaSuccess;  // an event from outside the capture: already complete
  if (!capture) {
    if (!capturable(stream)) return cudaErrorStreamCaptureUnsupported;
    // The stream joins the capture, after the nodes the event was recorded behind.
    rt.captures.emplace(stream, StreamCapture{event.capture, event.capture_nodes});
    return cudaSuccess;
  }
  if (capture->state != event.capture) return cudaErrorStreamCaptureIsolation;  // two captures may not merge
  add_unique(capture->dependencies, event.capture_nodes);
  return cudaSuccess;
}

cudaError_t canopy::cudart::refuse_sync_under_capture(Runtime& rt, cudaStream_t stream) {
  bool refused = false;
  for (auto& [s, capture] : rt.captures) {
    const bool concerned = stream ? s == stream : capture.state->mode != cudaStreamCaptureModeRelaxed;
    if (concerned) capture.state->invalidated = refused = true;
  }
  return refused ? cudaErrorStreamCaptureUnsupported : cudaSuccess;
}

void canopy::cudart::release_graphs(Runtime& rt) {
  rt.captures.clear();
  rt.graph_execs.clear();
  rt.graphs.clear();
}

extern "C" {

cudaError_t cudaStreamBeginCapture(cudaStream_t stream, cudaStreamCaptureMode mode) {
  return device_call([&](Runtime& rt) { return begin_capture(rt, stream, nullptr, nullptr, 0, enum_value(mode)); });
}

cudaError_t cudaStreamBeginCaptureToGraph(cudaStream_t stream, cudaGraph_t graph, const cudaGraphNode_t* dependencies,
                                          const cudaGraphEdgeData* dependencyData, size_t numDependencies,
                                          cudaStreamCaptureMode mode) {
  return device_call([&](Runtime& rt) {
    if (!graph) return cudaErrorInvalidValue;
    if (dependencyData)
      for (size_t i = 0; i < numDependencies; ++i)
        if (dependencyData[i].type != cudaGraphDependencyTypeDefault) return cudaErrorNotSupported;
    return begin_capture(rt, stream, graph, dependencies, numDependencies, enum_value(mode));
  });
}

cudaError_t cudaStreamEndCapture(cudaStream_t stream, cudaGraph_t* pGraph) {
  return device_call([&](Runtime& rt) {
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    StreamCapture* capture = rt.capture_of(stream);
    if (!capture) return cudaErrorIllegalState;
    std::shared_ptr<CaptureState> state = capture->state;
    if (state->origin != stream) return cudaErrorStreamCaptureUnmatched;
    bool unjoined = false;
    const auto joined = ancestors(capture->dependencies);
    for (const auto& [other, c] : rt.captures)
      if (c.state == state && other != stream)
        for (cudaGraphNode_t n : c.dependencies) unjoined |= !joined.count(n);
    for (cudaGraphNode_t n : state->departed) unjoined |= !joined.count(n);
    end_all(rt, state);
    if (unjoined || state->invalidated) {
      if (state->owns_graph) rt.graphs.erase(state->graph);
      if (pGraph) *pGraph = nullptr;
      return unjoined ? cudaErrorStreamCaptureUnjoined : cudaErrorStreamCaptureInvalidated;
    }
    if (pGraph) *pGraph = state->graph;
    return cudaSuccess;
  });
}

cudaError_t cudaStreamIsCapturing(cudaStream_t stream, cudaStreamCaptureStatus* pCaptureStatus) {
  return device_call([&](Runtime& rt) {
    if (!pCaptureStatus) return cudaErrorInvalidValue;
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    StreamCapture* capture = rt.capture_of(stream);
    *pCaptureStatus = !capture                  ? cudaStreamCaptureStatusNone
                      : capture->state->invalidated ? cudaStreamCaptureStatusInvalidated
                                                    : cudaStreamCaptureStatusActive;
    // The legacy stream cannot be queried while a strict capture is under way.
    return !capturable(stream) && any_strict_capture(rt) ? cudaErrorStreamCaptureImplicit : cudaSuccess;
  });
}

cudaError_t cudaStreamGetCaptureInfo_v3(cudaStream_t stream, cudaStreamCaptureStatus* captureStatus_out,
                                        unsigned long long* id_out, cudaGraph_t* graph_out,
                                        const cudaGraphNode_t** dependencies_out, const cudaGraphEdgeData** edgeData_out,
                                        size_t* numDependencies_out) {
  return device_call([&](Runtime& rt) {
    if (!captureStatus_out) return cudaErrorInvalidValue;
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    StreamCapture* capture = rt.capture_of(stream);
    if (edgeData_out) *edgeData_out = nullptr;  // every edge is a default edge
    if (!capture) {
      *captureStatus_out = cudaStreamCaptureStatusNone;
      return cudaSuccess;
    }
    *captureStatus_out =
        capture->state->invalidated ? cudaStreamCaptureStatusInvalidated : cudaStreamCaptureStatusActive;
    if (id_out) *id_out = capture->state->id;
    if (graph_out) *graph_out = capture->state->graph;
    if (dependencies_out) *dependencies_out = capture->dependencies.empty() ? nullptr : capture->dependencies.data();
    if (numDependencies_out) *numDependencies_out = capture->dependencies.size();
    return cudaSuccess;
  });
}

cudaError_t cudaStreamGetCaptureInfo_v2(cudaStream_t stream, cudaStreamCaptureStatus* captureStatus_out,
                                        unsigned long long* id_out, cudaGraph_t* graph_out,
                                        const cudaGraphNode_t** dependencies_out, size_t* numDependencies_out) {
  return cudaStreamGetCaptureInfo_v3(stream, captureStatus_out, id_out, graph_out, dependencies_out, nullptr,
                                     numDependencies_out);
}

cudaError_t cudaStreamUpdateCaptureDependencies(cudaStream_t stream, cudaGraphNode_t* dependencies,
                                                size_t numDependencies, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    if (flags > cudaStreamSetCaptureDependencies || (numDependencies && !dependencies)) return cudaErrorInvalidValue;
    StreamCapture* capture = rt.capture_of(stream);
    if (!capture) return cudaErrorIllegalState;
    for (size_t i = 0; i < numDependencies; ++i)
      if (!rt.node_handles.count(dependencies[i]) || dependencies[i]->graph != capture->state->graph)
        return cudaErrorInvalidValue;
    std::vector<cudaGraphNode_t> nodes(dependencies, dependencies + numDependencies);
    if (flags == cudaStreamSetCaptureDependencies) capture->dependencies.clear();
    add_unique(capture->dependencies, nodes);
    return cudaSuccess;
  });
}

// The calling thread's capture-interaction mode, swapped with the caller's. (Canopy refuses the unsafe
// calls of any capture that is not relaxed, whichever thread makes them.)
cudaError_t cudaThreadExchangeStreamCaptureMode(cudaStreamCaptureMode* mode) {
  thread_local cudaStreamCaptureMode thread_mode = cudaStreamCaptureModeGlobal;
  return runtime_call([&](Runtime&) {
    if (!mode) return cudaErrorInvalidValue;
    const int requested = enum_value(*mode);
    if (requested < cudaStreamCaptureModeGlobal || requested > cudaStreamCaptureModeRelaxed) return cudaErrorInvalidValue;
    std::swap(*mode, thread_mode);
    return cudaSuccess;
  });
}

}  // extern "C"
