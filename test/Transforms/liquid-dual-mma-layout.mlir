// RUN: liquid-opt %s -split-input-file -liquid-dual-mma-layout | FileCheck %s
// As the pipeline runs it, nested on the kernel module:
// RUN: liquid-opt %s -split-input-file --pass-pipeline="builtin.module(gpu.module(liquid-dual-mma-layout))" | FileCheck %s --check-prefix=NESTED
// After kernel generation:
// RUN: liquid-opt %s -split-input-file -liquid-warp-specialize -liquid-dual-mma-layout | FileCheck %s --check-prefix=KERNEL

// The dual-MMA packed layout of one consumer's stage block: 64 rows x 64 k =
// 128 threads x 16 bytes, thread-major. Thread t of the warp group reads
// bytes [16 (t % 128), 16 (t % 128) + 16) of its consumer's 2048-byte block
// with one 128-bit shared load (ld.shared.v4.b32); word r holds A register r
// of the first k32 step in its low nibbles and of the second in its high:
//
//   consumer c:  | t0: 16 B | t1: 16 B | ... | t127: 16 B |   2048 B
//                  w0 w1 w2 w3

// CHECK-LABEL: func.func @two_consumers(
// CHECK-SAME: %[[BUF:[a-z0-9_]+]]: memref<2x2048xi8, #gpu.address_space<workgroup>>, %[[CID:[a-z0-9_]+]]: index)
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK-NEXT: %[[T:.*]] = arith.remui %[[TID]], %[[C128]] : index
// CHECK-NEXT: %[[OFF:.*]] = arith.muli %[[T]], %[[C16]] : index
// CHECK-NEXT: %[[BYTES:.*]] = vector.load %[[BUF]][%[[CID]], %[[OFF]]] {alignment = 16 : i64} : memref<2x2048xi8, #gpu.address_space<workgroup>>, vector<16xi8>
// CHECK-NEXT: %[[WORDS:.*]] = vector.bitcast %[[BYTES]] : vector<16xi8> to vector<4xi32>
// CHECK-NEXT: return %[[WORDS]] : vector<4xi32>
// CHECK-NOT: liquid_gpu.load_weight_fragment
// Nested on gpu.module, the pass leaves host functions alone.
// NESTED-LABEL: func.func @two_consumers(
// NESTED: liquid_gpu.load_weight_fragment
func.func @two_consumers(%buf: memref<2x2048xi8, #gpu.address_space<workgroup>>,
    %c: index) -> vector<4xi32> {
  %f = liquid_gpu.load_weight_fragment %buf[%c]
         : memref<2x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
  return %f : vector<4xi32>
}

// -----

// One consumer, a constant consumer index; the dequantization that uses the
// fragment is not this pass's business.
// CHECK-LABEL: func.func @one_consumer_then_dequant(
// CHECK-SAME: %[[BUF:[a-z0-9_]+]]: memref<1x2048xi8, #gpu.address_space<workgroup>>
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK-DAG: %[[C128:.*]] = arith.constant 128 : index
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK-NEXT: %[[T:.*]] = arith.remui %[[TID]], %[[C128]] : index
// CHECK-NEXT: %[[OFF:.*]] = arith.muli %[[T]], %[[C16]] : index
// CHECK-NEXT: %[[BYTES:.*]] = vector.load %[[BUF]][%[[C0]], %[[OFF]]] {alignment = 16 : i64} : memref<1x2048xi8, #gpu.address_space<workgroup>>, vector<16xi8>
// CHECK-NEXT: %[[WORDS:.*]] = vector.bitcast %[[BYTES]] : vector<16xi8> to vector<4xi32>
// CHECK-NEXT: %[[W0:.*]] = vector.extract %[[WORDS]][0] : i32 from vector<4xi32>
// CHECK-NEXT: liquid_gpu.dequant %[[W0]], %{{.*}}, %{{.*}} nibble = high signed : i32
func.func @one_consumer_then_dequant(
    %buf: memref<1x2048xi8, #gpu.address_space<workgroup>>, %s: i32, %a: i32) -> i32 {
  %c0 = arith.constant 0 : index
  %f = liquid_gpu.load_weight_fragment %buf[%c0]
         : memref<1x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
  %w = vector.extract %f[0] : i32 from vector<4xi32>
  %r = liquid_gpu.dequant %w, %s, %a nibble = high signed : i32
  return %r : i32
}

// -----

// Inside a kernel: every fragment load gets its own 128-bit load.
// NESTED-LABEL: gpu.func @kernel(
// NESTED-SAME: %[[BUF:[a-z0-9_]+]]: memref<4x2048xi8, #gpu.address_space<workgroup>>, %[[CID:[a-z0-9_]+]]: index, %[[CID2:[a-z0-9_]+]]: index,
// NESTED: gpu.thread_id x
// NESTED: vector.load %[[BUF]][%[[CID]], %{{.*}}] {alignment = 16 : i64} : memref<4x2048xi8, #gpu.address_space<workgroup>>, vector<16xi8>
// NESTED: vector.bitcast %{{.*}} : vector<16xi8> to vector<4xi32>
// NESTED: gpu.thread_id x
// NESTED: vector.load %[[BUF]][%[[CID2]], %{{.*}}] {alignment = 16 : i64} : memref<4x2048xi8, #gpu.address_space<workgroup>>, vector<16xi8>
// NESTED: vector.bitcast %{{.*}} : vector<16xi8> to vector<4xi32>
// NESTED-NOT: liquid_gpu.load_weight_fragment
// NESTED: gpu.return
// CHECK-LABEL: gpu.func @kernel(
// CHECK-NOT: liquid_gpu.load_weight_fragment
// CHECK: gpu.return
gpu.module @kernels {
  gpu.func @kernel(%buf: memref<4x2048xi8, #gpu.address_space<workgroup>>,
      %c: index, %d: index, %out: memref<2xvector<4xi32>>) kernel {
    %f = liquid_gpu.load_weight_fragment %buf[%c]
           : memref<4x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
    %g = liquid_gpu.load_weight_fragment %buf[%d]
           : memref<4x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    memref.store %f, %out[%c0] : memref<2xvector<4xi32>>
    memref.store %g, %out[%c1] : memref<2xvector<4xi32>>
    gpu.return
  }
}

// -----

// The generated kernel reads the consumer's block of the stage's weights.
// KERNEL-LABEL: gpu.func @liquid_w4a8_n128_k128_g64_xor_t8_c2_s2(
// KERNEL: } consumer {
// KERNEL-NEXT: ^bb0(%[[CID:.*]]: index):
// KERNEL: scf.for
// KERNEL: %[[WBUF:.*]] = memref.view %{{.*}}[%{{.*}}][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<2x2048xi8, #gpu.address_space<workgroup>>
// KERNEL-NEXT: %[[TID:.*]] = gpu.thread_id x
// KERNEL-NEXT: %[[T:.*]] = arith.remui %[[TID]], %{{.*}} : index
// KERNEL-NEXT: %[[OFF:.*]] = arith.muli %[[T]], %{{.*}} : index
// KERNEL-NEXT: %[[BYTES:.*]] = vector.load %[[WBUF]][%[[CID]], %[[OFF]]] {alignment = 16 : i64} : memref<2x2048xi8, #gpu.address_space<workgroup>>, vector<16xi8>
// KERNEL-NEXT: %[[WORDS:.*]] = vector.bitcast %[[BYTES]] : vector<16xi8> to vector<4xi32>
// KERNEL-NOT: liquid_gpu.load_weight_fragment
// KERNEL: vector.extract %[[WORDS]][0] : i32 from vector<4xi32>
// KERNEL: gpu.return
func.func @matmul(%x: memref<?x128xi8>, %w: memref<128x64xi8>,
    %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %y: memref<?x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 8, consumers = 2, stages = 2>
  return
}
