//===- LiquidGPUOps.td - liquid_gpu hardware-level ops -----*- tablegen -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// What upstream MLIR cannot say about the liquid kernel on Hopper:
// warp-group roles with register budgets, the dual-MMA weight fragment load,
// the LiquidQuant register dequantization and the register-A integer wgmma
// (nvgpu.warpgroup.mma rejects i8 and nvvm.wgmma.mma_async takes A only from
// shared memory), and the L2 cache policy of a TMA load (nvgpu.tma.async.load
// has no cache-hint operand).
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DIALECT_LIQUIDGPU_IR_LIQUIDGPUOPS_TD
#define LIQUID_DIALECT_LIQUIDGPU_IR_LIQUIDGPUOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def LiquidGPU_Dialect : Dialect {
  let name = "liquid_gpu";
  let cppNamespace = "::mlir::liquid_gpu";
  let summary = "Hopper-level operations of the liquid W4A8 kernel";
  let useDefaultAttributePrinterParser = 1;
}

class LiquidGPU_Op<string mnemonic, list<Trait> traits = []>
    : Op<LiquidGPU_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def LiquidGPU_NibbleLow : I32EnumAttrCase<"Low", 0, "low">;
def LiquidGPU_NibbleHigh : I32EnumAttrCase<"High", 1, "high">;
def LiquidGPU_Nibble : I32EnumAttr<"Nibble",
    "which half of each packed byte a dequantization reads",
    [LiquidGPU_NibbleLow, LiquidGPU_NibbleHigh]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::liquid_gpu";
}
def LiquidGPU_NibbleAttr : EnumAttr<LiquidGPU_Dialect, LiquidGPU_Nibble,
                                    "nibble">;

def LiquidGPU_OperandS8 : I32EnumAttrCase<"S8", 0, "s8">;
def LiquidGPU_OperandU8 : I32EnumAttrCase<"U8", 1, "u8">;
def LiquidGPU_IntOperandType : I32EnumAttr<"IntOperandType",
    "signedness of the register-sourced A operand of an integer wgmma",
    [LiquidGPU_OperandS8, LiquidGPU_OperandU8]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::mlir::liquid_gpu";
}
def LiquidGPU_IntOperandTypeAttr
    : EnumAttr<LiquidGPU_Dialect, LiquidGPU_IntOperandType, "int_type">;

//===----------------------------------------------------------------------===//
// warp_specialize
//===----------------------------------------------------------------------===//

def LiquidGPU_WarpSpecializeOp : LiquidGPU_Op<"warp_specialize", [
    SingleBlock, NoTerminator, RecursiveMemoryEffects]> {
  let summary = "warp-group roles of the implicit fine-grained pipeline";
  let description = [{
    Splits the thread block into one producer warp group (warp group 0) and
    `consumers` consumer warp groups (1 ... consumers), so the block has
    `128 * (consumers + 1)` threads. The producer region runs on warp group 0
    after `setmaxnreg.dec` to `producer_registers`; the consumer region runs
    on every consumer warp group after `setmaxnreg.inc` to
    `consumer_registers`, with the consumer's index (0-based) as its block
    argument.

    `setmaxnreg` moves registers within the block's own pool: every thread
    starts with the registers ptxas gives it at entry, which depend on the
    block size and on how many blocks share the SM (`blocks_per_sm`, default
    1, the kernel's `.minnctapersm`): the 64K-register file split evenly, in
    multiples of 8, at most 255 (`getEntryRegisters`). The budgets must fit
    that pool, `128 * (producer_registers + consumers * consumer_registers)
    <= threads * entry registers`; a consumer asking for more would wait for
    registers that never come free.

    ```mlir
    liquid_gpu.warp_specialize consumers = 2 registers(40, 232) producer {
      // TMA loads into the stage ring
    } consumer(%cid : index) {
      // fragment loads, dequantization, wgmma, epilogue
    }
    liquid_gpu.warp_specialize consumers = 2 registers(40, 96)
        blocks_per_sm = 2 producer { ... } consumer(%cid : index) { ... }
    ```
  }];
  let arguments = (ins
    ConfinedAttr<I64Attr, [IntMinValue<1>, IntMaxValue<7>]>:$consumers,
    ConfinedAttr<I64Attr, [IntMinValue<24>, IntMaxValue<256>]>:$producer_registers,
    ConfinedAttr<I64Attr, [IntMinValue<24>, IntMaxValue<256>]>:$consumer_registers,
    DefaultValuedAttr<ConfinedAttr<I64Attr, [IntMinValue<1>, IntMaxValue<16>]>,
                      "1">:$blocks_per_sm);
  let regions = (region SizedRegion<1>:$producer, SizedRegion<1>:$consumer);
  let assemblyFormat = [{
    `consumers` `=` $consumers
    `registers` `(` $producer_registers `,` $consumer_registers `)`
    (`blocks_per_sm` `=` $blocks_per_sm^)?
    `producer` $producer
    `consumer` $consumer
    attr-dict
  }];
  let extraClassDeclaration = [{
    /// Threads of one warp group.
    static constexpr int64_t kWarpGroupSize = 128;
    /// Threads of a block of `consumers` consumer warp groups and the
    /// producer.
    static int64_t getNumThreads(int64_t consumers) {
      return kWarpGroupSize * (consumers + 1);
    }
    /// Threads of the whole block: the producer and the consumers.
    int64_t getNumThreads() { return getNumThreads(getConsumers()); }
    /// Registers per thread at kernel entry for a block of `consumers` + 1
    /// warp groups of which `blocksPerSM` share an SM.
    static int64_t getEntryRegisters(int64_t consumers, int64_t blocksPerSM);
    /// The most registers each consumer thread can grow to when the producer
    /// keeps `producerRegisters`, in multiples of 8, at most 256.
    static int64_t getMaxConsumerRegisters(int64_t consumers,
                                           int64_t blocksPerSM,
                                           int64_t producerRegisters);
    /// The consumer's index, the consumer region's block argument.
    ::mlir::BlockArgument getConsumerIndex() {
      return getConsumer().front().getArgument(0);
    }
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// load_weight_fragment
//===----------------------------------------------------------------------===//

def LiquidGPU_LoadWeightFragmentOp : LiquidGPU_Op<"load_weight_fragment", [
    MemoryEffects<[MemRead]>]> {
  let summary = "one thread's packed weights for two k32 wgmma steps";
  let description = [{
    Reads, from a stage's shared-memory weight buffer
    `memref<consumers x 2048 x i8, workgroup>` holding one dual-MMA packed
    64 x 64 block per consumer, the 16 bytes the calling thread of consumer
    `consumer` needs for two consecutive k32 register-A wgmma: four 32-bit
    words, word `r` holding the codes of A register `r` of the first step in
    its low nibbles and of the second step in its high nibbles.
    `liquid-dual-mma-layout` turns it into one 128-bit shared load at the
    thread's offset in the block.

    ```mlir
    %f = liquid_gpu.load_weight_fragment %buf[%cid]
           : memref<2x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
    ```
  }];
  let arguments = (ins MemRefRankOf<[I8], [2]>:$buffer, Index:$consumer);
  let results = (outs FixedVectorOfLengthAndType<[4], [I32]>:$fragment);
  let assemblyFormat = [{
    $buffer `[` $consumer `]` attr-dict `:` type($buffer) `->` type($fragment)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// dequant
//===----------------------------------------------------------------------===//

def LiquidGPU_DequantOp : LiquidGPU_Op<"dequant", [Pure]> {
  let summary = "LiquidQuant dequantization of four 4-bit codes in a register";
  let description = [{
    Takes the `nibble` half of each byte of `packed` (four 4-bit codes q4),
    spreads them one per byte and computes, per byte lane,
    `q4 * scale + offset`, which is `q8 + 128` and cannot carry into the
    next lane (`q4 * s <= 240`, `q4 * s + a <= 255`). In `xor` mode
    (`signed`) the result is then XORed with 0x80808080, giving four signed
    int8 `q8` for an `s8 x s8` MMA; otherwise the four bytes stay unsigned
    `q8 + 128` for a `u8 x s8` MMA. `scale` is `s` and `offset` is `a`, each
    an i32 holding one byte.

    ```mlir
    %r = liquid_gpu.dequant %w, %s, %a nibble = low signed : i32
    ```
  }];
  let arguments = (ins I32:$packed, I32:$scale, I32:$offset,
                       LiquidGPU_NibbleAttr:$nibble, UnitAttr:$signed_result);
  let results = (outs I32:$result);
  let assemblyFormat = [{
    $packed `,` $scale `,` $offset `nibble` `=` `` $nibble (`signed` $signed_result^)?
    attr-dict `:` type($result)
  }];
}

//===----------------------------------------------------------------------===//
// wgmma_rs
//===----------------------------------------------------------------------===//

def LiquidGPU_WgmmaRSOp : LiquidGPU_Op<"wgmma_rs", [
    AllTypesMatch<["accumulator", "result"]>]> {
  let summary = "integer wgmma m64nNk32 with A from registers";
  let description = [{
    One warp-group `wgmma.mma_async.sync.aligned.m64n<N>k32.s32.<a>.s8`:
    `result = accumulator + A * B` where A (64 x 32 int8, signed or unsigned
    per `a_type`) comes from the four 32-bit registers `a` of each thread in
    the wgmma fragment layout, and B (N x 32 int8, K-major) from shared
    memory through the 64-bit matrix descriptor `b_descriptor`. The
    accumulator holds the thread's `N / 2` int32 values. Asynchronous: it
    must sit between `wgmma.fence` and `wgmma.commit_group`, and its registers
    must not be reused before a `wgmma.wait_group` retires it.

    ```mlir
    %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 64 a_type = s8
           : vector<32xi32>, vector<4xi32>
    ```
  }];
  let arguments = (ins FixedVectorOfRankAndType<[1], [I32]>:$accumulator,
                       FixedVectorOfLengthAndType<[4], [I32]>:$a,
                       I64:$b_descriptor,
                       ConfinedAttr<I64Attr, [IntMinValue<8>, IntMaxValue<256>]>:$n,
                       LiquidGPU_IntOperandTypeAttr:$a_type);
  let results = (outs FixedVectorOfRankAndType<[1], [I32]>:$result);
  let assemblyFormat = [{
    $accumulator `,` $a `,` $b_descriptor `n` `=` $n `a_type` `=` `` $a_type
    attr-dict `:` type($accumulator) `,` type($a)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// tma_l2_policy
//===----------------------------------------------------------------------===//

def LiquidGPU_TensorMapDescriptor : Type<
    CPred<"::llvm::isa<::mlir::nvgpu::TensorMapDescriptorType>($_self)">,
    "TMA tensor map descriptor", "::mlir::nvgpu::TensorMapDescriptorType">;

def LiquidGPU_TmaL2PolicyOp : LiquidGPU_Op<"tma_l2_policy", [Pure,
    AllTypesMatch<["tensor_map", "result"]>]> {
  let summary = "an L2 cache policy for the TMA loads through a tensor map";
  let description = [{
    Returns `tensor_map` unchanged and gives every TMA load that reads
    through the result the L2 cache policy `policy`, a 64-bit value of
    PTX `createpolicy` (an eviction priority for the lines the load brings
    into L2). `nvgpu.tma.async.load` has no cache-hint operand, so the
    policy rides on its tensor map through `convert-nvgpu-to-nvvm`;
    `liquid-tma-l2-policy` then sets it as the `l2_cache_hint` of the
    `nvvm.cp.async.bulk.tensor` loads and removes this op.

    ```mlir
    %hinted = liquid_gpu.tma_l2_policy %map, %policy
                : !nvgpu.tensormap.descriptor<...>
    ```
  }];
  let arguments = (ins LiquidGPU_TensorMapDescriptor:$tensor_map,
                       I64:$policy);
  let results = (outs LiquidGPU_TensorMapDescriptor:$result);
  let assemblyFormat = [{
    $tensor_map `,` $policy attr-dict `:` type($tensor_map)
  }];
}

#endif // LIQUID_DIALECT_LIQUIDGPU_IR_LIQUIDGPUOPS_TD
