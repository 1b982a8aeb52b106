//===- Passes.td - liquid conversion passes ----------------*- tablegen -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_CONVERSION_PASSES_TD
#define LIQUID_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertLiquidToNVVM : Pass<"convert-liquid-to-nvvm"> {
  let summary = "Lower the liquid_gpu ops to NVVM and inline PTX";
  let description = [{
    - `liquid_gpu.warp_specialize` becomes a branch on the warp-group index
      `tid.x / 128`: warp group 0 runs the producer after
      `setmaxnreg.dec.sync.aligned.u32`, the others the consumer (with index
      `tid.x / 128 - 1`) after `setmaxnreg.inc.sync.aligned.u32`.
    - `liquid_gpu.wgmma_rs` becomes the inline PTX
      `wgmma.mma_async.sync.aligned.m64n<N>k32.s32.<s8|u8>.s8` with the four A
      registers, the B descriptor and the N/2 accumulators tied in and out.
    - `liquid_gpu.load_weight_fragment` and `liquid_gpu.dequant`, if still
      present, are lowered as `liquid-dual-mma-layout` and
      `liquid-lower-dequant` do.

    `liquid_gpu.tma_l2_policy` stays for `liquid-tma-l2-policy`. The result
    is ready for upstream `convert-nvgpu-to-nvvm` (then
    `liquid-tma-l2-policy`), `convert-scf-to-cf`, `convert-gpu-to-nvvm` and
    `convert-nvvm-to-llvm`.

    ```mlir
    // before
    %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 8 a_type = s8
           : vector<4xi32>, vector<4xi32>
    // after
    %r = llvm.inline_asm has_side_effects asm_dialect = att
           "{ .reg .pred p; setp.ne.b32 p, $9, 0; wgmma.mma_async.sync.aligned.m64n8k32.s32.s8.s8 {$0, $1, $2, $3}, {$4, $5, $6, $7}, $8, p; }",
           "=r,=r,=r,=r,r,r,r,r,l,r,0,1,2,3" ...
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::NVVM::NVVMDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def LiquidTmaL2Policy : Pass<"liquid-tma-l2-policy"> {
  let summary = "Give TMA loads the L2 cache policy of their tensor map";
  let description = [{
    Runs after `convert-nvgpu-to-nvvm`. Every
    `nvvm.cp.async.bulk.tensor.shared.cluster.global` whose tensor map is,
    through unrealized casts, the result of a `liquid_gpu.tma_l2_policy`
    gets that op's policy as its `l2_cache_hint` (PTX
    `.L2::cache_hint`); the `liquid_gpu.tma_l2_policy` ops are then
    replaced by their tensor map. A load that already carries a hint keeps
    it.

    ```mlir
    // before
    %h = liquid_gpu.tma_l2_policy %map, %policy : !nvgpu.tensormap.descriptor<...>
    %p = builtin.unrealized_conversion_cast %h : !nvgpu.tensormap.descriptor<...> to !llvm.ptr
    nvvm.cp.async.bulk.tensor.shared.cluster.global %dst, %p, %bar, box[%c0, %c1] : ...
    // after
    %p = builtin.unrealized_conversion_cast %map : !nvgpu.tensormap.descriptor<...> to !llvm.ptr
    nvvm.cp.async.bulk.tensor.shared.cluster.global %dst, %p, %bar, box[%c0, %c1] l2_cache_hint = %policy : ...
    ```
  }];
  let dependentDialects = ["::mlir::NVVM::NVVMDialect"];
}

def LiquidExternDynamicSharedMemory
    : Pass<"liquid-extern-dynamic-shared-memory"> {
  let summary = "Give the dynamic shared-memory array external linkage";
  let description = [{
    `convert-gpu-to-nvvm` names the start of a kernel's dynamic shared memory
    with a zero-sized `addr_space = 3` array of internal linkage. The NVPTX
    back end turns that into an ordinary static `.shared` variable, which
    ptxas may place below the kernel's other static shared variables (the
    stage ring's mbarriers): the dynamic region then overlaps them. This
    pass makes every zero-sized shared array an external declaration, which
    NVPTX prints as `.extern .shared .align A .b8 name[];` and ptxas places
    after all static shared memory, as CUDA's `extern __shared__` arrays.
    A zero-sized shared array with an initializer is an error.

    ```mlir
    // before
    llvm.mlir.global internal @__dynamic_shmem__0()
        {addr_space = 3 : i32, alignment = 16 : i64} : !llvm.array<0 x i8>
    // after
    llvm.mlir.global external @__dynamic_shmem__0()
        {addr_space = 3 : i32, alignment = 16 : i64} : !llvm.array<0 x i8>
    ```
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // LIQUID_CONVERSION_PASSES_TD
