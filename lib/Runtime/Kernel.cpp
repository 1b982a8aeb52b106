//===- Kernel.cpp - Load and launch a liquid cubin ------------------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The kernel reads its TMA descriptors from global memory: each tensor_map
// parameter is the device address of a 128-byte CUtensorMap, which the TMA
// unit requires to be 64-byte aligned. All of a kernel's descriptors live in
// one device buffer of 128-byte slots owned by the Kernel; a launch with the
// same buffers and M as the previous upload passes the same addresses and
// costs no encoding and no copy.
//
// Rewriting the descriptor buffer while an earlier launch may still read it
// would corrupt that launch. When every launch since the last upload ran on
// the stream of the new upload, stream order already protects them and
// nothing is added; otherwise (several streams: rare) the upload first
// waits for the whole context. A launch on a stream other than the one that
// uploaded waits, on the GPU, for the upload's event.
//
// An address the GPU cannot read faults the kernel and poisons the context,
// so the operands' memory is checked (OperandMemory.h) whenever an address
// differs from the last launch that passed; the steady state asks nothing.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/Kernel.h"
#include "liquid/Runtime/CubinImage.h"
#include "liquid/Runtime/OperandMemory.h"

#include "DriverStatus.h"
#include "TensorMapEncoder.h"

#include <fstream>
#include <iterator>

using namespace liquid::runtime;

/// Bytes of one descriptor slot: a whole CUtensorMap, a multiple of the
/// 64-byte alignment TMA demands of descriptors in global memory.
static constexpr size_t kTensorMapSlotBytes = 128;
static_assert(sizeof(CUtensorMap) == kTensorMapSlotBytes,
              "CUtensorMap is expected to be 128 bytes");
static_assert(kTensorMapSlotBytes % 64 == 0,
              "descriptor slots must keep 64-byte alignment");

namespace {

/// Makes a context current for one scope and restores the previous one; the
/// driver calls of a Kernel must run in the context that loaded its module.
class ScopedContext {
public:
  explicit ScopedContext(CUcontext context) {
    CUcontext current = nullptr;
    cuCtxGetCurrent(&current);
    if (current != context && cuCtxPushCurrent(context) == CUDA_SUCCESS)
      pushed = true;
  }
  ~ScopedContext() {
    if (pushed) {
      CUcontext popped;
      cuCtxPopCurrent(&popped);
    }
  }

private:
  bool pushed = false;
};

/// What the driver knows about the memory at `address`, for a kernel
/// loaded in `kernelContext`.
Expected<PointerFacts> queryPointer(uint64_t address, CUcontext kernelContext,
                                    const std::string &operand) {
  // Zero-initialized and wide enough for any of the driver's encodings (the
  // managed flag is documented as a boolean).
  unsigned int memoryType = 0;
  unsigned int managed = 0;
  int ordinal = -1;
  CUpointer_attribute attributes[] = {CU_POINTER_ATTRIBUTE_MEMORY_TYPE,
                                      CU_POINTER_ATTRIBUTE_IS_MANAGED,
                                      CU_POINTER_ATTRIBUTE_DEVICE_ORDINAL};
  void *data[] = {&memoryType, &managed, &ordinal};
  CUresult result = cuPointerGetAttributes(3, attributes, data, address);
  PointerFacts facts;
  // An address no allocation covers gets default values and success; some
  // drivers answer INVALID_VALUE (or INVALID_CONTEXT) for it instead.
  if (result == CUDA_ERROR_INVALID_VALUE ||
      result == CUDA_ERROR_INVALID_CONTEXT)
    return facts;
  if (Status s = driverStatus(result, "querying the memory of operand '" +
                                          operand + "'");
      !s.ok())
    return s;
  if (memoryType == CU_MEMORYTYPE_HOST)
    facts.memory = PointerFacts::Memory::Host;
  else if (memoryType == CU_MEMORYTYPE_DEVICE ||
           memoryType == CU_MEMORYTYPE_UNIFIED)
    facts.memory = PointerFacts::Memory::Device;
  facts.managed = managed != 0;
  facts.deviceOrdinal = ordinal;
  // Asked on its own: allocations that belong to no context (virtual memory
  // management, as PyTorch's expandable segments use) must not make the
  // query above fail; they name no owner and pass.
  CUcontext owner = nullptr;
  CUpointer_attribute contextAttribute = CU_POINTER_ATTRIBUTE_CONTEXT;
  void *contextData[] = {&owner};
  if (cuPointerGetAttributes(1, &contextAttribute, contextData, address) ==
      CUDA_SUCCESS)
    facts.otherContext = owner != nullptr && owner != kernelContext;
  return facts;
}

} // namespace

Expected<std::unique_ptr<Kernel>>
Kernel::load(const std::string &manifestPath) {
  Expected<Manifest> manifest = readManifestFile(manifestPath);
  if (!manifest)
    return manifest.error();
  const std::string suffix = ".json";
  std::string cubinPath = manifestPath;
  if (cubinPath.size() >= suffix.size() &&
      cubinPath.compare(cubinPath.size() - suffix.size(), suffix.size(),
                        suffix) == 0)
    cubinPath.resize(cubinPath.size() - suffix.size());
  cubinPath += ".cubin";
  std::ifstream in(cubinPath, std::ios::binary);
  if (!in)
    return Status::error("cannot open cubin '" + cubinPath + "' of kernel '" +
                         manifest->kernel + "'");
  std::vector<char> image((std::istreambuf_iterator<char>(in)),
                          std::istreambuf_iterator<char>());
  if (image.empty())
    return Status::error("cubin '" + cubinPath + "' is empty");
  return load(manifest.take(), image.data(), image.size());
}

Expected<std::unique_ptr<Kernel>>
Kernel::load(Manifest manifest, const void *cubin, size_t cubinBytes) {
  std::unique_ptr<Kernel> kernel(new Kernel(std::move(manifest)));
  if (Status s = kernel->initialize(cubin, cubinBytes); !s.ok())
    return s;
  return kernel;
}

Status Kernel::initialize(const void *cubin, size_t cubinBytes) {
  const std::string name = "kernel '" + manifest_.kernel + "'";
  if (Status s = checkCubinImage(cubin, cubinBytes, manifest_.kernel); !s.ok())
    return s;
  if (Status s = driverStatus(cuInit(0), "cuInit"); !s.ok())
    return s;
  if (Status s = driverStatus(cuCtxGetCurrent(&context), "cuCtxGetCurrent");
      !s.ok())
    return s;
  if (context) {
    if (Status s = driverStatus(cuCtxGetDevice(&device), "cuCtxGetDevice");
        !s.ok())
      return s;
  } else {
    if (Status s = driverStatus(cuDeviceGet(&device, 0), "cuDeviceGet(0)");
        !s.ok())
      return s;
    if (Status s = driverStatus(cuDevicePrimaryCtxRetain(&context, device),
                                "cuDevicePrimaryCtxRetain");
        !s.ok())
      return s;
    retainedPrimaryContext = true;
    if (Status s = driverStatus(cuCtxSetCurrent(context), "cuCtxSetCurrent");
        !s.ok())
      return s;
  }

  int major = 0, minor = 0;
  cuDeviceGetAttribute(&major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
                       device);
  cuDeviceGetAttribute(&minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
                       device);
  if (major != 9)
    return Status::error(name +
                         " is built for sm_90a (Hopper) but the "
                         "device is sm_" +
                         std::to_string(major) + std::to_string(minor));
  // Sizes the rounds of a split tail (planLaunch); 0 launches the tile grid.
  cuDeviceGetAttribute(&multiprocessors,
                       CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, device);

  ScopedContext scope(context);
  if (Status s = driverStatus(cuModuleLoadData(&module, cubin),
                              "loading the cubin of " + name);
      !s.ok())
    return s;
  CUresult found =
      cuModuleGetFunction(&function_, module, manifest_.kernel.c_str());
  if (found == CUDA_ERROR_NOT_FOUND)
    return Status::error("the cubin has no kernel named '" + manifest_.kernel +
                         "'");
  if (Status s = driverStatus(found, "cuModuleGetFunction for " + name);
      !s.ok())
    return s;

  // Opt in to more than the default 48 KB of dynamic shared memory (the
  // stage ring of weight and activation tiles).
  const int sharedBytes =
      static_cast<int>(manifest_.launch.dynamicSharedMemory);
  if (sharedBytes > 0)
    if (Status s = driverStatus(
            cuFuncSetAttribute(function_,
                               CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                               sharedBytes),
            "setting " + std::to_string(sharedBytes) +
                " bytes of dynamic shared memory for " + name);
        !s.ok())
      return s;

  int maxThreads = 0;
  cuFuncGetAttribute(&maxThreads, CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK,
                     function_);
  const auto &block = manifest_.launch.block;
  int64_t threads = block[0] * block[1] * block[2];
  if (maxThreads > 0 && threads > maxThreads)
    return Status::error("the manifest launches " + std::to_string(threads) +
                         " threads per block but " + name + " allows " +
                         std::to_string(maxThreads));

  if (!manifest_.tensorMaps.empty()) {
    encoded.resize(manifest_.tensorMaps.size());
    if (Status s = driverStatus(
            cuMemAlloc(&descriptors, encoded.size() * kTensorMapSlotBytes),
            "allocating the TMA descriptors of " + name);
        !s.ok())
      return s;
  }
  if (Status s = driverStatus(
          cuEventCreate(&uploadDone, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
      !s.ok())
    return s;
  return driverStatus(cuEventCreate(&workspaceDone, CU_EVENT_DISABLE_TIMING),
                      "cuEventCreate");
}

Kernel::~Kernel() {
  if (!context)
    return;
  {
    ScopedContext scope(context);
    if (uploadDone)
      cuEventDestroy(uploadDone);
    if (workspaceDone)
      cuEventDestroy(workspaceDone);
    if (descriptors)
      cuMemFree(descriptors);
    if (workspace)
      cuMemFree(workspace);
    if (module)
      cuModuleUnload(module);
  }
  if (retainedPrimaryContext)
    cuDevicePrimaryCtxRelease(device);
}

Status Kernel::uploadDescriptors(const LaunchPlan &plan, CUstream stream) {
  uploadValid = false;
  for (size_t i = 0; i < plan.tensorMaps.size(); ++i)
    if (Status s = encodeTensorMap(plan.tensorMaps[i],
                                   manifest_.tensorMaps[i].name, encoded[i]);
        !s.ok())
      return s;

  // Launches on other streams may still read the old descriptors (and an
  // earlier upload on another stream may still be in flight).
  if (uploads > 0 && (launchedOnOtherStream || uploadStream != stream))
    if (Status s = driverStatus(cuCtxSynchronize(),
                                "waiting for launches on other streams");
        !s.ok())
      return s;

  // From pageable memory the driver stages the bytes before returning, so
  // `encoded` may be rewritten by the next upload right away.
  if (Status s = driverStatus(
          cuMemcpyHtoDAsync(descriptors, encoded.data(),
                            encoded.size() * kTensorMapSlotBytes, stream),
          "uploading the TMA descriptors of kernel '" + manifest_.kernel + "'");
      !s.ok())
    return s;
  if (Status s =
          driverStatus(cuEventRecord(uploadDone, stream), "cuEventRecord");
      !s.ok())
    return s;
  uploadStream = stream;
  launchedOnOtherStream = false;
  uploadedMaps = plan.tensorMaps;
  uploadValid = true;
  ++uploads;
  return Status::success();
}

Status Kernel::reserveWorkspace(uint64_t bytes) {
  if (bytes <= workspaceBytes)
    return Status::success();
  // Earlier launches may still use the old buffer: wait for them.
  if (workspace) {
    if (Status s = driverStatus(cuCtxSynchronize(), "cuCtxSynchronize");
        !s.ok())
      return s;
    cuMemFree(workspace);
    workspace = 0;
    workspaceBytes = 0;
  }
  if (Status s = driverStatus(cuMemAlloc(&workspace, bytes),
                              "cuMemAlloc of the split-K workspace");
      !s.ok())
    return s;
  if (Status s = driverStatus(cuMemsetD8(workspace, 0, bytes), "cuMemsetD8");
      !s.ok())
    return s;
  workspaceBytes = bytes;
  return Status::success();
}

Status Kernel::checkOperandMemory(const Operands &ops) {
  const size_t count = manifest_.operands.size();
  bool known = checkedAddresses.size() == count;
  for (size_t i = 0; known && i < count; ++i)
    known = checkedAddresses[i] == ops.find(manifest_.operands[i].name)->address;
  if (known)
    return Status::success();
  std::vector<uint64_t> addresses;
  addresses.reserve(count);
  for (const OperandSpec &spec : manifest_.operands) {
    uint64_t address = ops.find(spec.name)->address;
    addresses.push_back(address);
    // planLaunch let a null address through only for an operand the kernel
    // does not read.
    if (address == 0)
      continue;
    Expected<PointerFacts> facts = queryPointer(address, context, spec.name);
    if (!facts)
      return facts.error();
    if (Status s = liquid::runtime::checkOperandMemory(
            spec.name, address, *facts, static_cast<int>(device),
            manifest_.kernel);
        !s.ok())
      return s;
  }
  checkedAddresses = std::move(addresses);
  return Status::success();
}

Status Kernel::launch(const Operands &ops, int64_t m, CUstream stream) {
  Expected<LaunchPlan> plan = planLaunch(manifest_, ops, m, multiprocessors);
  if (!plan)
    return plan.error();
  ScopedContext scope(context);
  if (Status s = checkOperandMemory(ops); !s.ok())
    return s;

  if (!plan->tensorMaps.empty()) {
    if (!uploadValid || plan->tensorMaps != uploadedMaps) {
      if (Status s = uploadDescriptors(*plan, stream); !s.ok())
        return s;
    } else if (stream != uploadStream) {
      // Another stream must not overtake the upload.
      if (Status s = driverStatus(cuStreamWaitEvent(stream, uploadDone, 0),
                                  "cuStreamWaitEvent");
          !s.ok())
        return s;
      launchedOnOtherStream = true;
    }
  }

  if (plan->workspaceBytes) {
    if (Status s = reserveWorkspace(plan->workspaceBytes); !s.ok())
      return s;
    // The previous split-K launch may still be using the workspace on
    // another stream: this one waits for it.
    CUstreamCaptureStatus capture = CU_STREAM_CAPTURE_STATUS_NONE;
    if (Status s = driverStatus(cuStreamIsCapturing(stream, &capture),
                                "cuStreamIsCapturing");
        !s.ok())
      return s;
    if (workspaceUsed && stream != workspaceStream &&
        capture == CU_STREAM_CAPTURE_STATUS_NONE)
      if (Status s = driverStatus(cuStreamWaitEvent(stream, workspaceDone, 0),
                                  "cuStreamWaitEvent");
          !s.ok())
        return s;
  }

  // Parameters in manifest order: descriptor addresses, operand addresses
  // and 32-bit integers, each passed by address as cuLaunchKernelEx expects.
  const size_t count = plan->params.size();
  std::vector<uint64_t> words(count, 0);
  std::vector<int32_t> ints(count, 0);
  std::vector<void *> args(count, nullptr);
  for (size_t i = 0; i < count; ++i) {
    const ParamValue &p = plan->params[i];
    switch (p.kind) {
    case ParamKind::TensorMap:
      words[i] = descriptors + p.tensorMapIndex * kTensorMapSlotBytes;
      args[i] = &words[i];
      break;
    case ParamKind::Pointer:
      words[i] = p.pointer;
      args[i] = &words[i];
      break;
    case ParamKind::Workspace:
      words[i] = plan->workspaceBytes ? workspace : 0;
      args[i] = &words[i];
      break;
    case ParamKind::I32:
      ints[i] = p.i32;
      args[i] = &ints[i];
      break;
    }
  }
  const auto &g = plan->grid;
  const auto &b = plan->block;
  const auto &c = plan->cluster;
  // A clustered kernel carries its cluster shape (.reqnctapercluster); the
  // launch states it too, so that a grid it does not tile fails here.
  CUlaunchAttribute clusterShape{};
  clusterShape.id = CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION;
  clusterShape.value.clusterDim.x = c[0];
  clusterShape.value.clusterDim.y = c[1];
  clusterShape.value.clusterDim.z = c[2];
  CUlaunchConfig config{};
  config.gridDimX = g[0];
  config.gridDimY = g[1];
  config.gridDimZ = g[2];
  config.blockDimX = b[0];
  config.blockDimY = b[1];
  config.blockDimZ = b[2];
  config.sharedMemBytes = plan->dynamicSharedMemory;
  config.hStream = stream;
  config.attrs = &clusterShape;
  config.numAttrs = manifest_.launch.isClustered() ? 1 : 0;
  CUresult launched = cuLaunchKernelEx(
      &config, function_, args.empty() ? nullptr : args.data(), nullptr);
  if (launched != CUDA_SUCCESS)
    return driverStatus(
        launched, "cuLaunchKernelEx of '" + manifest_.kernel + "' (grid " +
                      std::to_string(g[0]) + "x" + std::to_string(g[1]) + "x" +
                      std::to_string(g[2]) + ", block " + std::to_string(b[0]) +
                      "x" + std::to_string(b[1]) + "x" + std::to_string(b[2]) +
                      ", " + std::to_string(plan->dynamicSharedMemory) +
                      " bytes of dynamic shared memory)");
  if (plan->workspaceBytes) {
    if (Status s = driverStatus(cuEventRecord(workspaceDone, stream),
                                "cuEventRecord");
        !s.ok())
      return s;
    workspaceStream = stream;
    workspaceUsed = true;
  }
  return Status::success();
}
