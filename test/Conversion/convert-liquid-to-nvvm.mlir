// RUN: liquid-opt %s -split-input-file -convert-liquid-to-nvvm | FileCheck %s

// liquid_gpu.warp_specialize: warp group tid.x / 128 == 0 is the producer,
// after setmaxnreg.dec to its budget; warp groups 1..C are the consumers,
// after setmaxnreg.inc, with the consumer index tid.x / 128 - 1.

// CHECK-LABEL: func.func @warp_specialize(
// CHECK-SAME: %[[OUT:[a-z0-9_]+]]: memref<3xindex>, %[[V:[a-z0-9_]+]]: index)
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK-NEXT: %[[WG:.*]] = arith.divui %[[TID]], %[[C128]] : index
// CHECK-NEXT: %[[IS_PRODUCER:.*]] = arith.cmpi eq, %[[WG]], %[[C0]] : index
// CHECK-NEXT: scf.if %[[IS_PRODUCER]] {
// CHECK-NEXT: nvvm.setmaxregister decrease 40
// CHECK-NEXT: memref.store %[[V]], %[[OUT]][%[[C0]]] : memref<3xindex>
// CHECK-NEXT: } else {
// CHECK-NEXT: nvvm.setmaxregister increase 232
// CHECK-NEXT: %[[CID:.*]] = arith.subi %[[WG]], %[[C1]] : index
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %[[CID]], %[[V]] : index
// CHECK-NEXT: memref.store %[[SUM]], %[[OUT]][%[[CID]]] : memref<3xindex>
// CHECK-NEXT: }
// CHECK-NEXT: return
// CHECK-NOT: liquid_gpu
func.func @warp_specialize(%out: memref<3xindex>, %v: index) {
  liquid_gpu.warp_specialize consumers = 2 registers(40, 232) producer {
    %c0 = arith.constant 0 : index
    memref.store %v, %out[%c0] : memref<3xindex>
  } consumer {
  ^bb0(%cid: index):
    %sum = arith.addi %cid, %v : index
    memref.store %sum, %out[%cid] : memref<3xindex>
  }
  return
}

// -----

// Other budgets are passed through; an empty producer keeps its setmaxnreg.
// CHECK-LABEL: gpu.func @one_consumer(
// CHECK: scf.if %{{.*}} {
// CHECK-NEXT: nvvm.setmaxregister decrease 24
// CHECK-NEXT: } else {
// CHECK-NEXT: nvvm.setmaxregister increase 256
// CHECK: gpu.return
gpu.module @kernels {
  gpu.func @one_consumer(%out: memref<1xindex>) kernel {
    liquid_gpu.warp_specialize consumers = 1 registers(24, 256) producer {
    } consumer {
    ^bb0(%cid: index):
      memref.store %cid, %out[%cid] : memref<1xindex>
    }
    gpu.return
  }
}

// -----

// liquid_gpu.wgmma_rs m64n8k32, s8 x s8: outputs $0-$3 (the accumulators),
// A registers $4-$7, B descriptor $8, scale-d $9 (1: accumulate), then the
// four accumulators tied to the outputs.
// CHECK-LABEL: func.func @wgmma_n8_s8(
// CHECK-SAME: %[[ACC:[a-z0-9_]+]]: vector<4xi32>, %[[A:[a-z0-9_]+]]: vector<4xi32>, %[[DESC:[a-z0-9_]+]]: i64)
// CHECK-DAG: %[[UNDEF:.*]] = llvm.mlir.undef : vector<4xi32>
// CHECK-DAG: %[[I0:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-DAG: %[[I1:.*]] = llvm.mlir.constant(1 : i32) : i32
// CHECK-DAG: %[[I2:.*]] = llvm.mlir.constant(2 : i32) : i32
// CHECK-DAG: %[[I3:.*]] = llvm.mlir.constant(3 : i32) : i32
// CHECK: %[[A0:.*]] = llvm.extractelement %[[A]][%[[I0]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[A1:.*]] = llvm.extractelement %[[A]][%[[I1]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[A2:.*]] = llvm.extractelement %[[A]][%[[I2]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[A3:.*]] = llvm.extractelement %[[A]][%[[I3]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[D0:.*]] = llvm.extractelement %[[ACC]][%[[I0]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[D1:.*]] = llvm.extractelement %[[ACC]][%[[I1]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[D2:.*]] = llvm.extractelement %[[ACC]][%[[I2]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[D3:.*]] = llvm.extractelement %[[ACC]][%[[I3]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[RES:.*]] = llvm.inline_asm has_side_effects asm_dialect = att
// CHECK-SAME: "{\0A\09.reg .pred p;\0A\09setp.ne.b32 p, $9, 0;\0A\09wgmma.mma_async.sync.aligned.m64n8k32.s32.s8.s8 {$0, $1, $2, $3}, {$4, $5, $6, $7}, $8, p;\0A}",
// CHECK-SAME: "=r,=r,=r,=r,r,r,r,r,l,r,0,1,2,3"
// CHECK-SAME: %[[A0]], %[[A1]], %[[A2]], %[[A3]], %[[DESC]], %[[I1]], %[[D0]], %[[D1]], %[[D2]], %[[D3]]
// CHECK-SAME: : (i32, i32, i32, i32, i64, i32, i32, i32, i32, i32) -> !llvm.struct<(i32, i32, i32, i32)>
// CHECK-NEXT: %[[R0:.*]] = llvm.extractvalue %[[RES]][0] : !llvm.struct<(i32, i32, i32, i32)>
// CHECK-NEXT: %[[V0:.*]] = llvm.insertelement %[[R0]], %[[UNDEF]][%[[I0]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[R1:.*]] = llvm.extractvalue %[[RES]][1]
// CHECK-NEXT: %[[V1:.*]] = llvm.insertelement %[[R1]], %[[V0]][%[[I1]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[R2:.*]] = llvm.extractvalue %[[RES]][2]
// CHECK-NEXT: %[[V2:.*]] = llvm.insertelement %[[R2]], %[[V1]][%[[I2]] : i32] : vector<4xi32>
// CHECK-NEXT: %[[R3:.*]] = llvm.extractvalue %[[RES]][3]
// CHECK-NEXT: %[[V3:.*]] = llvm.insertelement %[[R3]], %[[V2]][%[[I3]] : i32] : vector<4xi32>
// CHECK-NEXT: return %[[V3]] : vector<4xi32>
func.func @wgmma_n8_s8(%acc: vector<4xi32>, %a: vector<4xi32>, %desc: i64) -> vector<4xi32> {
  %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 8 a_type = s8 : vector<4xi32>, vector<4xi32>
  return %d : vector<4xi32>
}

// -----

// m64n16k32, u8 x s8 (offset mode): eight accumulators.
// CHECK-LABEL: func.func @wgmma_n16_u8(
// CHECK-SAME: %[[ACC:[a-z0-9_]+]]: vector<8xi32>, %[[A:[a-z0-9_]+]]: vector<4xi32>, %[[DESC:[a-z0-9_]+]]: i64)
// CHECK: %[[RES:.*]] = llvm.inline_asm has_side_effects asm_dialect = att
// CHECK-SAME: "{\0A\09.reg .pred p;\0A\09setp.ne.b32 p, $13, 0;\0A\09wgmma.mma_async.sync.aligned.m64n16k32.s32.u8.s8 {$0, $1, $2, $3, $4, $5, $6, $7}, {$8, $9, $10, $11}, $12, p;\0A}",
// CHECK-SAME: "=r,=r,=r,=r,=r,=r,=r,=r,r,r,r,r,l,r,0,1,2,3,4,5,6,7"
// CHECK-SAME: %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[DESC]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} :
// CHECK-SAME: (i32, i32, i32, i32, i64, i32, i32, i32, i32, i32, i32, i32, i32, i32) -> !llvm.struct<(i32, i32, i32, i32, i32, i32, i32, i32)>
// CHECK-COUNT-8: llvm.insertelement
// CHECK-NEXT: return %{{.*}} : vector<8xi32>
func.func @wgmma_n16_u8(%acc: vector<8xi32>, %a: vector<4xi32>, %desc: i64) -> vector<8xi32> {
  %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 16 a_type = u8 : vector<8xi32>, vector<4xi32>
  return %d : vector<8xi32>
}

// -----

// The widest MMA: 128 accumulators, scale-d is $133.
// CHECK-LABEL: func.func @wgmma_n256_s8(
// CHECK: llvm.inline_asm has_side_effects asm_dialect = att "{\0A\09.reg .pred p;\0A\09setp.ne.b32 p, $133, 0;\0A\09wgmma.mma_async.sync.aligned.m64n256k32.s32.s8.s8 {$0, $1, {{.*}}, $127}, {$128, $129, $130, $131}, $132, p;\0A}", {{"(=r,){128}r,r,r,r,l,r,0,1,.*,126,127"}}
// CHECK-SAME: -> !llvm.struct<(i32{{(, i32){127}[)]}}>
func.func @wgmma_n256_s8(%acc: vector<128xi32>, %a: vector<4xi32>, %desc: i64) -> vector<128xi32> {
  %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 256 a_type = s8 : vector<128xi32>, vector<4xi32>
  return %d : vector<128xi32>
}

// -----

// Fragment loads and dequantizations still present are lowered too, as
// liquid-dual-mma-layout and liquid-lower-dequant do.
// CHECK-LABEL: func.func @leftovers(
// CHECK: gpu.thread_id x
// CHECK: %[[BYTES:.*]] = vector.load %{{.*}} {alignment = 16 : i64} : memref<2x2048xi8, #gpu.address_space<workgroup>>, vector<16xi8>
// CHECK-NEXT: %[[WORDS:.*]] = vector.bitcast %[[BYTES]] : vector<16xi8> to vector<4xi32>
// CHECK-NEXT: %[[W0:.*]] = vector.extract %[[WORDS]][0] : i32 from vector<4xi32>
// CHECK: llvm.inline_asm asm_dialect = att "mad.lo.u32 $0, $1, $2, $3;\0A\09xor.b32 $0, $0, 0x80808080;", "=r,r,r,r"
// CHECK-NOT: liquid_gpu
func.func @leftovers(%buf: memref<2x2048xi8, #gpu.address_space<workgroup>>,
    %c: index, %s: i32, %a: i32) -> i32 {
  %f = liquid_gpu.load_weight_fragment %buf[%c]
         : memref<2x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
  %w = vector.extract %f[0] : i32 from vector<4xi32>
  %r = liquid_gpu.dequant %w, %s, %a nibble = low signed : i32
  return %r : i32
}
