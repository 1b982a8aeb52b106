// RUN: liquid-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// warp_specialize
//===----------------------------------------------------------------------===//

func.func @producer_with_argument() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op the producer region takes no arguments}}
  liquid_gpu.warp_specialize consumers = 2 registers(40, 232) producer {
  ^bb0(%x: index):
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

func.func @consumer_without_index() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op the consumer region takes exactly one 'index' argument, the consumer's warp-group index}}
  liquid_gpu.warp_specialize consumers = 2 registers(40, 232) producer {
  } consumer {
  }
  return
}

// -----

func.func @consumer_index_not_index() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op the consumer region takes exactly one 'index' argument, the consumer's warp-group index}}
  liquid_gpu.warp_specialize consumers = 2 registers(40, 232) producer {
  } consumer {
  ^bb0(%cid: i32):
  }
  return
}

// -----

func.func @consumer_two_arguments() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op the consumer region takes exactly one 'index' argument, the consumer's warp-group index}}
  liquid_gpu.warp_specialize consumers = 2 registers(40, 232) producer {
  } consumer {
  ^bb0(%cid: index, %other: index):
  }
  return
}

// -----

func.func @producer_two_blocks() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op expects region #0 to have 0 or 1 blocks}}
  liquid_gpu.warp_specialize consumers = 1 registers(40, 232) producer {
    cf.br ^bb1
  ^bb1:
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

func.func @producer_budget_not_multiple_of_8() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op register budgets must be multiples of 8 (setmaxnreg), got 36 and 232}}
  liquid_gpu.warp_specialize consumers = 2 registers(36, 232) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

func.func @consumer_budget_not_multiple_of_8() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op register budgets must be multiples of 8 (setmaxnreg), got 40 and 228}}
  liquid_gpu.warp_specialize consumers = 2 registers(40, 228) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

// 128 * (40 + 2 * 248) = 68608 registers; 384 threads start with 168 each.
func.func @budgets_over_register_file() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op register budgets need 68608 registers, more than the 64512 that 384 threads start with when 1 block(s) share an SM}}
  liquid_gpu.warp_specialize consumers = 2 registers(40, 248) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

// 128 * (40 + 3 * 232) = 94208 registers: three consumers need smaller budgets.
func.func @three_consumers_over_register_file() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op register budgets need 94208 registers, more than the 65536 that 512 threads start with when 1 block(s) share an SM}}
  liquid_gpu.warp_specialize consumers = 3 registers(40, 232) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

// 128 * (72 + 7 * 64) = 66560 registers: one step over the limit.
func.func @seven_consumers_over_register_file() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op register budgets need 66560 registers, more than the 65536 that 1024 threads start with when 1 block(s) share an SM}}
  liquid_gpu.warp_specialize consumers = 7 registers(72, 64) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

// Four consumers: 640 threads start with 96 registers each (65536 / 640,
// rounded down to 8), a pool of 61440, less than the 64K register file:
// 128 * (40 + 4 * 112) = 62464 fits the file but not the pool, and the
// consumers' setmaxnreg.inc would wait forever.
func.func @four_consumers_over_pool() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op register budgets need 62464 registers, more than the 61440 that 640 threads start with when 1 block(s) share an SM}}
  liquid_gpu.warp_specialize consumers = 4 registers(40, 112) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

// Two blocks per SM halve the pool: 384 threads start with 80 registers,
// 30720 in all; 128 * (40 + 2 * 104) = 31744 (96 would fit).
func.func @two_blocks_over_pool() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op register budgets need 31744 registers, more than the 30720 that 384 threads start with when 2 block(s) share an SM}}
  liquid_gpu.warp_specialize consumers = 2 registers(40, 104) blocks_per_sm = 2 producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

// The budgets assume the kernel's .minnctapersm (nvvm.minctasm): ptxas
// gives every thread its share of the register file at entry from it.
gpu.module @kernels {
  gpu.func @occupancy_mismatch() kernel attributes {nvvm.minctasm = 1 : i32} {
    // expected-error @+1 {{'liquid_gpu.warp_specialize' op budgets registers for 2 block(s) per SM, but the kernel's nvvm.minctasm is 1}}
    liquid_gpu.warp_specialize consumers = 2 registers(40, 96) blocks_per_sm = 2 producer {
    } consumer {
    ^bb0(%cid: index):
    }
    gpu.return
  }
}

// -----

func.func @blocks_per_sm_out_of_range() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op attribute 'blocks_per_sm' failed to satisfy constraint}}
  liquid_gpu.warp_specialize consumers = 2 registers(40, 96) blocks_per_sm = 0 producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

func.func @no_consumers() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op attribute 'consumers' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1 whose maximum value is 7}}
  liquid_gpu.warp_specialize consumers = 0 registers(40, 232) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

// Eight consumers and the producer would be 1152 threads, over the 1024 of a
// block.
func.func @eight_consumers() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op attribute 'consumers' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 1 whose maximum value is 7}}
  liquid_gpu.warp_specialize consumers = 8 registers(24, 24) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

// setmaxnreg takes 24 to 256 registers.
func.func @producer_budget_below_setmaxnreg_range() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op attribute 'producer_registers' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 24 whose maximum value is 256}}
  liquid_gpu.warp_specialize consumers = 1 registers(16, 232) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// -----

func.func @consumer_budget_above_setmaxnreg_range() {
  // expected-error @+1 {{'liquid_gpu.warp_specialize' op attribute 'consumer_registers' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 24 whose maximum value is 256}}
  liquid_gpu.warp_specialize consumers = 1 registers(40, 264) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

//===----------------------------------------------------------------------===//
// load_weight_fragment
//===----------------------------------------------------------------------===//

// -----

func.func @fragment_from_global_memory(%buf: memref<2x2048xi8>, %c: index) -> vector<4xi32> {
  // expected-error @+1 {{'liquid_gpu.load_weight_fragment' op the weight buffer must be in workgroup (shared) memory, got 'memref<2x2048xi8>'}}
  %f = liquid_gpu.load_weight_fragment %buf[%c] : memref<2x2048xi8> -> vector<4xi32>
  return %f : vector<4xi32>
}

// -----

func.func @fragment_from_private_memory(
    %buf: memref<2x2048xi8, #gpu.address_space<private>>, %c: index) -> vector<4xi32> {
  // expected-error @+1 {{'liquid_gpu.load_weight_fragment' op the weight buffer must be in workgroup (shared) memory, got 'memref<2x2048xi8, #gpu.address_space<private>>'}}
  %f = liquid_gpu.load_weight_fragment %buf[%c]
         : memref<2x2048xi8, #gpu.address_space<private>> -> vector<4xi32>
  return %f : vector<4xi32>
}

// -----

// Only the gpu dialect's workgroup address space attribute counts, not the
// bare NVVM number 3.
func.func @fragment_numeric_address_space(%buf: memref<2x2048xi8, 3>, %c: index) -> vector<4xi32> {
  // expected-error @+1 {{'liquid_gpu.load_weight_fragment' op the weight buffer must be in workgroup (shared) memory, got 'memref<2x2048xi8, 3>'}}
  %f = liquid_gpu.load_weight_fragment %buf[%c] : memref<2x2048xi8, 3> -> vector<4xi32>
  return %f : vector<4xi32>
}

// -----

func.func @fragment_block_too_small(
    %buf: memref<2x1024xi8, #gpu.address_space<workgroup>>, %c: index) -> vector<4xi32> {
  // expected-error @+1 {{'liquid_gpu.load_weight_fragment' op the weight buffer must hold one packed block of 2048 bytes per consumer, got 'memref<2x1024xi8, #gpu.address_space<workgroup>>'}}
  %f = liquid_gpu.load_weight_fragment %buf[%c]
         : memref<2x1024xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
  return %f : vector<4xi32>
}

// -----

func.func @fragment_block_too_large(
    %buf: memref<1x4096xi8, #gpu.address_space<workgroup>>, %c: index) -> vector<4xi32> {
  // expected-error @+1 {{'liquid_gpu.load_weight_fragment' op the weight buffer must hold one packed block of 2048 bytes per consumer, got 'memref<1x4096xi8, #gpu.address_space<workgroup>>'}}
  %f = liquid_gpu.load_weight_fragment %buf[%c]
         : memref<1x4096xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
  return %f : vector<4xi32>
}

// -----

func.func @fragment_dynamic_consumers(
    %buf: memref<?x2048xi8, #gpu.address_space<workgroup>>, %c: index) -> vector<4xi32> {
  // expected-error @+1 {{'liquid_gpu.load_weight_fragment' op the weight buffer must hold one packed block of 2048 bytes per consumer, got 'memref<?x2048xi8, #gpu.address_space<workgroup>>'}}
  %f = liquid_gpu.load_weight_fragment %buf[%c]
         : memref<?x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
  return %f : vector<4xi32>
}

// -----

func.func @fragment_strided_blocks(
    %buf: memref<2x2048xi8, strided<[4096, 1]>, #gpu.address_space<workgroup>>,
    %c: index) -> vector<4xi32> {
  // expected-error @+1 {{'liquid_gpu.load_weight_fragment' op the weight buffer must be contiguous, got 'memref<2x2048xi8, strided<[4096, 1]>, #gpu.address_space<workgroup>>'}}
  %f = liquid_gpu.load_weight_fragment %buf[%c]
         : memref<2x2048xi8, strided<[4096, 1]>, #gpu.address_space<workgroup>> -> vector<4xi32>
  return %f : vector<4xi32>
}

// -----

func.func @fragment_not_bytes(
    %buf: memref<2x2048xi32, #gpu.address_space<workgroup>>, %c: index) -> vector<4xi32> {
  // expected-error @+1 {{'liquid_gpu.load_weight_fragment' op operand #0 must be 2D memref of 8-bit signless integer values, but got 'memref<2x2048xi32, #gpu.address_space<workgroup>>'}}
  %f = liquid_gpu.load_weight_fragment %buf[%c]
         : memref<2x2048xi32, #gpu.address_space<workgroup>> -> vector<4xi32>
  return %f : vector<4xi32>
}

// -----

func.func @fragment_of_eight_words(
    %buf: memref<2x2048xi8, #gpu.address_space<workgroup>>, %c: index) -> vector<8xi32> {
  // expected-error @+1 {{'liquid_gpu.load_weight_fragment' op result #0 must be fixed-length vector of 32-bit signless integer values of length 4, but got 'vector<8xi32>'}}
  %f = liquid_gpu.load_weight_fragment %buf[%c]
         : memref<2x2048xi8, #gpu.address_space<workgroup>> -> vector<8xi32>
  return %f : vector<8xi32>
}

//===----------------------------------------------------------------------===//
// wgmma_rs
//===----------------------------------------------------------------------===//

// -----

// Above 32, integer wgmma N goes in steps of 16.
func.func @wgmma_n40(%acc: vector<20xi32>, %a: vector<4xi32>, %desc: i64) -> vector<20xi32> {
  // expected-error @+1 {{'liquid_gpu.wgmma_rs' op n = 40 is not a legal N of an integer wgmma m64nNk32 (8, 16, 24, 32, then multiples of 16 up to 256)}}
  %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 40 a_type = s8 : vector<20xi32>, vector<4xi32>
  return %d : vector<20xi32>
}

// -----

func.func @wgmma_n12(%acc: vector<6xi32>, %a: vector<4xi32>, %desc: i64) -> vector<6xi32> {
  // expected-error @+1 {{'liquid_gpu.wgmma_rs' op n = 12 is not a legal N of an integer wgmma m64nNk32 (8, 16, 24, 32, then multiples of 16 up to 256)}}
  %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 12 a_type = u8 : vector<6xi32>, vector<4xi32>
  return %d : vector<6xi32>
}

// -----

func.func @wgmma_n264(%acc: vector<132xi32>, %a: vector<4xi32>, %desc: i64) -> vector<132xi32> {
  // expected-error @+1 {{'liquid_gpu.wgmma_rs' op attribute 'n' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 8 whose maximum value is 256}}
  %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 264 a_type = s8 : vector<132xi32>, vector<4xi32>
  return %d : vector<132xi32>
}

// -----

func.func @wgmma_n4(%acc: vector<2xi32>, %a: vector<4xi32>, %desc: i64) -> vector<2xi32> {
  // expected-error @+1 {{'liquid_gpu.wgmma_rs' op attribute 'n' failed to satisfy constraint: 64-bit signless integer attribute whose minimum value is 8 whose maximum value is 256}}
  %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 4 a_type = s8 : vector<2xi32>, vector<4xi32>
  return %d : vector<2xi32>
}

// -----

func.func @wgmma_accumulator_too_short(%acc: vector<4xi32>, %a: vector<4xi32>, %desc: i64) -> vector<4xi32> {
  // expected-error @+1 {{'liquid_gpu.wgmma_rs' op the accumulator of m64n16 holds 8 i32 per thread, got 'vector<4xi32>'}}
  %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 16 a_type = s8 : vector<4xi32>, vector<4xi32>
  return %d : vector<4xi32>
}

// -----

func.func @wgmma_accumulator_too_long(%acc: vector<256xi32>, %a: vector<4xi32>, %desc: i64) -> vector<256xi32> {
  // expected-error @+1 {{'liquid_gpu.wgmma_rs' op the accumulator of m64n256 holds 128 i32 per thread, got 'vector<256xi32>'}}
  %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 256 a_type = u8 : vector<256xi32>, vector<4xi32>
  return %d : vector<256xi32>
}

// -----

func.func @wgmma_eight_a_registers(%acc: vector<4xi32>, %a: vector<8xi32>, %desc: i64) -> vector<4xi32> {
  // expected-error @+1 {{'liquid_gpu.wgmma_rs' op operand #1 must be fixed-length vector of 32-bit signless integer values of length 4, but got 'vector<8xi32>'}}
  %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 8 a_type = s8 : vector<4xi32>, vector<8xi32>
  return %d : vector<4xi32>
}

// -----

func.func @wgmma_result_differs(%acc: vector<4xi32>, %a: vector<4xi32>, %desc: i64) -> vector<8xi32> {
  // expected-error @+1 {{'liquid_gpu.wgmma_rs' op failed to verify that all of {accumulator, result} have same type}}
  %d = "liquid_gpu.wgmma_rs"(%acc, %a, %desc) <{a_type = #liquid_gpu<int_type s8>, n = 8 : i64}>
         : (vector<4xi32>, vector<4xi32>, i64) -> vector<8xi32>
  return %d : vector<8xi32>
}

//===----------------------------------------------------------------------===//
// dequant
//===----------------------------------------------------------------------===//

// -----

func.func @dequant_i64(%p: i64, %s: i32, %a: i32) -> i64 {
  // expected-error @+1 {{'liquid_gpu.dequant' op operand #0 must be 32-bit signless integer, but got 'i64'}}
  %r = "liquid_gpu.dequant"(%p, %s, %a) <{nibble = #liquid_gpu<nibble low>}> : (i64, i32, i32) -> i64
  return %r : i64
}

// -----

func.func @dequant_bad_nibble(%p: i32, %s: i32, %a: i32) -> i32 {
  // expected-error @+2 {{custom op 'liquid_gpu.dequant' expected ::mlir::liquid_gpu::Nibble to be one of: low, high}}
  // expected-error @+1 {{failed to parse LiquidGPU_NibbleAttr parameter 'value'}}
  %r = liquid_gpu.dequant %p, %s, %a nibble = middle : i32
  return %r : i32
}

// -----

//===----------------------------------------------------------------------===//
// tma_l2_policy
//===----------------------------------------------------------------------===//

func.func @policy_of_a_pointer(%map: !llvm.ptr, %policy: i64) {
  // expected-error @+1 {{'liquid_gpu.tma_l2_policy' op operand #0 must be TMA tensor map descriptor, but got '!llvm.ptr'}}
  %0 = "liquid_gpu.tma_l2_policy"(%map, %policy) : (!llvm.ptr, i64) -> !llvm.ptr
  return
}

// -----

!desc = !nvgpu.tensormap.descriptor<tensor = memref<16x64xi8, #gpu.address_space<workgroup>>, swizzle = none, l2promo = none, oob = zero, interleave = none>

func.func @policy_not_i64(%map: !desc, %policy: i32) {
  // expected-error @+1 {{'liquid_gpu.tma_l2_policy' op operand #1 must be 64-bit signless integer, but got 'i32'}}
  %0 = "liquid_gpu.tma_l2_policy"(%map, %policy) : (!desc, i32) -> !desc
  return
}

// -----

!desc = !nvgpu.tensormap.descriptor<tensor = memref<16x64xi8, #gpu.address_space<workgroup>>, swizzle = none, l2promo = none, oob = zero, interleave = none>
!other = !nvgpu.tensormap.descriptor<tensor = memref<8x64xi8, #gpu.address_space<workgroup>>, swizzle = none, l2promo = none, oob = zero, interleave = none>

func.func @policy_changes_the_map(%map: !desc, %policy: i64) {
  // expected-error @+1 {{'liquid_gpu.tma_l2_policy' op failed to verify that all of {tensor_map, result} have same type}}
  %0 = "liquid_gpu.tma_l2_policy"(%map, %policy) : (!desc, i64) -> !other
  return
}
