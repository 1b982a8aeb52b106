//===- CublasPeers.cpp - cuBLAS GEMMs timed beside the liquid kernel ------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "CublasPeers.h"

#include "Parallel.h"

using namespace liquid;
using namespace liquid::bench;
using runtime::Expected;
using runtime::Status;

//===----------------------------------------------------------------------===//
// Shared pieces
//===----------------------------------------------------------------------===//

CublasContext::CublasContext() : workspace(size_t(32) << 20) {
  checkCublas(cublasCreate(&blas), "cublasCreate");
  checkCublas(cublasLtCreate(&lt), "cublasLtCreate");
}

CublasContext::~CublasContext() {
  cublasLtDestroy(lt);
  cublasDestroy(blas);
}

/// Random device data of `count` elements of `elementBytes`, each element
/// drawn by `draw` from a per-row generator (rows of `rowLength` elements).
template <typename Draw>
static DeviceBuffer randomDeviceData(int64_t rows, int64_t rowLength,
                                     size_t elementBytes, uint64_t seed,
                                     uint64_t stream, Draw draw) {
  std::vector<uint8_t> host(size_t(rows * rowLength) * elementBytes);
  parallelChunks(rows, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      SplitMix64 rng(rowSeed(seed, stream, r));
      for (int64_t i = 0; i < rowLength; ++i)
        draw(rng, &host[(r * rowLength + i) * elementBytes]);
    }
  });
  return DeviceBuffer::from(host);
}

/// Any int8.
static void drawInt8(SplitMix64 &rng, uint8_t *out) {
  *out = static_cast<uint8_t>(rng.next());
}

/// A finite binary16 of magnitude in [2^-6, 2^0): products stay far from
/// overflow whatever K is.
static void drawHalf(SplitMix64 &rng, uint8_t *out) {
  uint64_t r = rng.next();
  uint16_t bits = static_cast<uint16_t>(
      ((r & 1) << 15) | ((9 + (r >> 1) % 6) << 10) | ((r >> 8) & 0x3FF));
  out[0] = bits & 0xFF;
  out[1] = bits >> 8;
}

/// A finite e4m3 of magnitude in [2^-6, 2^2): exponent field 1..8 (bias 7),
/// never the all-ones NaN encoding.
static void drawE4m3(SplitMix64 &rng, uint8_t *out) {
  uint64_t r = rng.next();
  *out = static_cast<uint8_t>(((r & 1) << 7) | ((1 + (r >> 1) % 8) << 3) |
                              ((r >> 8) & 0x7));
}

static int64_t roundUp(int64_t v, int64_t multiple) {
  return (v + multiple - 1) / multiple * multiple;
}

namespace {

/// A cuBLASLt TN matmul C[N, Mp] = op(A)[N, K] * B[K, Mp] (column-major),
/// with the algorithm the heuristic picks first.
struct LtPlan {
  cublasLtMatmulDesc_t desc = nullptr;
  cublasLtMatrixLayout_t a = nullptr, b = nullptr, c = nullptr;
  cublasLtMatmulAlgo_t algo{};

  LtPlan() = default;
  LtPlan(const LtPlan &) = delete;
  LtPlan &operator=(const LtPlan &) = delete;
  ~LtPlan() { reset(); }

  void reset() {
    if (desc)
      cublasLtMatmulDescDestroy(desc);
    if (a)
      cublasLtMatrixLayoutDestroy(a);
    if (b)
      cublasLtMatrixLayoutDestroy(b);
    if (c)
      cublasLtMatrixLayoutDestroy(c);
    desc = nullptr;
    a = b = c = nullptr;
  }

  /// Returns false when cuBLASLt has no algorithm for this shape.
  bool build(CublasContext &ctx, cublasComputeType_t compute,
             cudaDataType_t scaleType, cudaDataType_t abType,
             cudaDataType_t cType, int64_t n, int64_t mp, int64_t k,
             const void *aScale = nullptr, const void *bScale = nullptr) {
    reset();
    cublasOperation_t transA = CUBLAS_OP_T, transB = CUBLAS_OP_N;
    checkCublas(cublasLtMatmulDescCreate(&desc, compute, scaleType),
                "cublasLtMatmulDescCreate");
    checkCublas(cublasLtMatmulDescSetAttribute(
                    desc, CUBLASLT_MATMUL_DESC_TRANSA, &transA, sizeof(transA)),
                "setting TRANSA");
    checkCublas(cublasLtMatmulDescSetAttribute(
                    desc, CUBLASLT_MATMUL_DESC_TRANSB, &transB, sizeof(transB)),
                "setting TRANSB");
    if (aScale)
      checkCublas(cublasLtMatmulDescSetAttribute(
                      desc, CUBLASLT_MATMUL_DESC_A_SCALE_POINTER, &aScale,
                      sizeof(aScale)),
                  "setting A_SCALE_POINTER");
    if (bScale)
      checkCublas(cublasLtMatmulDescSetAttribute(
                      desc, CUBLASLT_MATMUL_DESC_B_SCALE_POINTER, &bScale,
                      sizeof(bScale)),
                  "setting B_SCALE_POINTER");
    // W row-major [N, K] is column-major [K, N] with leading dimension K.
    checkCublas(cublasLtMatrixLayoutCreate(&a, abType, k, n, k), "layout A");
    checkCublas(cublasLtMatrixLayoutCreate(&b, abType, k, mp, k), "layout B");
    checkCublas(cublasLtMatrixLayoutCreate(&c, cType, n, mp, n), "layout C");

    cublasLtMatmulPreference_t preference = nullptr;
    checkCublas(cublasLtMatmulPreferenceCreate(&preference),
                "cublasLtMatmulPreferenceCreate");
    size_t workspaceBytes = ctx.workspace.size();
    checkCublas(cublasLtMatmulPreferenceSetAttribute(
                    preference, CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES,
                    &workspaceBytes, sizeof(workspaceBytes)),
                "setting the workspace preference");
    cublasLtMatmulHeuristicResult_t result{};
    int returned = 0;
    cublasStatus_t status = cublasLtMatmulAlgoGetHeuristic(
        ctx.lt, desc, a, b, c, c, preference, 1, &result, &returned);
    cublasLtMatmulPreferenceDestroy(preference);
    if (status != CUBLAS_STATUS_SUCCESS || returned == 0 ||
        result.state != CUBLAS_STATUS_SUCCESS)
      return false;
    algo = result.algo;
    return true;
  }

  cublasStatus_t tryRun(CublasContext &ctx, const void *alpha, const void *w,
                        const void *x, const void *beta, void *y,
                        cudaStream_t stream) {
    return cublasLtMatmul(ctx.lt, desc, alpha, w, a, x, b, beta, y, c, y, c,
                          &algo, ctx.workspace.get(), ctx.workspace.size(),
                          stream);
  }

  void run(CublasContext &ctx, const void *alpha, const void *w, const void *x,
           const void *beta, void *y, cudaStream_t stream) {
    checkCublas(tryRun(ctx, alpha, w, x, beta, y, stream), "cublasLtMatmul");
  }
};

//===----------------------------------------------------------------------===//
// The peers
//===----------------------------------------------------------------------===//

/// A cuBLASLt peer over 1-byte operands: weights drawn once, activations and
/// output sized per token count. `Scalar` is the type of alpha and beta.
template <typename Scalar>
class LtPeer : public PeerGemm {
public:
  double weightBytes() const override { return double(n) * k; }

  void launch(cudaStream_t stream) override {
    const Scalar alpha = 1, beta = 0;
    plan.run(ctx, &alpha, weights.get(), activations.get(), &beta, out.get(),
             stream);
  }

protected:
  using Draw = void (*)(SplitMix64 &, uint8_t *);

  LtPeer(CublasContext &ctx, int64_t n, int64_t k, uint64_t seed, Draw draw,
         uint64_t tag, size_t outElementBytes)
      : ctx(ctx), n(n), k(k), seed(seed), draw(draw), tag(tag),
        outElementBytes(outElementBytes),
        weights(randomDeviceData(n, k, 1, seed, tag, draw)) {}

  /// Plans the GEMM for mp tokens; false when cuBLASLt offers no algorithm.
  virtual bool build(int64_t mp) = 0;

  /// The first of `paddings` that cuBLASLt both plans and runs: its
  /// heuristic may offer an algorithm that cublasLtMatmul then refuses for
  /// small M, so each candidate gets one trial launch.
  Expected<int64_t> prepareFirst(int64_t m,
                                 std::initializer_list<int64_t> paddings,
                                 const std::string &what) {
    const Scalar alpha = 1, beta = 0;
    for (int64_t mp : paddings) {
      if (!build(mp))
        continue;
      activations = randomDeviceData(mp, k, 1, seed, tag + 1, draw);
      out = DeviceBuffer(size_t(mp * n) * outElementBytes);
      if (plan.tryRun(ctx, &alpha, weights.get(), activations.get(), &beta,
                      out.get(), nullptr) == CUBLAS_STATUS_SUCCESS)
        return mp;
    }
    return Status::error("cuBLASLt has no " + what + " algorithm for M = " +
                         std::to_string(m) + " (padded up to " +
                         std::to_string(*(paddings.end() - 1)) + ")");
  }

  CublasContext &ctx;
  int64_t n, k;
  uint64_t seed;
  Draw draw;
  uint64_t tag;
  size_t outElementBytes;
  DeviceBuffer weights, activations, out;
  LtPlan plan;
};

class Int8Peer : public LtPeer<int32_t> {
public:
  Int8Peer(CublasContext &ctx, int64_t n, int64_t k, uint64_t seed)
      : LtPeer(ctx, n, k, seed, drawInt8, 11, /*outElementBytes=*/4) {}

  PeerKind kind() const override { return PeerKind::Int8; }

  Expected<int64_t> prepare(int64_t m) override {
    return prepareFirst(m, {m, roundUp(m, 4), roundUp(m, 16), roundUp(m, 32)},
                        "int8");
  }

private:
  bool build(int64_t mp) override {
    return plan.build(ctx, CUBLAS_COMPUTE_32I, CUDA_R_32I, CUDA_R_8I,
                      CUDA_R_32I, n, mp, k);
  }
};

class Fp8Peer : public LtPeer<float> {
public:
  Fp8Peer(CublasContext &ctx, int64_t n, int64_t k, uint64_t seed)
      : LtPeer(ctx, n, k, seed, drawE4m3, 21, /*outElementBytes=*/2),
        // Unit scales for A and B, 16 bytes apart: cuBLASLt reads each
        // through its own device pointer.
        scales(DeviceBuffer::from(
            std::vector<float>{1.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f, 0.0f})) {}

  PeerKind kind() const override { return PeerKind::Fp8; }

  Expected<int64_t> prepare(int64_t m) override {
    // FP8 tensor-core GEMMs need every dimension a multiple of 16.
    return prepareFirst(m, {roundUp(m, 16), roundUp(m, 32), roundUp(m, 64)},
                        "fp8");
  }

private:
  bool build(int64_t mp) override {
    const float *scale = static_cast<const float *>(scales.get());
    return plan.build(ctx, CUBLAS_COMPUTE_32F, CUDA_R_32F, CUDA_R_8F_E4M3,
                      CUDA_R_16F, n, mp, k, scale, scale + 4);
  }

  DeviceBuffer scales;
};

class Fp16Peer : public PeerGemm {
public:
  Fp16Peer(CublasContext &ctx, int64_t n, int64_t k, uint64_t seed)
      : ctx(ctx), n(n), k(k), seed(seed),
        weights(randomDeviceData(n, k, 2, seed, 31, drawHalf)) {}

  PeerKind kind() const override { return PeerKind::Fp16; }
  double weightBytes() const override { return 2.0 * n * k; }

  Expected<int64_t> prepare(int64_t m) override {
    this->m = m;
    activations = randomDeviceData(m, k, 2, seed, 32, drawHalf);
    out = DeviceBuffer(size_t(m * n) * 2);
    return m;
  }

  void launch(cudaStream_t stream) override {
    const float alpha = 1, beta = 0;
    checkCublas(cublasSetStream(ctx.blas, stream), "cublasSetStream");
    checkCublas(cublasGemmEx(ctx.blas, CUBLAS_OP_T, CUBLAS_OP_N, int(n), int(m),
                             int(k), &alpha, weights.get(), CUDA_R_16F, int(k),
                             activations.get(), CUDA_R_16F, int(k), &beta,
                             out.get(), CUDA_R_16F, int(n), CUBLAS_COMPUTE_32F,
                             CUBLAS_GEMM_DEFAULT),
                "cublasGemmEx");
  }

private:
  CublasContext &ctx;
  int64_t n, k, m = 0;
  uint64_t seed;
  DeviceBuffer weights, activations, out;
};

} // namespace

std::unique_ptr<PeerGemm> liquid::bench::makePeerGemm(PeerKind kind,
                                                      CublasContext &context,
                                                      int64_t n, int64_t k,
                                                      uint64_t seed) {
  switch (kind) {
  case PeerKind::Int8:
    return std::make_unique<Int8Peer>(context, n, k, seed);
  case PeerKind::Fp16:
    return std::make_unique<Fp16Peer>(context, n, k, seed);
  case PeerKind::Fp8:
    return std::make_unique<Fp8Peer>(context, n, k, seed);
  }
  return nullptr;
}
