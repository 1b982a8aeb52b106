//===- Passes.td - liquid dialect passes -------------------*- tablegen -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DIALECT_LIQUID_TRANSFORMS_PASSES_TD
#define LIQUID_DIALECT_LIQUID_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def LiquidFromLinalg : Pass<"liquid-from-linalg"> {
  let summary = "Replace W4A8 linear layers written in linalg by liquid.w4a8_matmul";
  let description = [{
    Finds, on tensors, the chain that other compilers emit for a W4A8 linear
    layer and replaces it by `liquid.pack_weights` and `liquid.w4a8_matmul`
    (`mode = xor`, `layout = dual_mma`):

    1. a dequant `linalg.generic` over (n, k) reading 4-bit codes
       `q4 : i4 [N, K]` at (n, k) and the group scales `s` and offsets `a`
       (i8 or wider) at (n, k floordiv G), yielding the i8
       `trunci(extui(q4) * s + a - 128)` (any spelling equal modulo 256:
       `- 128`, `+ 128`, `xori 0x80`; s and a zero- or sign-extended);
    2. a contraction `acc[m, n] = sum_k x[m, k] * w8[n, k]`, i8 x i8 -> i32
       signed, from a zero `linalg.fill`: `linalg.matmul` with the
       transpose-B `indexing_maps`, `linalg.matmul` of a
       `linalg.transpose` of w8, or an equivalent `linalg.generic`;
    3. an epilogue `linalg.generic` yielding
       `truncf((sitofp(acc[m, n]) * sx[m]) * s1[n])` to f16 or bf16.

    G is 64, 128 or K; N and K are static multiples of 64; M is static or
    dynamic. A chain with this structure that differs in a detail (another
    group size, a shape the packed layout cannot hold, another rounding
    order) stays as it is, with a remark saying why. Everything else is
    left untouched. docs/FromLinalg.md lists the accepted forms.

    ```mlir
    // before
    %w8 = linalg.generic {indexing_maps = [#id, #group, #group, #id], ...}
            ins(%q4, %s, %a : tensor<4096x4096xi4>, tensor<4096x64xi8>,
                tensor<4096x64xi8>) outs(%e : tensor<4096x4096xi8>) {...}
    %acc = linalg.matmul indexing_maps = [#mk, #nk, #mn]
             ins(%x, %w8 : tensor<?x4096xi8>, tensor<4096x4096xi8>)
             outs(%zero : tensor<?x4096xi32>) -> tensor<?x4096xi32>
    %y = linalg.generic {...} ins(%acc, %sx, %s1 : ...)
           outs(%init : tensor<?x4096xf16>) {...}
    // after
    %packed = liquid.pack_weights %q4 : tensor<4096x4096xi4> -> tensor<4096x2048xi8>
    %y = liquid.w4a8_matmul act(%x : tensor<?x4096xi8>)
           weights(%packed : tensor<4096x2048xi8>)
           group_params(%s, %a : tensor<4096x64xi8>)
           channel_scales(%s1 : tensor<4096xf32>)
           token_scales(%sx : tensor<?xf32>)
           outs(%init : tensor<?x4096xf16>)
           group_size = 64 mode = xor layout = dual_mma -> tensor<?x4096xf16>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::liquid::LiquidDialect",
  ];
}

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
           "Largest token count a dynamic-M op is tuned for, in "
           "[1, 2^31 - 1]">,
    Option<"tokenTile", "token-tile", "int64_t", /*default=*/"0",
           "Force the token tile (0: from the table; at most 256)">,
    Option<"consumers", "consumers", "int64_t", /*default=*/"0",
           "Force the number of consumer warp groups (0: from the table; "
           "at most 4)">,
    Option<"stages", "stages", "int64_t", /*default=*/"0",
           "Force the pipeline depth (0: from the table; at most 16)">,
    Option<"splitK", "split-k", "int64_t", /*default=*/"0",
           "Force the number of K slices (0: from the table; at most 64)">,
    Option<"blocksPerSM", "blocks-per-sm", "int64_t", /*default=*/"0",
           "Force the thread blocks that share an SM (0: from the table; "
           "at most 4)">,
    Option<"cluster", "cluster", "int64_t", /*default=*/"0",
           "Force the blocks along N of a cluster that share the activation "
           "tile by TMA multicast (0: from the table; at most 4)">,
    Option<"streamK", "stream-k", "int64_t", /*default=*/"0",
           "Force the blocks of a stream-K round, among which the last "
           "partial round's k blocks are shared (0: from the table; 1: "
           "whole tiles only; at most 1024)">,
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
               wgmma.commit; wgmma.wait 1 (this stage's group stays
               in flight); arrive empty[(kb - 1) % S]
    epilogue:  acc * sx[m] * s1[n] -> f16, transposed store Y[m, n]
    ```

    With `split_k` = S > 1 the grid's z dimension selects one of S slices of
    K; each block stores its int32 partial sums to its slice's slab of the
    tile's workspace record, counts itself in on the tile's counter, and
    the block that completes the tile adds the other slabs to its own
    (integer sums: exact in any order), resets the counter and applies the
    epilogue.

    The kernel's parameters, in order (KernelABI.h): the weights' and the
    activations' TMA descriptors (pointers to `CUtensorMap` in global
    memory), the group scales, group offsets, channel scales, token scales,
    xsum, output and split-K workspace pointers, and M as i32
    (docs/Manifest.md).
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
