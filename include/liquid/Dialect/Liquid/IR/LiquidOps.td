//===- LiquidOps.td - liquid dialect operations ------------*- tablegen -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DIALECT_LIQUID_IR_LIQUIDOPS_TD
#define LIQUID_DIALECT_LIQUID_IR_LIQUIDOPS_TD

include "liquid/Dialect/Liquid/IR/LiquidDialect.td"
include "liquid/Dialect/Liquid/IR/LiquidAttrs.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Liquid_TensorOrMemRef : AnyTypeOf<[AnyRankedTensor, AnyMemRef],
                                      "ranked tensor or memref">;

def Liquid_W4A8MatmulOp : Liquid_Op<"w4a8_matmul", [
    DestinationStyleOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    AllTypesMatch<["group_scales", "group_offsets"]>]> {
  let summary = "W4A8 matrix product with LiquidQuant dequantization";
  let description = [{
    Computes `Y[M, N] = X[M, K] * W[N, K]^T` with int8 activations and 4-bit
    LiquidQuant weights:

    ```
    w8[n, k]  = q4[n, k] * s[n, g] + a[n, g] - 128          (g = k / G)
    acc[m, n] = sum_k x[m, k] * w8[n, k]                     (exact, int32)
    y[m, n]   = round_to_out_type(acc[m, n] * sx[m] * s1[n])
    ```

    Operands:
    - `activations` `x`: `i8 [M, K]`; M may be dynamic, K is static.
    - `weights` `q4`: `i4 [N, K]` (`layout = row_major`) or the dual-MMA
      packed bytes `i8 [N, K/2]` (`layout = dual_mma`).
    - `group_scales` `s` and `group_offsets` `a`: `i8 [N, K/G]` holding the
      unsigned bytes `s` in [1, 16] and `a` in [9, 247]; row-major with
      `layout = row_major`, in the dual-MMA group-parameter order
      (`liquid.pack_group_params`) with `layout = dual_mma`.
    - `channel_scales` `s1`: `f32 [N]`; `token_scales` `sx`: `f32 [M]`.
    - `xsum`: `i32 [M]`, the per-token sums of `x`; present exactly in
      `offset` mode, where the kernel multiplies unsigned `q8 + 128` weights
      and corrects `acc = acc_u - 128 * xsum[m]` in the epilogue.
    - `init`: the `f16` (or `bf16`) destination `[M, N]`. On tensors the op
      returns the updated destination; on memrefs it writes it.

    Attributes: `group_size` G (64, 128 or K, dividing K), `mode`
    (`xor` or `offset`), `layout` of the weights and, once
    `liquid-select-config` has run, the kernel `config`; once
    `liquid-warp-specialize` has generated the kernel, `kernel` names its
    `gpu.func` (launched through the runtime with the kernel's manifest).

    Example (LLaMA2-7B gate_up, G = 64, tensors):

    ```mlir
    %y = liquid.w4a8_matmul
           act(%x : tensor<?x4096xi8>)
           weights(%w : tensor<22016x2048xi8>)
           group_params(%s, %a : tensor<22016x64xi8>)
           channel_scales(%s1 : tensor<22016xf32>)
           token_scales(%sx : tensor<?xf32>)
           outs(%init : tensor<?x22016xf16>)
           group_size = 64 mode = xor layout = dual_mma
           -> tensor<?x22016xf16>
    ```
  }];

  let arguments = (ins
    Liquid_TensorOrMemRef:$activations,
    Liquid_TensorOrMemRef:$weights,
    Liquid_TensorOrMemRef:$group_scales,
    Liquid_TensorOrMemRef:$group_offsets,
    Liquid_TensorOrMemRef:$channel_scales,
    Liquid_TensorOrMemRef:$token_scales,
    Optional<Liquid_TensorOrMemRef>:$xsum,
    Liquid_TensorOrMemRef:$init,
    ConfinedAttr<I64Attr, [IntPositive]>:$group_size,
    Liquid_DequantModeAttr:$mode,
    Liquid_WeightLayoutAttr:$layout,
    OptionalAttr<Liquid_KernelConfigAttr>:$config,
    OptionalAttr<SymbolRefAttr>:$kernel
  );
  let results = (outs Optional<AnyRankedTensor>:$result);

  let assemblyFormat = [{
    `act` `(` $activations `:` type($activations) `)`
    `weights` `(` $weights `:` type($weights) `)`
    `group_params` `(` $group_scales `,` $group_offsets `:`
        type($group_scales) `)`
    `channel_scales` `(` $channel_scales `:` type($channel_scales) `)`
    `token_scales` `(` $token_scales `:` type($token_scales) `)`
    (`xsum` `(` $xsum^ `:` type($xsum) `)`)?
    `outs` `(` $init `:` type($init) `)`
    `group_size` `=` $group_size
    `mode` `=` `` $mode
    `layout` `=` `` $layout
    (`config` `=` $config^)?
    (`kernel` `=` $kernel^)?
    attr-dict (`->` type($result)^)?
  }];

  let extraClassDeclaration = [{
    /// DestinationStyleOpInterface: the destination `init`.
    ::mlir::MutableOperandRange getDpsInitsMutable() {
      return getInitMutable();
    }
    /// True for the tensor form, false for the memref form.
    bool hasTensorSemantics() {
      return ::llvm::isa<::mlir::RankedTensorType>(getInit().getType());
    }
    /// The reduction size K (static by construction of a verified op).
    int64_t getK();
    /// The number of output channels N.
    int64_t getN();
  }];

  let hasVerifier = 1;
}

def Liquid_PackWeightsOp : Liquid_Op<"pack_weights", [Pure]> {
  let summary = "Pack 4-bit weight codes into the dual-MMA layout";
  let description = [{
    Reorders the logical LiquidQuant codes `q4[N, K]` (row-major, one
    unsigned 4-bit code per element) into the `N * K / 2` bytes of the
    dual-MMA packed layout that `liquid.w4a8_matmul` reads with
    `layout = dual_mma`: per 64 x 64 block, the 16 bytes that one thread of
    the consumer warp group needs for two consecutive k32 wgmma steps lie
    together, the first step in the low nibbles and the second in the high
    nibbles. The permutation is the one of `liquid::quant::packDualMma`
    (`liquid/Quant/DualMmaLayout.h`, docs/DualMmaLayout.md); N and K must be
    positive multiples of 64.

    The op folds when its input is a constant: the weights of a model are
    then packed once, at compile time. `liquid-from-linalg` produces it.

    ```mlir
    %packed = liquid.pack_weights %codes : tensor<4096x4096xi4> -> tensor<4096x2048xi8>
    ```
  }];

  let arguments = (ins RankedTensorOf<[I<4>]>:$codes);
  let results = (outs RankedTensorOf<[I8]>:$packed);
  let assemblyFormat = [{
    $codes attr-dict `:` type($codes) `->` type($packed)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Liquid_PackGroupParamsOp : Liquid_Op<"pack_group_params", [Pure,
    AllTypesMatch<["params", "packed"]>]> {
  let summary = "Reorder LiquidQuant group parameters for the dual-MMA kernel";
  let description = [{
    Reorders one group-parameter array (`s` or `a`, `i8 [N, K/G]`, row-major)
    into the order `liquid.w4a8_matmul` reads with `layout = dual_mma`: per
    64-row block and group, the parameters of the rows of the consumer warp
    group's 32 lane quads (`16w + l/4` and `16w + l/4 + 8`) as one byte pair
    per quad, the quads in order: 64 contiguous bytes, which the kernel
    copies into a pipeline stage with one TMA box. The permutation is
    `liquid::quant::packGroupParams`
    (`liquid/Quant/DualMmaLayout.h`); N must be a positive multiple of 64.

    Folds when its operand is a constant. `liquid-from-linalg` produces it.

    ```mlir
    %packed = liquid.pack_group_params %s : tensor<4096x64xi8>
    ```
  }];

  let arguments = (ins RankedTensorOf<[I8]>:$params);
  let results = (outs RankedTensorOf<[I8]>:$packed);
  let assemblyFormat = [{
    $params attr-dict `:` type($params)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // LIQUID_DIALECT_LIQUID_IR_LIQUIDOPS_TD
