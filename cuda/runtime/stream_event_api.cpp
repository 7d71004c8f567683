// Streams and events. Work runs to completion when issued, so every stream is idle and every event is
// complete once recorded; ordering is trivially CUDA's. Events carry the simulated time (the summed
// simulated seconds of the kernels run so far), so elapsed times measure device work between records.
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy::cudart;

namespace {

constexpr int kLeastPriority = 0;
constexpr int kGreatestPriority = -1;

cudaError_t create_stream(cudaStream_t* pStream, unsigned flags, int priority) {
  return device_call([&](Runtime& rt) {
    if (!pStream || (flags & ~static_cast<unsigned>(cudaStreamNonBlocking))) return cudaErrorInvalidValue;
    auto stream = std::make_unique<CUstream_st>();
    stream->flags = flags;
    // CUDA clamps priorities into the supported range.
    stream->priority = priority > kLeastPriority      ? kLeastPriority
                       : priority < kGreatestPriority ? kGreatestPriority
                                                      : priority;
    *pStream = stream.get();
    rt.streams.emplace(stream.get(), std::move(stream));
    return cudaSuccess;
  });
}

CUevent_st* find_event(Runtime& rt, cudaEvent_t event) {
  auto it = rt.events.find(event);
  return it == rt.events.end() ? nullptr : it->second.get();
}

}  // namespace

extern "C" {

cudaError_t cudaStreamCreate(cudaStream_t* pStream) { return create_stream(pStream, cudaStreamDefault, 0); }

cudaError_t cudaStreamCreateWithFlags(cudaStream_t* pStream, unsigned int flags) {
  return create_stream(pStream, flags, 0);
}

cudaError_t cudaStreamCreateWithPriority(cudaStream_t* pStream, unsigned int flags, int priority) {
  return create_stream(pStream, flags, priority);
}

cudaError_t cudaStreamDestroy(cudaStream_t stream) {
  return device_call([&](Runtime& rt) {
    if (!rt.streams.count(stream)) return cudaErrorInvalidResourceHandle;
    if (StreamCapture* capture = rt.capture_of(stream)) {
      // The origin's capture cannot complete any more; a joined stream leaves it, and its last work must
      // still have been joined back by the end (cudaStreamEndCapture checks).
      if (capture->state->origin == stream)
        capture->state->invalidated = true;
      else
        capture->state->departed.insert(capture->state->departed.end(), capture->dependencies.begin(),
                                        capture->dependencies.end());
      rt.captures.erase(stream);
    }
    rt.streams.erase(stream);
    std::erase_if(rt.stream_attributes, [&](const auto& entry) { return entry.first.first == stream; });
    return cudaSuccess;
  });
}

cudaError_t cudaStreamSynchronize(cudaStream_t stream) {
  return device_call([&](Runtime& rt) {
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    if (cudaError_t e = refuse_sync_under_capture(rt, stream); e != cudaSuccess) return e;
    rt.flush_printf();
    return cudaSuccess;
  });
}

cudaError_t cudaStreamQuery(cudaStream_t stream) {
  return device_call([&](Runtime& rt) {
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    return refuse_sync_under_capture(rt, stream);
  });
}

cudaError_t cudaStreamWaitEvent(cudaStream_t stream, cudaEvent_t event, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    CUevent_st* e = find_event(rt, event);
    if (!rt.valid_stream(stream) || !e) return cudaErrorInvalidResourceHandle;
    if (flags != 0) return cudaErrorInvalidValue;
    bool captured = false;
    return capture_event_wait(rt, stream, *e, captured);
  });
}

cudaError_t cudaStreamGetFlags(cudaStream_t hStream, unsigned int* flags) {
  return device_call([&](Runtime& rt) {
    if (!flags) return cudaErrorInvalidValue;
    if (!rt.valid_stream(hStream)) return cudaErrorInvalidResourceHandle;
    auto it = rt.streams.find(hStream);
    *flags = it == rt.streams.end() ? 0u : it->second->flags;
    return cudaSuccess;
  });
}

cudaError_t cudaStreamGetPriority(cudaStream_t hStream, int* priority) {
  return device_call([&](Runtime& rt) {
    if (!priority) return cudaErrorInvalidValue;
    if (!rt.valid_stream(hStream)) return cudaErrorInvalidResourceHandle;
    auto it = rt.streams.find(hStream);
    *priority = it == rt.streams.end() ? 0 : it->second->priority;
    return cudaSuccess;
  });
}

// The stream's earlier work is done, so the callback runs now, in order, outside the runtime lock (it may
// call back into the runtime). It receives the sticky error if the device has failed, as in CUDA.
cudaError_t cudaStreamAddCallback(cudaStream_t stream, cudaStreamCallback_t callback, void* userData,
                                  unsigned int flags) {
  cudaError_t status = cudaSuccess;
  cudaError_t e = runtime_call([&](Runtime& rt) {
    if (!callback || flags != 0) return cudaErrorInvalidValue;
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    if (rt.capture_of(stream)) return cudaErrorStreamCaptureUnsupported;  // not capturable (use a host function)
    status = rt.sticky;
    return cudaSuccess;
  });
  if (e != cudaSuccess) return e;
  callback(stream, status, userData);
  return cudaSuccess;
}

cudaError_t cudaLaunchHostFunc(cudaStream_t stream, cudaHostFn_t fn, void* userData) {
  bool captured = false;
  cudaError_t e = device_call([&](Runtime& rt) {
    if (!fn) return cudaErrorInvalidValue;
    if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    StreamCapture* capture = rt.capture_of(stream);
    if (!capture) return cudaSuccess;
    captured = true;
    return capture_node(rt, *capture, HostNode{cudaHostNodeParams{fn, userData}});
  });
  if (e != cudaSuccess || captured) return e;
  fn(userData);
  return cudaSuccess;
}

cudaError_t cudaEventCreateWithFlags(cudaEvent_t* event, unsigned int flags) {
  return device_call([&](Runtime& rt) {
    if (!event || (flags & ~0x7u)) return cudaErrorInvalidValue;
    // Interprocess events must not record timing (CUDA's rule).
    if ((flags & cudaEventInterprocess) && !(flags & cudaEventDisableTiming)) return cudaErrorInvalidValue;
    auto e = std::make_unique<CUevent_st>();
    e->flags = flags;
    *event = e.get();
    rt.events.emplace(e.get(), std::move(e));
    return cudaSuccess;
  });
}

cudaError_t cudaEventCreate(cudaEvent_t* event) { return cudaEventCreateWithFlags(event, cudaEventDefault); }

cudaError_t cudaEventRecord(cudaEvent_t event, cudaStream_t stream) {
  return device_call([&](Runtime& rt) {
    CUevent_st* e = find_event(rt, event);
    if (!e || !rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
    bool captured = false;
    if (cudaError_t err = capture_event_record(rt, *e, stream, captured); err != cudaSuccess || captured) return err;
    e->recorded = true;
    e->time = rt.sim_clock;
    return cudaSuccess;
  });
}

cudaError_t cudaEventQuery(cudaEvent_t event) {
  return device_call(
      [&](Runtime& rt) { return find_event(rt, event) ? cudaSuccess : cudaErrorInvalidResourceHandle; });
}

cudaError_t cudaEventSynchronize(cudaEvent_t event) {
  return device_call([&](Runtime& rt) {
    if (!find_event(rt, event)) return cudaErrorInvalidResourceHandle;
    rt.flush_printf();
    return cudaSuccess;
  });
}

cudaError_t cudaEventElapsedTime(float* ms, cudaEvent_t start, cudaEvent_t end) {
  return device_call([&](Runtime& rt) {
    if (!ms) return cudaErrorInvalidValue;
    CUevent_st* a = find_event(rt, start);
    CUevent_st* b = find_event(rt, end);
    if (!a || !b || !a->recorded || !b->recorded) return cudaErrorInvalidResourceHandle;
    if ((a->flags | b->flags) & cudaEventDisableTiming) return cudaErrorInvalidResourceHandle;
    *ms = static_cast<float>((b->time - a->time) * 1000.0);
    return cudaSuccess;
  });
}

cudaError_t cudaEventDestroy(cudaEvent_t event) {
  return device_call(
      [&](Runtime& rt) { return rt.events.erase(event) ? cudaSuccess : cudaErrorInvalidResourceHandle; });
}

}  // extern "C"
