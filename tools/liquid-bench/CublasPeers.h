//===- CublasPeers.h - cuBLAS GEMMs timed beside liquid ---------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The peers of DESIGN.md section 6 on the same shapes, in the same process:
//
//   cublas_int8  cublasLtMatmul s8 x s8 -> s32 (the `_int_mm` class), TN
//   cublas_fp16  cublasGemmEx f16 x f16 -> f16, f32 accumulation
//   cublas_fp8   cublasLtMatmul e4m3 x e4m3 -> f16 with scale pointers, TN
//
// All compute Y[M, N] = X[M, K] * W[N, K]^T with W and X row-major, which in
// cuBLAS's column-major terms is C[N, M] = W^T X: op(A) = T, op(B) = N ("TN",
// the layout the int8 and fp8 tensor-core paths require). Where cuBLAS has
// no algorithm for M as it is, M is padded (int8: to 4, 16, 32; fp8: to 16)
// and the run records the M it used.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_TOOLS_LIQUIDBENCH_CUBLASPEERS_H
#define LIQUID_TOOLS_LIQUIDBENCH_CUBLASPEERS_H

#include "BenchOptions.h"
#include "CudaUtil.h"

#include "liquid/Runtime/Status.h"

#include <memory>

namespace liquid::bench {

/// The cuBLAS handles and the cuBLASLt workspace shared by all peers.
struct CublasContext {
  CublasContext();
  ~CublasContext();
  CublasContext(const CublasContext &) = delete;
  CublasContext &operator=(const CublasContext &) = delete;

  cublasHandle_t blas = nullptr;
  cublasLtHandle_t lt = nullptr;
  /// 32 MiB, what NVIDIA recommends for cuBLASLt on Hopper.
  DeviceBuffer workspace;
};

/// One peer GEMM with its own random weights [N, K].
class PeerGemm {
public:
  virtual ~PeerGemm() = default;
  virtual PeerKind kind() const = 0;
  /// Bytes of weights one run reads from memory.
  virtual double weightBytes() const = 0;
  /// Allocates random activations for m tokens and picks the algorithm;
  /// returns the M actually run (>= m), or why cuBLAS cannot run it.
  virtual runtime::Expected<int64_t> prepare(int64_t m) = 0;
  /// Enqueues one GEMM on `stream`.
  virtual void launch(cudaStream_t stream) = 0;
};

std::unique_ptr<PeerGemm> makePeerGemm(PeerKind kind, CublasContext &context,
                                       int64_t n, int64_t k, uint64_t seed);

} // namespace liquid::bench

#endif // LIQUID_TOOLS_LIQUIDBENCH_CUBLASPEERS_H
