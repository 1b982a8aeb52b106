//===- liquid-runtime-checks.cpp - Misuse checks of the liquid runtime ----===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Given a real cubin and manifest on a GPU, calls the runtime the wrong ways
// (M = 0 or 2^31, null, misaligned and short buffers, operands for another N,
// K or G, operands in host memory, on another device or in another context,
// manifests for another shape or schema or block size, a kernel name the
// cubin lacks, a cubin file that is missing, empty or no ELF image) and
// verifies that each call is refused with the right message and that the
// context survives; also that descriptors are cached across launches and
// that managed memory is accepted.
//
//   liquid-runtime-checks --manifest DIR/KERNEL.json [--m 16]
//
// Prints one line per check (SKIP for those the machine cannot run, e.g. the
// second-device check on one GPU), then "N passed, M failed"; exits 1 on
// failure.
//
//===----------------------------------------------------------------------===//

#include "CudaUtil.h"

#include "liquid/Runtime/Kernel.h"

#include <cuda.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include <unistd.h>

using namespace liquid;
using namespace liquid::bench;
using namespace liquid::runtime;

namespace {

class Checker {
public:
  /// `status` must be an error whose message contains `expected`.
  void refuses(const std::string &name, const Status &status,
               const std::string &expected) {
    if (!status.ok() && status.message().find(expected) != std::string::npos)
      pass(name);
    else
      fail(name, status.ok() ? "accepted" : "'" + status.message() + "'",
           "an error containing '" + expected + "'");
  }
  void succeeds(const std::string &name, const Status &status) {
    if (status.ok())
      pass(name);
    else
      fail(name, "'" + status.message() + "'", "success");
  }
  void expect(const std::string &name, bool ok, const std::string &what) {
    if (ok)
      pass(name);
    else
      fail(name, what, "");
  }
  void skip(const std::string &name, const std::string &why) {
    std::printf("SKIP %s: %s\n", name.c_str(), why.c_str());
  }
  int summary() const {
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
  }

private:
  void pass(const std::string &name) {
    ++passed;
    std::printf("PASS %s\n", name.c_str());
  }
  void fail(const std::string &name, const std::string &got,
            const std::string &expected) {
    ++failed;
    std::printf("FAIL %s: got %s%s%s\n", name.c_str(), got.c_str(),
                expected.empty() ? "" : ", expected ", expected.c_str());
  }
  int passed = 0, failed = 0;
};

/// Sizes of the whole operand table, allocated once.
struct CallBuffers {
  std::vector<DeviceBuffer> owned;
  Operands ops;
};

CallBuffers allocate(const Manifest &manifest, int64_t m) {
  CallBuffers b;
  b.ops.n = manifest.problem.n;
  b.ops.k = manifest.problem.k;
  b.ops.groupSize = manifest.problem.groupSize;
  for (const char *name :
       {kOperandActivations, kOperandWeights, kOperandGroupScales,
        kOperandGroupOffsets, kOperandChannelScales, kOperandTokenScales,
        kOperandXsum, kOperandOut}) {
    const OperandSpec *spec = manifest.findOperand(name);
    size_t bytes = spec ? spec->bytes(m) : size_t(4 * m);
    b.owned.emplace_back(bytes);
    checkCuda(cudaMemset(b.owned.back().get(), 0, bytes), "cudaMemset");
    *b.ops.find(name) = Buffer{b.owned.back().address(), bytes};
  }
  return b;
}

std::string hex(uint64_t address) {
  char buffer[24];
  std::snprintf(buffer, sizeof(buffer), "0x%" PRIx64, address);
  return buffer;
}

void writeFile(const std::string &path, const std::string &bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out)
    fatal("cannot write '" + path + "'");
}

std::string cubinPathFor(const std::string &manifestPath) {
  std::string path = manifestPath;
  if (path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0)
    path.resize(path.size() - 5);
  return path + ".cubin";
}

} // namespace

int main(int argc, char **argv) {
  setToolName("liquid-runtime-checks");
  std::string manifestPath;
  int64_t m = 16;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--manifest"))
      manifestPath = argv[i + 1];
    else if (!std::strcmp(argv[i], "--m"))
      m = std::atoll(argv[i + 1]);
  }
  if (manifestPath.empty() || m < 2) {
    std::fprintf(stderr, "usage: liquid-runtime-checks --manifest "
                         "DIR/KERNEL.json [--m M>=2]\n");
    return 2;
  }
  checkCuda(cudaSetDevice(0), "cudaSetDevice(0)");
  checkCuda(cudaFree(nullptr), "initializing the CUDA context");
  auto loaded = Kernel::load(manifestPath);
  if (!loaded)
    fatal(loaded.message());
  Kernel &kernel = **loaded;
  const Manifest &manifest = kernel.manifest();
  const ManifestProblem &p = manifest.problem;
  const std::string kernelName = "kernel '" + manifest.kernel + "'";
  cudaStream_t stream = nullptr;
  checkCuda(cudaStreamCreate(&stream), "cudaStreamCreate");
  Checker check;

  CallBuffers call = allocate(manifest, m);
  const Operands good = call.ops;
  auto launch = [&](const Operands &ops, int64_t tokens) {
    return kernel.launch(ops, tokens, stream);
  };
  auto sync = [&] {
    cudaError_t e = cudaStreamSynchronize(stream);
    return e == cudaSuccess ? Status::success()
                            : Status::error(cudaGetErrorString(e));
  };

  // Correct calls, and the descriptor cache.
  check.succeeds("valid launch", launch(good, m));
  check.succeeds("valid launch completes", sync());
  uint64_t uploads = kernel.descriptorUploads();
  check.succeeds("repeat launch", launch(good, m));
  check.expect("repeat launch reuses the descriptors",
               kernel.descriptorUploads() == uploads,
               std::to_string(kernel.descriptorUploads() - uploads) +
                   " new uploads");
  cudaStream_t second = nullptr;
  checkCuda(cudaStreamCreateWithFlags(&second, cudaStreamNonBlocking),
            "cudaStreamCreate");
  check.succeeds("launch on a second stream", kernel.launch(good, m, second));
  check.expect("a second stream reuses the descriptors",
               kernel.descriptorUploads() == uploads,
               std::to_string(kernel.descriptorUploads() - uploads) +
                   " new uploads");
  check.succeeds("launch with a smaller M", launch(good, m - 1));
  bool mapsFollowM = false;
  for (const TensorMapSpec &map : manifest.tensorMaps)
    for (const SizeExpr &dim : map.dims)
      mapsFollowM |= dim.dependsOnM();
  check.expect("a new M re-encodes the descriptors (only if they depend on M)",
               kernel.descriptorUploads() == uploads + (mapsFollowM ? 1 : 0),
               std::to_string(kernel.descriptorUploads() - uploads) +
                   " new uploads");
  if (p.mode == DequantMode::Xor) {
    Operands noXsum = good;
    noXsum.xsum = Buffer{};
    check.succeeds("xor mode accepts a null xsum", launch(noXsum, m));
  }
  check.succeeds("valid launches complete", sync());
  checkCuda(cudaStreamSynchronize(second), "the second stream");
  cudaStreamDestroy(second);

  // Token counts.
  check.refuses("M = 0", launch(good, 0), "M must be >= 1, got 0");
  check.refuses("M = -3", launch(good, -3), "M must be >= 1, got -3");
  check.refuses("M = 2^31", launch(good, int64_t(1) << 31),
                "M = 2147483648 exceeds the kernel's i32 token count");

  // Every operand: null, misaligned, one byte short.
  for (const OperandSpec &spec : manifest.operands) {
    const std::string name = "operand '" + spec.name + "'";
    Operands ops = good;
    Buffer &b = *ops.find(spec.name);
    const Buffer original = b;
    b = Buffer{0, original.bytes};
    check.refuses(spec.name + " null", launch(ops, m),
                  name + " is a null pointer");
    b = Buffer{original.address + 8, original.bytes - 8};
    check.refuses(spec.name + " misaligned", launch(ops, m),
                  "is not 16-byte aligned");
    uint64_t needed = spec.bytes(m);
    b = Buffer{original.address, needed - 1};
    check.refuses(spec.name + " one byte short", launch(ops, m),
                  name + " has " + std::to_string(needed - 1) + " bytes but " +
                      spec.describe() + " at M = " + std::to_string(m) +
                      " needs " + std::to_string(needed));
  }

  // Operands prepared for another problem.
  Operands other = good;
  other.n = p.n / 2;
  other.weights.bytes /= 2;
  check.refuses("operands for N/2", launch(other, m),
                "operand 'weights': the call is for N = " +
                    std::to_string(p.n / 2) + " but " + kernelName +
                    " was compiled for N = " + std::to_string(p.n));
  other = good;
  other.k = p.k * 2;
  check.refuses("operands for 2K", launch(other, m),
                "operand 'activations': the call is for K = " +
                    std::to_string(p.k * 2) + " but " + kernelName +
                    " was compiled for K = " + std::to_string(p.k));
  other = good;
  other.groupSize = p.groupSize == 64 ? 128 : 64;
  check.refuses("operands for another group size", launch(other, m),
                "operand 'group_scales': the call is for group size " +
                    std::to_string(other.groupSize));

  // Manifests that do not describe this call or this cubin.
  json::Value doc = manifest.document;
  doc.find("problem")->set("n", p.n * 2);
  check.refuses("manifest for another N", parseManifestDocument(doc).error(),
                "problem n = " + std::to_string(p.n * 2));
  doc = manifest.document;
  doc.set("schema", 2);
  check.refuses("manifest schema 2", parseManifestDocument(doc).error(),
                "unsupported schema 2");
  std::ifstream in(cubinPathFor(manifestPath), std::ios::binary);
  std::vector<char> cubin((std::istreambuf_iterator<char>(in)),
                          std::istreambuf_iterator<char>());
  Manifest renamed = manifest;
  renamed.kernel = "liquid_no_such_kernel";
  check.refuses("kernel name missing from the cubin",
                Kernel::load(renamed, cubin.data(), cubin.size()).error(),
                "the cubin has no kernel named 'liquid_no_such_kernel'");

  // A manifest asking for more threads per block than the kernel allows.
  const auto &block = manifest.launch.block;
  const int64_t threads = block[0] * block[1] * block[2];
  json::Value wideDoc = manifest.document;
  wideDoc.find("launch")->find("block")->asArray()[0] =
      json::Value((threads + 128) / (block[1] * block[2]));
  Expected<Manifest> wide = parseManifestDocument(wideDoc);
  if (!wide)
    check.expect("a manifest with 128 more threads per block parses", false,
                 "'" + wide.message() + "'");
  else
    check.refuses("a manifest with 128 more threads per block than the kernel",
                  Kernel::load(wide.take(), cubin.data(), cubin.size()).error(),
                  "the manifest launches " + std::to_string(threads + 128) +
                      " threads per block but " + kernelName + " allows " +
                      std::to_string(threads));

  // Cubin images and files that are not the kernel's cubin: refused before
  // the driver reads them (it would take a non-ELF image for PTX text).
  check.refuses("no cubin image", Kernel::load(manifest, nullptr, 0).error(),
                "empty cubin for " + kernelName);
  char dirTemplate[] = "/tmp/liquid-runtime-checks-XXXXXX";
  if (!mkdtemp(dirTemplate))
    fatal("cannot create a scratch directory in /tmp");
  const std::string dir = dirTemplate;
  const std::string copiedManifest = dir + "/kernel.json";
  const std::string copiedCubin = dir + "/kernel.cubin";
  {
    std::ifstream original(manifestPath, std::ios::binary);
    writeFile(copiedManifest,
              std::string((std::istreambuf_iterator<char>(original)),
                          std::istreambuf_iterator<char>()));
  }
  check.refuses("a manifest without its cubin",
                Kernel::load(copiedManifest).error(),
                "cannot open cubin '" + copiedCubin + "' of " + kernelName);
  writeFile(copiedCubin, "");
  check.refuses("an empty cubin file", Kernel::load(copiedManifest).error(),
                "cubin '" + copiedCubin + "' is empty");
  const std::string ptx = ".version 8.4\n.target sm_90a\n"; // no NUL
  writeFile(copiedCubin, ptx);
  check.refuses("a cubin file holding PTX text",
                Kernel::load(copiedManifest).error(),
                "the cubin of " + kernelName + " is not an ELF image (" +
                    std::to_string(ptx.size()) +
                    " bytes; a cubin starts with \\x7fELF)");
  std::remove(copiedCubin.c_str());
  std::remove(copiedManifest.c_str());
  rmdir(dir.c_str());

  // Operands the GPU cannot read: the kernel would fault on them and poison
  // the context, so the launch refuses them, naming the operand.
  const uint64_t xBytes = good.activations.bytes;
  const std::string xName = "operand 'activations' at ";
  {
    void *host = std::aligned_alloc(16, (xBytes + 15) / 16 * 16);
    Operands ops = good;
    ops.activations.address = reinterpret_cast<uintptr_t>(host);
    check.refuses("activations in malloc'ed host memory", launch(ops, m),
                  xName + hex(ops.activations.address) +
                      " is not device memory: no CUDA allocation covers it");
    std::free(host);
  }
  {
    void *pinned = nullptr;
    checkCuda(cudaMallocHost(&pinned, xBytes), "cudaMallocHost");
    Operands ops = good;
    ops.activations.address = reinterpret_cast<uintptr_t>(pinned);
    check.refuses("activations in page-locked host memory", launch(ops, m),
                  xName + hex(ops.activations.address) +
                      " is page-locked host memory; " + kernelName +
                      " reads its operands from device memory");
    checkCuda(cudaFreeHost(pinned), "cudaFreeHost");
  }
  int devices = 0;
  checkCuda(cudaGetDeviceCount(&devices), "cudaGetDeviceCount");
  if (devices < 2) {
    check.skip("activations on device 1", "one CUDA device");
  } else {
    void *remote = nullptr;
    checkCuda(cudaSetDevice(1), "cudaSetDevice(1)");
    checkCuda(cudaMalloc(&remote, xBytes), "cudaMalloc on device 1");
    checkCuda(cudaSetDevice(0), "cudaSetDevice(0)");
    Operands ops = good;
    ops.activations.address = reinterpret_cast<uintptr_t>(remote);
    check.refuses("activations on device 1", launch(ops, m),
                  xName + hex(ops.activations.address) +
                      " is memory of device 1, but " + kernelName +
                      " runs on device 0");
    checkCuda(cudaSetDevice(1), "cudaSetDevice(1)");
    checkCuda(cudaFree(remote), "cudaFree on device 1");
    checkCuda(cudaSetDevice(0), "cudaSetDevice(0)");
  }
  {
    // Device memory of device 0, but of a context of its own (the kernel
    // lives in the primary context): not mapped where the kernel runs.
    CUdevice device0 = 0;
    CUcontext other = nullptr, popped = nullptr;
    CUdeviceptr foreign = 0;
#if CUDA_VERSION >= 13000
    bool made = cuDeviceGet(&device0, 0) == CUDA_SUCCESS &&
                cuCtxCreate(&other, nullptr, 0, device0) == CUDA_SUCCESS;
#else
    bool made = cuDeviceGet(&device0, 0) == CUDA_SUCCESS &&
                cuCtxCreate(&other, 0, device0) == CUDA_SUCCESS;
#endif
    if (made) {
      made = cuMemAlloc(&foreign, xBytes) == CUDA_SUCCESS;
      cuCtxPopCurrent(&popped);
    }
    if (!made) {
      check.expect("a second context on device 0 and memory in it", false,
                   "cuCtxCreate or cuMemAlloc failed");
    } else {
      Operands ops = good;
      ops.activations.address = foreign;
      check.refuses("activations in another context", launch(ops, m),
                    xName + hex(foreign) +
                        " belongs to another CUDA context than the one " +
                        kernelName + " was loaded in");
    }
    if (other) {
      cuCtxPushCurrent(other);
      if (foreign)
        cuMemFree(foreign);
      cuCtxPopCurrent(&popped);
      cuCtxDestroy(other);
    }
  }

  // The refusals launched nothing: the context is healthy.
  check.succeeds("valid launch after the refusals", launch(good, m));
  check.succeeds("context still healthy", sync());

  // Managed memory migrates to the device on demand and passes the check.
  // Last, so that a fault here could not hide the checks above.
  {
    void *managed = nullptr;
    checkCuda(cudaMallocManaged(&managed, xBytes), "cudaMallocManaged");
    std::memset(managed, 0, xBytes);
    Operands ops = good;
    ops.activations.address = reinterpret_cast<uintptr_t>(managed);
    check.succeeds("activations in managed memory", launch(ops, m));
    check.succeeds("the managed-memory launch completes", sync());
    checkCuda(cudaFree(managed), "cudaFree");
  }
  cudaStreamDestroy(stream);
  return check.summary();
}
