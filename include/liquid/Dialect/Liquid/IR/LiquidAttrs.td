//===- LiquidAttrs.td - liquid dialect attributes ----------*- tablegen -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DIALECT_LIQUID_IR_LIQUIDATTRS_TD
#define LIQUID_DIALECT_LIQUID_IR_LIQUIDATTRS_TD

include "liquid/Dialect/Liquid/IR/LiquidDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Liquid_DequantModeXor : I32EnumAttrCase<"Xor", 0, "xor">;
def Liquid_DequantModeOffset : I32EnumAttrCase<"Offset", 1, "offset">;

def Liquid_DequantMode : I32EnumAttr<"DequantMode",
    "how dequantized weight bytes enter the int8 tensor core",
    [Liquid_DequantModeXor, Liquid_DequantModeOffset]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::liquid";
  let description = [{
    Both modes first compute `r * s + a * 0x01010101` on a register of four
    codes spread one per byte, giving bytes `q8 + 128`.
    - `xor`: then XOR with `0x80808080`, giving signed int8 `q8` for an
      `s8 x s8` MMA (the LiquidGEMM paper's form).
    - `offset`: keep the unsigned bytes for a `u8 x s8` MMA and subtract
      `128 * xsum[m]` in the epilogue; needs the per-token activation sums.
  }];
}

def Liquid_DequantModeAttr
    : EnumAttr<Liquid_Dialect, Liquid_DequantMode, "dequant_mode">;

def Liquid_WeightLayoutRowMajor : I32EnumAttrCase<"RowMajor", 0, "row_major">;
def Liquid_WeightLayoutDualMma : I32EnumAttrCase<"DualMma", 1, "dual_mma">;

def Liquid_WeightLayout : I32EnumAttr<"WeightLayout",
    "how the 4-bit weight codes are stored",
    [Liquid_WeightLayoutRowMajor, Liquid_WeightLayoutDualMma]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::liquid";
  let description = [{
    - `row_major`: the logical codes, an `i4` tensor/memref `[N, K]`.
    - `dual_mma`: the packed form the kernel reads, an `i8` tensor/memref
      `[N, K/2]` holding two codes per byte, permuted so that the 16 bytes one
      thread needs for two consecutive k32 wgmma steps are contiguous
      (docs/DualMmaLayout.md). N and K must be multiples of 64.
  }];
}

def Liquid_WeightLayoutAttr
    : EnumAttr<Liquid_Dialect, Liquid_WeightLayout, "weight_layout">;

#endif // LIQUID_DIALECT_LIQUID_IR_LIQUIDATTRS_TD
