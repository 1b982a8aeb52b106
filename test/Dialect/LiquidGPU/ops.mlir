// RUN: liquid-opt %s | FileCheck %s
// Round trip: print, parse again and compare with the first print.
// RUN: liquid-opt %s | liquid-opt | FileCheck %s
// The generic form parses back too.
// RUN: liquid-opt %s --mlir-print-op-generic | liquid-opt | FileCheck %s
// RUN: liquid-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// CHECK-LABEL: func.func @warp_specialize(
// CHECK-SAME: %[[OUT:[a-z0-9_]+]]: memref<3xindex>)
// CHECK: liquid_gpu.warp_specialize consumers = 2 registers(40, 232) producer {
// CHECK-NEXT: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: memref.store %[[C0]], %[[OUT]][%[[C0]]] : memref<3xindex>
// CHECK-NEXT: } consumer {
// CHECK-NEXT: ^bb0(%[[CID:.*]]: index):
// CHECK-NEXT: memref.store %[[CID]], %[[OUT]][%[[CID]]] : memref<3xindex>
// CHECK-NEXT: }
// CHECK-NEXT: return
// GENERIC-LABEL: "func.func"() <{{{.*}}sym_name = "warp_specialize"
// GENERIC: "liquid_gpu.warp_specialize"() <{blocks_per_sm = 1 : i64, consumer_registers = 232 : i64, consumers = 2 : i64, producer_registers = 40 : i64}> ({
// GENERIC: }, {
// GENERIC-NEXT: ^bb0(%{{.*}}: index):
func.func @warp_specialize(%out: memref<3xindex>) {
  liquid_gpu.warp_specialize consumers = 2 registers(40, 232) producer {
    %c0 = arith.constant 0 : index
    memref.store %c0, %out[%c0] : memref<3xindex>
  } consumer {
  ^bb0(%cid: index):
    memref.store %cid, %out[%cid] : memref<3xindex>
  }
  return
}

// The extremes of the register pool: 7 consumers x 128 threads x 64
// registers plus a 64-register producer are the 1024 threads x 64 registers
// they start with; two blocks of 384 threads per SM start with 80 each, and
// 40 + 2 x 100 = 3 x 80; blocks_per_sm = 1 is the default and not printed.
// CHECK-LABEL: func.func @warp_specialize_limits(
// CHECK: liquid_gpu.warp_specialize consumers = 1 registers(24, 256) producer {
// CHECK: liquid_gpu.warp_specialize consumers = 7 registers(64, 64) producer {
// CHECK-NEXT: } consumer {
// CHECK-NEXT: ^bb0(%{{.*}}: index):
// CHECK-NEXT: }
// CHECK: liquid_gpu.warp_specialize consumers = 2 registers(40, 96) blocks_per_sm = 2 producer {
// CHECK: liquid_gpu.warp_specialize consumers = 2 registers(40, 232) producer {
// GENERIC: "liquid_gpu.warp_specialize"() <{blocks_per_sm = 2 : i64, consumer_registers = 96 : i64, consumers = 2 : i64, producer_registers = 40 : i64}> ({
func.func @warp_specialize_limits() {
  liquid_gpu.warp_specialize consumers = 1 registers(24, 256) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  liquid_gpu.warp_specialize consumers = 7 registers(64, 64) producer {
  } consumer {
  ^bb0(%cid: index):
  }
  liquid_gpu.warp_specialize consumers = 2 registers(40, 96) blocks_per_sm = 2 producer {
  } consumer {
  ^bb0(%cid: index):
  }
  liquid_gpu.warp_specialize consumers = 2 registers(40, 232) blocks_per_sm = 1 producer {
  } consumer {
  ^bb0(%cid: index):
  }
  return
}

// CHECK-LABEL: func.func @load_weight_fragment(
// CHECK-SAME: %[[BUF:[a-z0-9_]+]]: memref<2x2048xi8, #gpu.address_space<workgroup>>, %[[CID:[a-z0-9_]+]]: index)
// CHECK: %[[F:.*]] = liquid_gpu.load_weight_fragment %[[BUF]][%[[CID]]] : memref<2x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
// CHECK-NEXT: return %[[F]] : vector<4xi32>
// GENERIC-LABEL: sym_name = "load_weight_fragment"
// GENERIC: "liquid_gpu.load_weight_fragment"(%{{.*}}, %{{.*}}) : (memref<2x2048xi8, #gpu.address_space<workgroup>>, index) -> vector<4xi32>
func.func @load_weight_fragment(%buf: memref<2x2048xi8, #gpu.address_space<workgroup>>,
    %cid: index) -> vector<4xi32> {
  %f = liquid_gpu.load_weight_fragment %buf[%cid]
         : memref<2x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
  return %f : vector<4xi32>
}

// CHECK-LABEL: func.func @dequant(
// CHECK-SAME: %[[P:[a-z0-9_]+]]: i32, %[[S:[a-z0-9_]+]]: i32, %[[A:[a-z0-9_]+]]: i32)
// CHECK: %[[R0:.*]] = liquid_gpu.dequant %[[P]], %[[S]], %[[A]] nibble = low signed : i32
// CHECK-NEXT: %[[R1:.*]] = liquid_gpu.dequant %[[P]], %[[S]], %[[A]] nibble = high signed : i32
// CHECK-NEXT: %[[R2:.*]] = liquid_gpu.dequant %[[P]], %[[S]], %[[A]] nibble = low : i32
// CHECK-NEXT: %[[R3:.*]] = liquid_gpu.dequant %[[P]], %[[S]], %[[A]] nibble = high : i32
// CHECK-NEXT: return %[[R0]], %[[R1]], %[[R2]], %[[R3]]
// GENERIC-LABEL: sym_name = "dequant"
// GENERIC: "liquid_gpu.dequant"(%{{.*}}, %{{.*}}, %{{.*}}) <{nibble = #liquid_gpu<nibble low>, signed_result}> : (i32, i32, i32) -> i32
// GENERIC: "liquid_gpu.dequant"(%{{.*}}, %{{.*}}, %{{.*}}) <{nibble = #liquid_gpu<nibble high>, signed_result}> : (i32, i32, i32) -> i32
// GENERIC: "liquid_gpu.dequant"(%{{.*}}, %{{.*}}, %{{.*}}) <{nibble = #liquid_gpu<nibble low>}> : (i32, i32, i32) -> i32
// GENERIC: "liquid_gpu.dequant"(%{{.*}}, %{{.*}}, %{{.*}}) <{nibble = #liquid_gpu<nibble high>}> : (i32, i32, i32) -> i32
func.func @dequant(%p: i32, %s: i32, %a: i32) -> (i32, i32, i32, i32) {
  %r0 = liquid_gpu.dequant %p, %s, %a nibble = low signed : i32
  %r1 = liquid_gpu.dequant %p, %s, %a nibble = high signed : i32
  %r2 = liquid_gpu.dequant %p, %s, %a nibble = low : i32
  %r3 = liquid_gpu.dequant %p, %s, %a nibble = high : i32
  return %r0, %r1, %r2, %r3 : i32, i32, i32, i32
}

// Legal integer wgmma N: 8, 16, 24, 32, then multiples of 16 up to 256; the
// accumulator holds N / 2 i32 per thread.
// CHECK-LABEL: func.func @wgmma_rs(
// CHECK-SAME: %[[A:[a-z0-9_]+]]: vector<4xi32>, %[[DESC:[a-z0-9_]+]]: i64
// CHECK: %[[D8:.*]] = liquid_gpu.wgmma_rs %{{.*}}, %[[A]], %[[DESC]] n = 8 a_type = s8 : vector<4xi32>, vector<4xi32>
// CHECK-NEXT: %{{.*}} = liquid_gpu.wgmma_rs %[[D8]], %[[A]], %[[DESC]] n = 8 a_type = u8 : vector<4xi32>, vector<4xi32>
// CHECK-NEXT: liquid_gpu.wgmma_rs %{{.*}}, %[[A]], %[[DESC]] n = 24 a_type = s8 : vector<12xi32>, vector<4xi32>
// CHECK-NEXT: liquid_gpu.wgmma_rs %{{.*}}, %[[A]], %[[DESC]] n = 48 a_type = u8 : vector<24xi32>, vector<4xi32>
// CHECK-NEXT: liquid_gpu.wgmma_rs %{{.*}}, %[[A]], %[[DESC]] n = 256 a_type = s8 : vector<128xi32>, vector<4xi32>
// GENERIC-LABEL: sym_name = "wgmma_rs"
// GENERIC: "liquid_gpu.wgmma_rs"(%{{.*}}, %{{.*}}, %{{.*}}) <{a_type = #liquid_gpu<int_type s8>, n = 8 : i64}> : (vector<4xi32>, vector<4xi32>, i64) -> vector<4xi32>
// GENERIC: "liquid_gpu.wgmma_rs"(%{{.*}}, %{{.*}}, %{{.*}}) <{a_type = #liquid_gpu<int_type u8>, n = 8 : i64}> : (vector<4xi32>, vector<4xi32>, i64) -> vector<4xi32>
func.func @wgmma_rs(%acc8: vector<4xi32>, %acc24: vector<12xi32>, %acc48: vector<24xi32>,
    %acc256: vector<128xi32>, %a: vector<4xi32>, %desc: i64)
    -> (vector<4xi32>, vector<12xi32>, vector<24xi32>, vector<128xi32>) {
  %d8 = liquid_gpu.wgmma_rs %acc8, %a, %desc n = 8 a_type = s8 : vector<4xi32>, vector<4xi32>
  %e8 = liquid_gpu.wgmma_rs %d8, %a, %desc n = 8 a_type = u8 : vector<4xi32>, vector<4xi32>
  %d24 = liquid_gpu.wgmma_rs %acc24, %a, %desc n = 24 a_type = s8 : vector<12xi32>, vector<4xi32>
  %d48 = liquid_gpu.wgmma_rs %acc48, %a, %desc n = 48 a_type = u8 : vector<24xi32>, vector<4xi32>
  %d256 = liquid_gpu.wgmma_rs %acc256, %a, %desc n = 256 a_type = s8 : vector<128xi32>, vector<4xi32>
  return %e8, %d24, %d48, %d256 : vector<4xi32>, vector<12xi32>, vector<24xi32>, vector<128xi32>
}

// The ops inside a kernel, as liquid-warp-specialize produces them.
!desc = !nvgpu.tensormap.descriptor<tensor = memref<16x64xi8, #gpu.address_space<workgroup>>, swizzle = swizzle_64b, l2promo = none, oob = zero, interleave = none>

// CHECK-LABEL: func.func @tma_l2_policy(
// CHECK-SAME: %[[MAP:[a-z0-9_]+]]: !nvgpu.tensormap.descriptor<{{.*}}>, %[[POLICY:[a-z0-9_]+]]: i64)
// CHECK-NEXT: %[[H:.*]] = liquid_gpu.tma_l2_policy %[[MAP]], %[[POLICY]] : <tensor = memref<16x64xi8, #gpu.address_space<workgroup>>, swizzle = swizzle_64b, l2promo = none, oob = zero, interleave = none>
// CHECK-NEXT: return %[[H]]
// GENERIC: "liquid_gpu.tma_l2_policy"(%{{.*}}, %{{.*}}) : (!nvgpu.tensormap.descriptor<{{.*}}>, i64) -> !nvgpu.tensormap.descriptor<{{.*}}>
func.func @tma_l2_policy(%map: !desc, %policy: i64) -> !desc {
  %hinted = liquid_gpu.tma_l2_policy %map, %policy : !desc
  return %hinted : !desc
}

// CHECK-LABEL: gpu.func @kernel(
// CHECK: liquid_gpu.warp_specialize consumers = 1 registers(40, 232) producer {
// CHECK: } consumer {
// CHECK: liquid_gpu.load_weight_fragment
// CHECK: liquid_gpu.dequant
// CHECK: liquid_gpu.wgmma_rs
// CHECK: gpu.return
gpu.module @kernels {
  gpu.func @kernel(%buf: memref<1x2048xi8, #gpu.address_space<workgroup>>,
      %s: i32, %a: i32, %desc: i64, %out: memref<vector<16xi32>>) kernel {
    liquid_gpu.warp_specialize consumers = 1 registers(40, 232) producer {
    } consumer {
    ^bb0(%cid: index):
      %f = liquid_gpu.load_weight_fragment %buf[%cid]
             : memref<1x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
      %w = vector.extract %f[0] : i32 from vector<4xi32>
      %r = liquid_gpu.dequant %w, %s, %a nibble = low signed : i32
      %v = vector.from_elements %r, %r, %r, %r : vector<4xi32>
      %zero = arith.constant dense<0> : vector<16xi32>
      %d = liquid_gpu.wgmma_rs %zero, %v, %desc n = 32 a_type = s8 : vector<16xi32>, vector<4xi32>
      memref.store %d, %out[] : memref<vector<16xi32>>
    }
    gpu.return
  }
}
