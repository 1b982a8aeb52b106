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

def Liquid_KernelConfigAttr : AttrDef<Liquid_Dialect, "KernelConfig"> {
  let mnemonic = "config";
  let summary = "tile sizes and pipeline depth of the generated kernel";
  let description = [{
    How the kernel of one `liquid.w4a8_matmul` is shaped (DESIGN §3):
    - `token_tile`: tokens (M) per thread block, the N of the swapped
      `wgmma m64nNk32` (a legal integer-wgmma N, at most 256);
    - `consumers`: consumer warp groups, each owning 64 weight rows, so a
      block covers `64 * consumers` output channels;
    - `stages`: depth of the shared-memory ring between the TMA producer and
      the consumers; each stage holds 64 k of weights and activations;
    - `split_k` (default 1, printed only when larger): blocks that share one
      output tile, each reducing a contiguous slice of K. Their int32 partial
      sums meet in a workspace (exact, order-independent atomic adds) and the
      last block to finish applies the epilogue.
    - `blocks_per_sm` (default 1, printed only when larger): blocks of the
      kernel that share one SM.
    - `cluster` (default 1, printed only when larger): blocks along N that
      form one thread-block cluster and share their activation tile: each
      loads `token_tile / cluster` tokens of a stage and TMA-multicasts them
      into every block of the cluster, so the cluster reads the tile from L2
      once instead of `cluster` times.
    - `stream_k` (default 1, printed only when larger): blocks in a round of
      the SMs' slots (132 x `blocks_per_sm` on an H100 SXM). Tiles that fill
      whole rounds run one block each; the tiles of the last, partial round
      are spread over up to a round of blocks, each reducing an equal,
      contiguous share of their k blocks (stream-K). A tile whose k blocks
      several blocks share meets their int32 partial sums in a workspace;
      the block that holds its last k block waits for the others and applies
      the epilogue. 1: whole tiles only. A multiple of `cluster`; excludes
      `split_k`.

    ```mlir
    #liquid.config<token_tile = 64, consumers = 2, stages = 8>
    #liquid.config<token_tile = 16, consumers = 2, stages = 8, split_k = 4>
    #liquid.config<token_tile = 8, consumers = 2, stages = 8, split_k = 2,
                   blocks_per_sm = 2>
    #liquid.config<token_tile = 256, consumers = 2, stages = 8, cluster = 2>
    #liquid.config<token_tile = 128, consumers = 2, stages = 16,
                   stream_k = 132>
    ```
  }];
  let parameters = (ins "int64_t":$tokenTile, "int64_t":$consumers,
                        "int64_t":$stages,
                        DefaultValuedParameter<"int64_t", "1">:$splitK,
                        DefaultValuedParameter<"int64_t", "1">:$blocksPerSM,
                        DefaultValuedParameter<"int64_t", "1">:$cluster,
                        DefaultValuedParameter<"int64_t", "1">:$streamK);
  // split_k, blocks_per_sm, cluster and stream_k are all optional and all
  // follow a comma, which optional groups cannot tell apart: a custom
  // directive parses them.
  let assemblyFormat = [{
    `<` `token_tile` `=` $tokenTile `,` `consumers` `=` $consumers `,`
        `stages` `=` $stages `` custom<OptionalConfigFields>($splitK, $blocksPerSM,
                                                   $cluster, $streamK)
    `>`
  }];
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The widest wgmma N.
    static constexpr int64_t kMaxTokenTile = 256;
    /// Consumer warp groups that the register file can feed.
    static constexpr int64_t kMaxConsumers = 4;
    static constexpr int64_t kMaxStages = 16;
    /// Blocks one output tile may be split over along K.
    static constexpr int64_t kMaxSplitK = 64;
    /// Blocks that may share one SM.
    static constexpr int64_t kMaxBlocksPerSM = 4;
    /// Blocks of one cluster; every block still receives whole 512-byte
    /// swizzle periods of activations (token_tile / cluster >= 8).
    static constexpr int64_t kMaxCluster = 4;
    /// Blocks in a stream-K round: four blocks per SM of a 256-SM part.
    static constexpr int64_t kMaxStreamK = 1024;
    /// Dynamic shared memory one Hopper block may use (227 KB).
    static constexpr int64_t kMaxSharedMemoryBytes = 232448;
    /// Alignment of the stage ring in shared memory; the launch asks for
    /// this much on top of the ring (KernelABI.h explains the value).
    static constexpr int64_t kRingAlignment = 512;
    /// Bytes of one ring stage: a packed 64 x 64 weight block per consumer
    /// (DualMmaLayout.h), then token_tile rows of 64 int8 activations.
    static int64_t getWeightStageBytes(int64_t consumers);
    static int64_t getActivationStageBytes(int64_t tokenTile);
    /// Bytes of one of s and a in a stage's group parameters: 64 per
    /// consumer, padded to a 128-byte boundary (a TMA destination).
    static int64_t getGroupParamArrayBytes(int64_t consumers);
    /// Bytes of one stage's group parameters, kept after the ring's stages:
    /// its s, then its a (getGroupParamArrayBytes each).
    static int64_t getGroupParamStageBytes(int64_t consumers) {
      return 2 * getGroupParamArrayBytes(consumers);
    }
    /// Shared memory one stage takes: its weights, activations and group
    /// parameters.
    static int64_t getStageFootprintBytes(int64_t tokenTile,
                                          int64_t consumers) {
      return getWeightStageBytes(consumers) +
             getActivationStageBytes(tokenTile) +
             getGroupParamStageBytes(consumers);
    }
    /// Shared memory of the whole ring with the slack that aligns it.
    static int64_t getStageRingBytes(int64_t tokenTile, int64_t consumers,
                                     int64_t stages) {
      return stages * getStageFootprintBytes(tokenTile, consumers) +
             kRingAlignment;
    }
    /// Narrowest token tile whose epilogue stages the output tile in shared
    /// memory and copies whole token rows to Y. An 8-token tile's thread
    /// holds four outputs and stores them directly: staging measured 1 - 2 %
    /// slower at M = 1 (bench/results/2026-11-21-h100-session9).
    static constexpr int64_t kMinStagedTokenTile = 16;
    static bool stagesOutput(int64_t tokenTile) {
      return tokenTile >= kMinStagedTokenTile;
    }
    /// A token row of a consumer's staged output tile: its 64 channels
    /// (DualMmaLayout::kBlockRows) of 16 bits.
    static constexpr int64_t kOutputStagingRowBytes = 128;
    /// Bytes the epilogue stages the block's output tile in: token_tile rows
    /// per consumer, over the stage ring; 0 where it stores directly.
    static int64_t getOutputStagingBytes(int64_t tokenTile,
                                         int64_t consumers);
    /// Dynamic shared memory to launch with: the ring or the output staging
    /// over it, whichever is larger, with the slack that aligns it.
    static int64_t getSharedMemoryBytes(int64_t tokenTile, int64_t consumers,
                                        int64_t stages) {
      return std::max(getStageRingBytes(tokenTile, consumers, stages),
                      getOutputStagingBytes(tokenTile, consumers) +
                          kRingAlignment);
    }
    /// Dynamic shared memory each of `blocksPerSM` blocks may use: an SM's
    /// 228 KB split evenly, less the 1 KB the hardware reserves per block.
    static int64_t getSharedMemoryPerBlock(int64_t blocksPerSM) {
      constexpr int64_t kSharedMemoryPerSM = 228 * 1024;
      constexpr int64_t kReservedPerBlock = 1024;
      return std::min(kMaxSharedMemoryBytes,
                      kSharedMemoryPerSM / blocksPerSM - kReservedPerBlock);
    }
  }];
}

#endif // LIQUID_DIALECT_LIQUID_IR_LIQUIDATTRS_TD
