// CUDA Graphs and stream capture: graphs built by hand and by capture (fork/join over events), what runs
// when (nothing while capturing, everything at each launch), the structure queries, clones, executable
// graph updates, conditional nodes driven by the kernels, graph memory, child graphs, disabled nodes,
// and the errors CUDA returns for misuse. Results are checked against host arithmetic.
#include <cstdio>
#include <cstring>
#include <vector>

#include <cuda_runtime.h>

#include "check.h"

__global__ void scale_add(float* y, const float* x, float a, float b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + b;
}

__global__ void add_to(float* y, float b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] += b;
}

// One loop iteration: counts itself, and keeps the loop going while the countdown is not 0.
__global__ void countdown(int* counter, int* iterations, cudaGraphConditionalHandle handle) {
  *iterations += 1;
  *counter -= 1;
  cudaGraphSetConditional(handle, *counter != 0);
}

__global__ void set_condition(const int* value, cudaGraphConditionalHandle handle) {
  cudaGraphSetConditional(handle, *value & 1);
}

__global__ void mark(int* flag, int v) { *flag = v; }

static void host_increment(void* p) { ++*static_cast<int*>(p); }

constexpr int kCount = 1000;
constexpr int kThreads = 128;
constexpr int kBlocks = (kCount + kThreads - 1) / kThreads;

static std::vector<float> ramp(float start) {
  std::vector<float> v(kCount);
  for (int i = 0; i < kCount; ++i) v[i] = start + 0.25f * i;
  return v;
}

// Host copy H->D, y = 2x + 1, y += 3, copy D->H, then a host function: built node by node.
static void manual_graph() {
  std::vector<float> host_in = ramp(1.0f), host_out(kCount, -1.0f);
  float *x = nullptr, *y = nullptr;
  EXPECT_OK(cudaMalloc(&x, kCount * sizeof(float)));
  EXPECT_OK(cudaMalloc(&y, kCount * sizeof(float)));
  int host_calls = 0;

  cudaGraph_t graph;
  EXPECT_OK(cudaGraphCreate(&graph, 0));
  cudaGraphNode_t copy_in, fill, k1, k2, copy_out, host;
  EXPECT_OK(cudaGraphAddMemcpyNode1D(&copy_in, graph, nullptr, 0, x, host_in.data(), kCount * sizeof(float),
                                     cudaMemcpyHostToDevice));
  cudaMemsetParams memset_params = {};
  memset_params.dst = y;
  memset_params.value = 0x3f800000u;  // 1.0f, as 4-byte elements
  memset_params.elementSize = 4;
  memset_params.width = kCount;
  memset_params.height = 1;
  EXPECT_OK(cudaGraphAddMemsetNode(&fill, graph, nullptr, 0, &memset_params));

  float a = 2.0f, b = 1.0f, c = 3.0f;
  int n = kCount;
  void* args1[] = {&y, &x, &a, &b, &n};
  cudaKernelNodeParams p1 = {};
  p1.func = (void*)scale_add;
  p1.gridDim = dim3(kBlocks);
  p1.blockDim = dim3(kThreads);
  p1.kernelParams = args1;
  cudaGraphNode_t deps1[] = {copy_in, fill};
  EXPECT_OK(cudaGraphAddKernelNode(&k1, graph, deps1, 2, &p1));
  a = 100.0f;  // the node copied its arguments when it was added
  void* args2[] = {&y, &c, &n};
  cudaKernelNodeParams p2 = p1;
  p2.func = (void*)add_to;
  p2.kernelParams = args2;
  EXPECT_OK(cudaGraphAddKernelNode(&k2, graph, &k1, 1, &p2));
  EXPECT_OK(cudaGraphAddMemcpyNode1D(&copy_out, graph, &k2, 1, host_out.data(), y, kCount * sizeof(float),
                                     cudaMemcpyDeviceToHost));
  cudaHostNodeParams hp = {host_increment, &host_calls};
  EXPECT_OK(cudaGraphAddHostNode(&host, graph, &copy_out, 1, &hp));

  // Structure queries.
  size_t count = 0;
  EXPECT_OK(cudaGraphGetNodes(graph, nullptr, &count));
  EXPECT(count == 6);
  EXPECT_OK(cudaGraphGetRootNodes(graph, nullptr, &count));
  EXPECT(count == 2);
  EXPECT_OK(cudaGraphGetEdges(graph, nullptr, nullptr, &count));
  EXPECT(count == 5);
  cudaGraphNodeType type;
  EXPECT_OK(cudaGraphNodeGetType(k1, &type));
  EXPECT(type == cudaGraphNodeTypeKernel);
  EXPECT_OK(cudaGraphNodeGetType(fill, &type));
  EXPECT(type == cudaGraphNodeTypeMemset);
  EXPECT_OK(cudaGraphNodeGetType(host, &type));
  EXPECT(type == cudaGraphNodeTypeHost);
  cudaKernelNodeParams got = {};
  EXPECT_OK(cudaGraphKernelNodeGetParams(k1, &got));
  EXPECT(got.func == (void*)scale_add && got.gridDim.x == kBlocks && *(float*)got.kernelParams[2] == 2.0f);

  cudaGraphExec_t exec;
  EXPECT_OK(cudaGraphInstantiate(&exec, graph, nullptr, nullptr, 0));
  EXPECT(host_calls == 0);  // instantiation runs nothing
  for (int launch = 0; launch < 2; ++launch) {
    if (launch == 1) {  // a launch reads the host buffer as it is then (same buffer, new contents)
      std::vector<float> next = ramp(-7.0f);
      std::memcpy(host_in.data(), next.data(), kCount * sizeof(float));
    }
    EXPECT_OK(cudaGraphLaunch(exec, 0));
    EXPECT_OK(cudaStreamSynchronize(0));
    EXPECT(host_calls == launch + 1);
    int bad = 0;
    for (int i = 0; i < kCount; ++i) bad += host_out[i] != 2.0f * host_in[i] + 1.0f + 3.0f;
    EXPECT(bad == 0);
  }

  // An executable graph's kernel node takes new arguments; the graph it came from keeps its own.
  float a2 = -1.0f;
  void* args3[] = {&y, &x, &a2, &b, &n};
  cudaKernelNodeParams p3 = p1;
  p3.kernelParams = args3;
  EXPECT_OK(cudaGraphExecKernelNodeSetParams(exec, k1, &p3));
  EXPECT_OK(cudaGraphLaunch(exec, 0));
  EXPECT_OK(cudaDeviceSynchronize());
  int bad = 0;
  for (int i = 0; i < kCount; ++i) bad += host_out[i] != -host_in[i] + 1.0f + 3.0f;
  EXPECT(bad == 0);
  EXPECT_OK(cudaGraphKernelNodeGetParams(k1, &got));
  EXPECT(*(float*)got.kernelParams[2] == 2.0f);

  // A disabled kernel node is skipped: y = 1.0 (the fill) + 3.
  EXPECT_OK(cudaGraphNodeSetEnabled(exec, k1, 0));
  unsigned enabled = 1;
  EXPECT_OK(cudaGraphNodeGetEnabled(exec, k1, &enabled));
  EXPECT(enabled == 0);
  EXPECT_OK(cudaGraphLaunch(exec, 0));
  EXPECT_OK(cudaDeviceSynchronize());
  bad = 0;
  for (int i = 0; i < kCount; ++i) bad += host_out[i] != 4.0f;
  EXPECT(bad == 0);

  // A clone finds its nodes; it runs as the original.
  cudaGraph_t clone;
  EXPECT_OK(cudaGraphClone(&clone, graph));
  cudaGraphNode_t k1_clone = nullptr;
  EXPECT_OK(cudaGraphNodeFindInClone(&k1_clone, k1, clone));
  EXPECT(k1_clone != nullptr && k1_clone != k1);
  EXPECT_OK(cudaGraphNodeGetType(k1_clone, &type));
  EXPECT(type == cudaGraphNodeTypeKernel);

  // A child graph node embeds a copy: the clone, run twice inside a parent graph.
  cudaGraph_t parent;
  EXPECT_OK(cudaGraphCreate(&parent, 0));
  cudaGraphNode_t child1, child2;
  EXPECT_OK(cudaGraphAddChildGraphNode(&child1, parent, nullptr, 0, clone));
  EXPECT_OK(cudaGraphAddChildGraphNode(&child2, parent, &child1, 1, clone));
  cudaGraphExec_t parent_exec;
  host_calls = 0;
  EXPECT_OK(cudaGraphInstantiate(&parent_exec, parent, 0));
  EXPECT_OK(cudaGraphLaunch(parent_exec, 0));
  EXPECT_OK(cudaDeviceSynchronize());
  EXPECT(host_calls == 2);

  EXPECT_OK(cudaGraphExecDestroy(parent_exec));
  EXPECT_OK(cudaGraphDestroy(parent));
  EXPECT_OK(cudaGraphDestroy(clone));
  EXPECT_OK(cudaGraphExecDestroy(exec));
  EXPECT_OK(cudaGraphDestroy(graph));
  EXPECT_OK(cudaFree(x));
  EXPECT_OK(cudaFree(y));
}

// Fork/join capture over three streams: nothing runs while capturing, the graph computes at each launch.
static void captured_graph() {
  std::vector<float> host_in = ramp(0.5f), host_out(kCount, 0.0f);
  float *x = nullptr, *y = nullptr, *z = nullptr;
  EXPECT_OK(cudaMalloc(&x, kCount * sizeof(float)));
  EXPECT_OK(cudaMalloc(&y, kCount * sizeof(float)));
  EXPECT_OK(cudaMalloc(&z, kCount * sizeof(float)));
  EXPECT_OK(cudaMemset(y, 0, kCount * sizeof(float)));
  cudaStream_t s0, s1, s2;
  EXPECT_OK(cudaStreamCreateWithFlags(&s0, cudaStreamNonBlocking));
  EXPECT_OK(cudaStreamCreateWithFlags(&s1, cudaStreamNonBlocking));
  EXPECT_OK(cudaStreamCreateWithFlags(&s2, cudaStreamNonBlocking));
  cudaEvent_t fork, join1, join2;
  EXPECT_OK(cudaEventCreate(&fork));
  EXPECT_OK(cudaEventCreate(&join1));
  EXPECT_OK(cudaEventCreate(&join2));
  int host_calls = 0;

  EXPECT_OK(cudaStreamBeginCapture(s0, cudaStreamCaptureModeGlobal));
  cudaStreamCaptureStatus status;
  EXPECT_OK(cudaStreamIsCapturing(s0, &status));
  EXPECT(status == cudaStreamCaptureStatusActive);
  EXPECT_OK(cudaStreamIsCapturing(s1, &status));
  EXPECT(status == cudaStreamCaptureStatusNone);
  EXPECT_OK(cudaMemcpyAsync(x, host_in.data(), kCount * sizeof(float), cudaMemcpyHostToDevice, s0));
  EXPECT_OK(cudaEventRecord(fork, s0));
  EXPECT_OK(cudaStreamWaitEvent(s1, fork, 0));  // s1 and s2 join the capture
  EXPECT_OK(cudaStreamWaitEvent(s2, fork, 0));
  EXPECT_OK(cudaStreamIsCapturing(s1, &status));
  EXPECT(status == cudaStreamCaptureStatusActive);
  scale_add<<<kBlocks, kThreads, 0, s1>>>(y, x, 3.0f, 0.0f, kCount);
  scale_add<<<kBlocks, kThreads, 0, s2>>>(z, x, 1.0f, 5.0f, kCount);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaEventRecord(join1, s1));
  EXPECT_OK(cudaEventRecord(join2, s2));
  EXPECT_OK(cudaStreamWaitEvent(s0, join1, 0));
  EXPECT_OK(cudaStreamWaitEvent(s0, join2, 0));
  cudaGraph_t info_graph = nullptr;
  const cudaGraphNode_t* deps = nullptr;
  size_t num_deps = 0;
  unsigned long long id = 0;
  EXPECT_OK(cudaStreamGetCaptureInfo(s0, &status, &id, &info_graph, &deps, &num_deps));
  EXPECT(status == cudaStreamCaptureStatusActive && id != 0 && info_graph != nullptr && num_deps >= 2);
  scale_add<<<kBlocks, kThreads, 0, s0>>>(y, y, 1.0f, 0.0f, kCount);  // a node after the join
  EXPECT_OK(cudaMemcpyAsync(host_out.data(), y, kCount * sizeof(float), cudaMemcpyDeviceToHost, s0));
  EXPECT_OK(cudaLaunchHostFunc(s0, host_increment, &host_calls));
  cudaGraph_t graph = nullptr;
  EXPECT_OK(cudaStreamEndCapture(s0, &graph));
  EXPECT(graph == info_graph);
  EXPECT_OK(cudaStreamIsCapturing(s1, &status));
  EXPECT(status == cudaStreamCaptureStatusNone);  // the joined streams left the capture with it

  // Nothing ran: y is still zero, the host function was not called.
  std::vector<float> check(kCount, 1.0f);
  EXPECT_OK(cudaMemcpy(check.data(), y, kCount * sizeof(float), cudaMemcpyDeviceToHost));
  int nonzero = 0;
  for (float v : check) nonzero += v != 0.0f;
  EXPECT(nonzero == 0 && host_calls == 0);

  size_t count = 0;
  EXPECT_OK(cudaGraphGetNodes(graph, nullptr, &count));
  EXPECT(count == 6);  // copy, two kernels, kernel, copy, host function
  EXPECT_OK(cudaGraphGetRootNodes(graph, nullptr, &count));
  EXPECT(count == 1);

  cudaGraphExec_t exec;
  EXPECT_OK(cudaGraphInstantiateWithFlags(&exec, graph, 0));
  EXPECT_OK(cudaGraphLaunch(exec, s0));
  EXPECT_OK(cudaStreamSynchronize(s0));
  int bad = 0;
  for (int i = 0; i < kCount; ++i) bad += host_out[i] != 3.0f * host_in[i];
  EXPECT(bad == 0 && host_calls == 1);
  std::vector<float> zs(kCount);
  EXPECT_OK(cudaMemcpy(zs.data(), z, kCount * sizeof(float), cudaMemcpyDeviceToHost));
  bad = 0;
  for (int i = 0; i < kCount; ++i) bad += zs[i] != host_in[i] + 5.0f;
  EXPECT(bad == 0);

  // cudaGraphExecUpdate: the same topology captured with other arguments replaces the parameters...
  EXPECT_OK(cudaStreamBeginCapture(s0, cudaStreamCaptureModeGlobal));
  EXPECT_OK(cudaMemcpyAsync(x, host_in.data(), kCount * sizeof(float), cudaMemcpyHostToDevice, s0));
  EXPECT_OK(cudaEventRecord(fork, s0));
  EXPECT_OK(cudaStreamWaitEvent(s1, fork, 0));
  EXPECT_OK(cudaStreamWaitEvent(s2, fork, 0));
  scale_add<<<kBlocks, kThreads, 0, s1>>>(y, x, -2.0f, 0.0f, kCount);
  scale_add<<<kBlocks, kThreads, 0, s2>>>(z, x, 1.0f, 5.0f, kCount);
  EXPECT_OK(cudaEventRecord(join1, s1));
  EXPECT_OK(cudaEventRecord(join2, s2));
  EXPECT_OK(cudaStreamWaitEvent(s0, join1, 0));
  EXPECT_OK(cudaStreamWaitEvent(s0, join2, 0));
  scale_add<<<kBlocks, kThreads, 0, s0>>>(y, y, 1.0f, 0.5f, kCount);
  EXPECT_OK(cudaMemcpyAsync(host_out.data(), y, kCount * sizeof(float), cudaMemcpyDeviceToHost, s0));
  EXPECT_OK(cudaLaunchHostFunc(s0, host_increment, &host_calls));
  cudaGraph_t updated = nullptr;
  EXPECT_OK(cudaStreamEndCapture(s0, &updated));
  cudaGraphExecUpdateResult result = cudaGraphExecUpdateError;
  cudaGraphNode_t error_node = nullptr;
  EXPECT_OK(cudaGraphExecUpdate(exec, updated, &error_node, &result));
  EXPECT(result == cudaGraphExecUpdateSuccess);
  EXPECT_OK(cudaGraphLaunch(exec, s0));
  EXPECT_OK(cudaStreamSynchronize(s0));
  bad = 0;
  for (int i = 0; i < kCount; ++i) bad += host_out[i] != -2.0f * host_in[i] + 0.5f;
  EXPECT(bad == 0 && host_calls == 2);

  // ... and a different topology is refused.
  cudaGraph_t other;
  EXPECT_OK(cudaGraphCreate(&other, 0));
  cudaGraphNode_t empty;
  EXPECT_OK(cudaGraphAddEmptyNode(&empty, other, nullptr, 0));
  cudaGraphExecUpdateResultInfo info = {};
  EXPECT(cudaGraphExecUpdate(exec, other, &info) == cudaErrorGraphExecUpdateFailure);
  EXPECT(info.result == cudaGraphExecUpdateErrorTopologyChanged);
  EXPECT_OK(cudaGraphDestroy(other));

  // Errors of capture: an unjoined fork, the wrong stream ending it, a synchronization inside it.
  EXPECT_OK(cudaStreamBeginCapture(s0, cudaStreamCaptureModeGlobal));
  EXPECT_OK(cudaEventRecord(fork, s0));
  EXPECT_OK(cudaStreamWaitEvent(s1, fork, 0));
  add_to<<<kBlocks, kThreads, 0, s1>>>(y, 1.0f, kCount);
  cudaGraph_t g = nullptr;
  EXPECT(cudaStreamEndCapture(s1, &g) == cudaErrorStreamCaptureUnmatched);
  EXPECT(cudaStreamEndCapture(s0, &g) == cudaErrorStreamCaptureUnjoined);
  EXPECT(g == nullptr);
  EXPECT_OK(cudaStreamIsCapturing(s1, &status));
  EXPECT(status == cudaStreamCaptureStatusNone);

  EXPECT_OK(cudaStreamBeginCapture(s0, cudaStreamCaptureModeGlobal));
  EXPECT(cudaStreamSynchronize(s0) == cudaErrorStreamCaptureUnsupported);
  EXPECT_OK(cudaStreamIsCapturing(s0, &status));
  EXPECT(status == cudaStreamCaptureStatusInvalidated);
  EXPECT(cudaStreamEndCapture(s0, &g) == cudaErrorStreamCaptureInvalidated);
  EXPECT(cudaStreamBeginCapture(0, cudaStreamCaptureModeGlobal) == cudaErrorStreamCaptureUnsupported);
  EXPECT(cudaStreamEndCapture(s0, &g) == cudaErrorIllegalState);  // not capturing
  (void)cudaGetLastError();

  EXPECT_OK(cudaGraphExecDestroy(exec));
  EXPECT_OK(cudaGraphDestroy(graph));
  EXPECT_OK(cudaGraphDestroy(updated));
  for (cudaStream_t s : {s0, s1, s2}) EXPECT_OK(cudaStreamDestroy(s));
  for (cudaEvent_t e : {fork, join1, join2}) EXPECT_OK(cudaEventDestroy(e));
  EXPECT_OK(cudaFree(x));
  EXPECT_OK(cudaFree(y));
  EXPECT_OK(cudaFree(z));
}

// Conditional nodes: the kernels set the condition, the graph follows it.
static void conditional_graphs() {
  int *counter = nullptr, *iterations = nullptr, *value = nullptr, *flag = nullptr;
  EXPECT_OK(cudaMalloc(&counter, sizeof(int)));
  EXPECT_OK(cudaMalloc(&iterations, sizeof(int)));
  EXPECT_OK(cudaMalloc(&value, sizeof(int)));
  EXPECT_OK(cudaMalloc(&flag, sizeof(int)));

  // while (counter != 0) countdown(): the default value 1 is assigned at every launch.
  cudaGraph_t graph;
  EXPECT_OK(cudaGraphCreate(&graph, 0));
  cudaGraphConditionalHandle handle;
  EXPECT_OK(cudaGraphConditionalHandleCreate(&handle, graph, 1, cudaGraphCondAssignDefault));
  cudaGraphNodeParams cp = {cudaGraphNodeTypeConditional};
  cp.conditional.handle = handle;
  cp.conditional.type = cudaGraphCondTypeWhile;
  cp.conditional.size = 1;
  cudaGraphNode_t loop;
  EXPECT_OK(cudaGraphAddNode(&loop, graph, nullptr, nullptr, 0, &cp));
  cudaGraph_t body = cp.conditional.phGraph_out[0];
  cudaGraphNodeParams kp = {cudaGraphNodeTypeKernel};
  void* args[] = {&counter, &iterations, &handle};
  kp.kernel.func = (void*)countdown;
  kp.kernel.gridDim = dim3(1);
  kp.kernel.blockDim = dim3(1);
  kp.kernel.kernelParams = args;
  cudaGraphNode_t step;
  EXPECT_OK(cudaGraphAddNode(&step, body, nullptr, nullptr, 0, &kp));
  cudaGraphExec_t exec;
  EXPECT_OK(cudaGraphInstantiate(&exec, graph, 0));
  for (int start : {10, 3}) {
    int zero = 0;
    EXPECT_OK(cudaMemcpy(counter, &start, sizeof start, cudaMemcpyHostToDevice));
    EXPECT_OK(cudaMemcpy(iterations, &zero, sizeof zero, cudaMemcpyHostToDevice));
    EXPECT_OK(cudaGraphLaunch(exec, 0));
    int got = -1, left = -1;
    EXPECT_OK(cudaMemcpy(&got, iterations, sizeof got, cudaMemcpyDeviceToHost));
    EXPECT_OK(cudaMemcpy(&left, counter, sizeof left, cudaMemcpyDeviceToHost));
    EXPECT(got == start && left == 0);
  }
  EXPECT_OK(cudaGraphExecDestroy(exec));
  EXPECT_OK(cudaGraphDestroy(graph));

  // if (value odd) mark(1) else mark(2), the condition set by a kernel upstream.
  EXPECT_OK(cudaGraphCreate(&graph, 0));
  EXPECT_OK(cudaGraphConditionalHandleCreate(&handle, graph));
  cudaGraphNodeParams sp = {cudaGraphNodeTypeKernel};
  void* set_args[] = {&value, &handle};
  sp.kernel.func = (void*)set_condition;
  sp.kernel.gridDim = dim3(1);
  sp.kernel.blockDim = dim3(1);
  sp.kernel.kernelParams = set_args;
  cudaGraphNode_t setter, branch;
  EXPECT_OK(cudaGraphAddNode(&setter, graph, nullptr, nullptr, 0, &sp));
  cp = {cudaGraphNodeTypeConditional};
  cp.conditional.handle = handle;
  cp.conditional.type = cudaGraphCondTypeIf;
  cp.conditional.size = 2;
  EXPECT_OK(cudaGraphAddNode(&branch, graph, &setter, nullptr, 1, &cp));
  int one = 1, two = 2;
  for (int b = 0; b < 2; ++b) {
    void* mark_args[] = {&flag, b == 0 ? &one : &two};
    cudaKernelNodeParams mp = {};
    mp.func = (void*)mark;
    mp.gridDim = dim3(1);
    mp.blockDim = dim3(1);
    mp.kernelParams = mark_args;
    cudaGraphNode_t m;
    EXPECT_OK(cudaGraphAddKernelNode(&m, cp.conditional.phGraph_out[b], nullptr, 0, &mp));
  }
  EXPECT_OK(cudaGraphInstantiate(&exec, graph, 0));
  for (int v : {7, 4}) {
    int zero = 0, got = -1;
    EXPECT_OK(cudaMemcpy(value, &v, sizeof v, cudaMemcpyHostToDevice));
    EXPECT_OK(cudaMemcpy(flag, &zero, sizeof zero, cudaMemcpyHostToDevice));
    EXPECT_OK(cudaGraphLaunch(exec, 0));
    EXPECT_OK(cudaMemcpy(&got, flag, sizeof got, cudaMemcpyDeviceToHost));
    EXPECT(got == (v & 1 ? 1 : 2));
  }
  // A conditional needs a handle that exists and a body count its kind allows.
  cp.conditional.size = 3;
  cudaGraphNode_t bad_node;
  EXPECT(cudaGraphAddNode(&bad_node, graph, nullptr, nullptr, 0, &cp) == cudaErrorInvalidValue);
  cp.conditional.size = 1;
  cp.conditional.handle = 12345;
  EXPECT(cudaGraphAddNode(&bad_node, graph, nullptr, nullptr, 0, &cp) == cudaErrorInvalidValue);
  (void)cudaGetLastError();
  EXPECT_OK(cudaGraphExecDestroy(exec));
  EXPECT_OK(cudaGraphDestroy(graph));
  for (int* p : {counter, iterations, value, flag}) EXPECT_OK(cudaFree(p));
}

// Graph memory: an allocation node's address is fixed when the node is made; it is in use between the
// allocation and its free, and reserved while the graph exists.
static void graph_memory() {
  cudaGraph_t graph;
  EXPECT_OK(cudaGraphCreate(&graph, 0));
  cudaMemAllocNodeParams ap = {};
  ap.poolProps.allocType = cudaMemAllocationTypePinned;
  ap.poolProps.location.type = cudaMemLocationTypeDevice;
  ap.poolProps.location.id = 0;
  ap.bytesize = kCount * sizeof(float);
  cudaGraphNode_t alloc, fill, copy, release;
  EXPECT_OK(cudaGraphAddMemAllocNode(&alloc, graph, nullptr, 0, &ap));
  EXPECT(ap.dptr != nullptr);
  float* buffer = static_cast<float*>(ap.dptr);
  float a = 0.0f, b = 9.0f;
  int n = kCount;
  float* unused = buffer;
  void* args[] = {&buffer, &unused, &a, &b, &n};
  cudaKernelNodeParams kp = {};
  kp.func = (void*)scale_add;
  kp.gridDim = dim3(kBlocks);
  kp.blockDim = dim3(kThreads);
  kp.kernelParams = args;
  EXPECT_OK(cudaGraphAddKernelNode(&fill, graph, &alloc, 1, &kp));
  std::vector<float> out(kCount, 0.0f);
  EXPECT_OK(cudaGraphAddMemcpyNode1D(&copy, graph, &fill, 1, out.data(), buffer, kCount * sizeof(float),
                                     cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaGraphAddMemFreeNode(&release, graph, &copy, 1, buffer));
  cudaGraphNodeType type;
  EXPECT_OK(cudaGraphNodeGetType(alloc, &type));
  EXPECT(type == cudaGraphNodeTypeMemAlloc);
  EXPECT_OK(cudaGraphNodeGetType(release, &type));
  EXPECT(type == cudaGraphNodeTypeMemFree);

  cudaGraphExec_t exec;
  EXPECT_OK(cudaGraphInstantiate(&exec, graph, 0));
  EXPECT_OK(cudaGraphLaunch(exec, 0));
  EXPECT_OK(cudaDeviceSynchronize());
  int bad = 0;
  for (float v : out) bad += v != 9.0f;
  EXPECT(bad == 0);
  size_t used = 1, reserved = 0, high = 0;
  EXPECT_OK(cudaDeviceGetGraphMemAttribute(0, cudaGraphMemAttrUsedMemCurrent, &used));
  EXPECT_OK(cudaDeviceGetGraphMemAttribute(0, cudaGraphMemAttrReservedMemCurrent, &reserved));
  EXPECT_OK(cudaDeviceGetGraphMemAttribute(0, cudaGraphMemAttrUsedMemHigh, &high));
  EXPECT(used == 0 && reserved == kCount * sizeof(float) && high == kCount * sizeof(float));
  size_t nonzero = 1;
  EXPECT(cudaDeviceSetGraphMemAttribute(0, cudaGraphMemAttrUsedMemHigh, &nonzero) == cudaErrorInvalidValue);
  size_t zero = 0;
  EXPECT_OK(cudaDeviceSetGraphMemAttribute(0, cudaGraphMemAttrUsedMemHigh, &zero));
  EXPECT_OK(cudaDeviceGraphMemTrim(0));
  EXPECT_OK(cudaGraphExecDestroy(exec));
  EXPECT_OK(cudaGraphDestroy(graph));
  EXPECT_OK(cudaDeviceGetGraphMemAttribute(0, cudaGraphMemAttrReservedMemCurrent, &reserved));
  EXPECT(reserved == 0);

  // cudaMallocAsync / cudaFreeAsync under capture become the same nodes.
  cudaStream_t s;
  EXPECT_OK(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking));
  EXPECT_OK(cudaStreamBeginCapture(s, cudaStreamCaptureModeGlobal));
  float* p = nullptr;
  EXPECT_OK(cudaMallocAsync(&p, kCount * sizeof(float), s));
  EXPECT(p != nullptr);
  add_to<<<kBlocks, kThreads, 0, s>>>(p, 0.0f, kCount);
  EXPECT_OK(cudaMemsetAsync(p, 0, kCount * sizeof(float), s));
  add_to<<<kBlocks, kThreads, 0, s>>>(p, 2.5f, kCount);
  EXPECT_OK(cudaMemcpyAsync(out.data(), p, kCount * sizeof(float), cudaMemcpyDeviceToHost, s));
  EXPECT_OK(cudaFreeAsync(p, s));
  EXPECT_OK(cudaStreamEndCapture(s, &graph));
  cudaGraphNode_t nodes[8];
  size_t count = 8;
  EXPECT_OK(cudaGraphGetNodes(graph, nodes, &count));
  EXPECT(count == 6);
  if (count == 6) {
    EXPECT_OK(cudaGraphNodeGetType(nodes[0], &type));
    EXPECT(type == cudaGraphNodeTypeMemAlloc);
    EXPECT_OK(cudaGraphNodeGetType(nodes[5], &type));
    EXPECT(type == cudaGraphNodeTypeMemFree);
  }
  EXPECT_OK(cudaGraphInstantiate(&exec, graph, 0));
  EXPECT_OK(cudaGraphLaunch(exec, s));
  EXPECT_OK(cudaStreamSynchronize(s));
  bad = 0;
  for (float v : out) bad += v != 2.5f;
  EXPECT(bad == 0);
  EXPECT_OK(cudaGraphExecDestroy(exec));
  EXPECT_OK(cudaGraphDestroy(graph));
  EXPECT_OK(cudaStreamDestroy(s));
}

// What CUDA refuses.
static void misuse() {
  cudaGraph_t a, b;
  EXPECT_OK(cudaGraphCreate(&a, 0));
  EXPECT_OK(cudaGraphCreate(&b, 0));
  cudaGraphNode_t na, nb, nc;
  EXPECT_OK(cudaGraphAddEmptyNode(&na, a, nullptr, 0));
  EXPECT_OK(cudaGraphAddEmptyNode(&nb, b, nullptr, 0));
  EXPECT(cudaGraphAddEmptyNode(&nc, a, &nb, 1) == cudaErrorInvalidValue);  // a dependency from another graph
  cudaGraphNode_t twice[] = {na, na};
  EXPECT(cudaGraphAddEmptyNode(&nc, a, twice, 2) == cudaErrorInvalidValue);
  EXPECT(cudaGraphAddEmptyNode(nullptr, a, nullptr, 0) == cudaErrorInvalidValue);
  EXPECT(cudaGraphCreate(nullptr, 0) == cudaErrorInvalidValue);
  EXPECT(cudaGraphCreate(&b, 1) == cudaErrorInvalidValue);

  // A kernel node is checked when it is added, as a launch is.
  cudaKernelNodeParams kp = {};
  kp.func = (void*)add_to;
  kp.gridDim = dim3(1);
  kp.blockDim = dim3(4096);
  float* y = nullptr;
  float v = 1.0f;
  int n = 1;
  void* args[] = {&y, &v, &n};
  kp.kernelParams = args;
  EXPECT(cudaGraphAddKernelNode(&nc, a, nullptr, 0, &kp) == cudaErrorInvalidConfiguration);
  kp.blockDim = dim3(32);
  kp.func = (void*)host_increment;
  EXPECT(cudaGraphAddKernelNode(&nc, a, nullptr, 0, &kp) == cudaErrorInvalidDeviceFunction);
  // So is a copy.
  char host[16];
  EXPECT(cudaGraphAddMemcpyNode1D(&nc, a, nullptr, 0, (void*)0x10, host, sizeof host, cudaMemcpyHostToDevice) ==
         cudaErrorInvalidValue);
  // A cycle cannot be instantiated.
  cudaGraphNode_t n2;
  EXPECT_OK(cudaGraphAddEmptyNode(&n2, a, &na, 1));
  EXPECT_OK(cudaGraphAddDependencies(a, &n2, &na, 1));
  cudaGraphExec_t exec;
  EXPECT(cudaGraphInstantiate(&exec, a, 0) == cudaErrorInvalidValue);
  EXPECT_OK(cudaGraphRemoveDependencies(a, &n2, &na, 1));
  EXPECT_OK(cudaGraphInstantiate(&exec, a, 0));
  EXPECT(cudaGraphLaunch(nullptr, 0) == cudaErrorInvalidValue);
  EXPECT_OK(cudaGraphExecDestroy(exec));
  EXPECT(cudaGraphExecDestroy(exec) == cudaErrorInvalidValue);
  EXPECT_OK(cudaGraphDestroyNode(n2));
  size_t count = 0;
  EXPECT_OK(cudaGraphGetNodes(a, nullptr, &count));
  EXPECT(count == 1);
  EXPECT_OK(cudaGraphDestroy(a));
  EXPECT(cudaGraphDestroy(a) == cudaErrorInvalidValue);
  (void)cudaGetLastError();
}

int main() {
  manual_graph();
  captured_graph();
  conditional_graphs();
  graph_memory();
  misuse();
  return check_result();
}
