//===- Passes.td - liquid dialect passes -------------------*- tablegen -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DIALECT_LIQUID_TRANSFORMS_PASSES_TD
#define LIQUID_DIALECT_LIQUID_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def LiquidSelectConfig : Pass<"liquid-select-config"> {
  let summary = "Choose the kernel configuration of each liquid.w4a8_matmul";
  let description = [{
    Attaches `config = #liquid.config<...>` to every `liquid.w4a8_matmul`
    that has none, from the configuration table of
    `liquid/Dialect/Liquid/Transforms/KernelConfig.h`, keyed by the token
    count (the static M, or `m-max` when M is dynamic), N and K. Options
    override single fields. An op that already carries a config keeps it.

    ```mlir
    // before
    %y = liquid.w4a8_matmul ... group_size = 64 mode = xor layout = dual_mma
    // after (M <= 16)
    %y = liquid.w4a8_matmul ... group_size = 64 mode = xor layout = dual_mma
           config = <token_tile = 16, consumers = 2, stages = 8>
    ```
  }];
  let options = [
    Option<"mMax", "m-max", "int64_t", /*default=*/"256",
           "Largest token count a dynamic-M op is tuned for">,
    Option<"tokenTile", "token-tile", "int64_t", /*default=*/"0",
           "Force the token tile (0: from the table)">,
    Option<"consumers", "consumers", "int64_t", /*default=*/"0",
           "Force the number of consumer warp groups (0: from the table)">,
    Option<"stages", "stages", "int64_t", /*default=*/"0",
           "Force the pipeline depth (0: from the table)">,
  ];
}

def LiquidWarpSpecialize : Pass<"liquid-warp-specialize", "ModuleOp"> {
  let summary = "Generate the warp-specialized (ImFP) kernel of each matmul";
  let description = [{
    For every memref-form `liquid.w4a8_matmul` with a `config`, generates a
    kernel `gpu.func` in the `gpu.module @liquid_kernels` and records it in
    the op's `kernel` attribute. The kernel computes `Y^T = W * X^T` (swap
    AB): one producer warp group streams packed weight and activation tiles
    with TMA into a ring of `stages` shared-memory stages guarded by
    mbarriers; `consumers` consumer warp groups each own 64 weight rows,
    load their weight fragment, dequantize it in registers and issue
    register-A wgmma at once (`liquid_gpu.warp_specialize`).

    Schedule of one consumer over the K loop (S = stages):

    ```
    kb:        0        1        2      ...   K/64-1
    producer:  TMA s0   TMA s1   TMA s2 ...   (waits on empty[kb % S])
    consumer:  wait full[kb % S]
               ld.shared.v4 (16 B: 2 x k32 of its 64 rows)
               dequant lo -> A0..A3    dequant hi -> A4..A7
               wgmma.fence; wgmma k32 #0 (A0..3); wgmma k32 #1 (A4..7)
               wgmma.commit; wgmma.wait 0; arrive empty[kb % S]
    epilogue:  acc * sx[m] * s1[n] -> f16, transposed store Y[m, n]
    ```

    The kernel's parameters, in order: the weights' and the activations'
    TMA descriptors (pointers to `CUtensorMap` in global memory), the group
    scales, group offsets, channel scales, token scales, xsum and output
    pointers, and M as i32 (docs/Manifest.md).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::nvgpu::NVGPUDialect",
    "::mlir::NVVM::NVVMDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
    "::mlir::liquid_gpu::LiquidGPUDialect",
  ];
}

def LiquidDualMmaLayout : Pass<"liquid-dual-mma-layout"> {
  let summary = "Lower weight fragment loads to the dual-MMA packed layout";
  let description = [{
    Rewrites every `liquid_gpu.load_weight_fragment` into the address of
    the calling thread's 16 bytes in the packed 64 x 64 block of its
    consumer (`consumer * 2048 + 16 * (tid % 128)`, DualMmaLayout.h) and
    one 128-bit `vector.load` from shared memory (`ld.shared.v4.b32`):
    consecutive threads read consecutive 16-byte chunks, so a warp's load is
    free of bank conflicts without any swizzle.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def LiquidLowerDequant : Pass<"liquid-lower-dequant"> {
  let summary = "Lower LiquidQuant dequantization to IMAD/XOR inline PTX";
  let description = [{
    Rewrites every `liquid_gpu.dequant` into the nibble spread
    (`and.b32` with 0x0F0F0F0F, after `shr.b32` by 4 for the high half) and
    one pure inline PTX block: `mad.lo.u32 r, q, s, a * 0x01010101` followed,
    in xor mode, by `xor.b32 r, r, 0x80808080`. Eight weights then cost 7
    integer instructions in xor mode and 5 in offset mode.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::LLVM::LLVMDialect",
  ];
}

#endif // LIQUID_DIALECT_LIQUID_TRANSFORMS_PASSES_TD
