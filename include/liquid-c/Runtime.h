/*===-- liquid-c/Runtime.h - C API of the liquid runtime ----------*- C -*-===*\
|*                                                                            *|
|* Part of the liquid project.                                                *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The kernel runtime (include/liquid/Runtime/Kernel.h) behind a C ABI, in    *|
|* libLiquidRuntimeC.so (built only where the CUDA toolkit is found), for     *|
|* the Python package (ctypes) and other languages: load a cubin + manifest   *|
|* written by liquid-compile, launch it on a stream, destroy it. Manifest     *|
|* handling, operand validation, TMA descriptors and the split-K workspace    *|
|* stay in the C++ runtime.                                                   *|
|*                                                                            *|
|* Every function returns 0 on success; on failure it returns non-zero,       *|
|* launches nothing, and liquidRuntimeLastError() returns a message naming    *|
|* the operand, the manifest field or the driver call.                        *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef LIQUID_C_RUNTIME_H
#define LIQUID_C_RUNTIME_H

#include <stdint.h>

#if defined(LIQUID_RUNTIME_CAPI_BUILD)
#define LIQUID_RUNTIME_CAPI_EXPORTED __attribute__((visibility("default")))
#else
#define LIQUID_RUNTIME_CAPI_EXPORTED
#endif

#ifdef __cplusplus
extern "C" {
#endif

/// The operands of a launch, in the order of the operandAddresses and
/// operandBytes arrays of liquidRuntimeLaunch (docs/Manifest.md, Operands.h).
typedef enum LiquidRuntimeOperand {
  LIQUID_RUNTIME_ACTIVATIONS = 0,    /* i8  [M, K]                          */
  LIQUID_RUNTIME_WEIGHTS = 1,        /* u8  [N, K/2] dual-MMA packed codes  */
  LIQUID_RUNTIME_GROUP_SCALES = 2,   /* u8  [N, K/G] s                      */
  LIQUID_RUNTIME_GROUP_OFFSETS = 3,  /* u8  [N, K/G] a                      */
  LIQUID_RUNTIME_CHANNEL_SCALES = 4, /* f32 [N] s1                          */
  LIQUID_RUNTIME_TOKEN_SCALES = 5,   /* f32 [M] sx                          */
  LIQUID_RUNTIME_XSUM = 6,           /* i32 [M]; 0/0 allowed in xor mode    */
  LIQUID_RUNTIME_OUT = 7,            /* f16 (or bf16) [M, N]                */
  LIQUID_RUNTIME_NUM_OPERANDS = 8,
} LiquidRuntimeOperand;

/// The message of the most recent failed call on the calling thread, or ""
/// if none has failed. Valid until the thread's next failing call.
LIQUID_RUNTIME_CAPI_EXPORTED const char *liquidRuntimeLastError(void);

/// Loads the cubin at `cubinPath`, described by the manifest at
/// `manifestPath`, into the CUDA context current on the calling thread (or
/// the primary context of device 0 when none is current). On success stores
/// an opaque kernel handle in *kernelOut (release it with
/// liquidRuntimeDestroy); on failure stores NULL.
LIQUID_RUNTIME_CAPI_EXPORTED int liquidRuntimeLoad(const char *cubinPath,
                                                   const char *manifestPath,
                                                   void **kernelOut);

/// Launches Y = X * W^T for `m` tokens on `stream` (a CUstream /
/// cudaStream_t; NULL is the legacy default stream). operandAddresses and
/// operandBytes each hold LIQUID_RUNTIME_NUM_OPERANDS entries in the order
/// of LiquidRuntimeOperand: the device address of each buffer and how many
/// bytes it holds. The problem (N, K, G) is the kernel's own; buffers that are
/// null, misaligned (16 bytes) or too small for `m`, and addresses that are
/// not device memory of the kernel's device and context (host memory, pinned
/// or not; another device's; managed memory is accepted), are refused. Not
/// thread-safe per kernel: serialize launches of one handle.
LIQUID_RUNTIME_CAPI_EXPORTED int
liquidRuntimeLaunch(void *kernel, const uint64_t *operandAddresses,
                    const uint64_t *operandBytes, int64_t m, void *stream);

/// The problem the kernel was compiled for: N, K, group size G and the
/// dequantization mode (0 xor, 1 offset). Null outputs are skipped.
LIQUID_RUNTIME_CAPI_EXPORTED int liquidRuntimeGetProblem(void *kernel,
                                                         int64_t *n,
                                                         int64_t *k,
                                                         int64_t *groupSize,
                                                         int *mode);

/// Releases a kernel handle (its module, descriptor buffer and workspace).
/// NULL is ignored. The caller must make sure no launch of it is still
/// running (synchronize its streams first).
LIQUID_RUNTIME_CAPI_EXPORTED void liquidRuntimeDestroy(void *kernel);

#ifdef __cplusplus
}
#endif

#endif /* LIQUID_C_RUNTIME_H */
