// RUN: liquid-opt %s -liquid-warp-specialize | FileCheck %s
// RUN: liquid-opt %s -liquid-warp-specialize | FileCheck %s --check-prefix=COUNT --implicit-check-not=llvm.atomicrmw --implicit-check-not=nvvm.nanosleep --implicit-check-not="divui {{.*}} : i64"

// Stream-K (stream_k = 132): a whole tile's block runs the plain kernel's
// main loop; the partial round's blocks walk their segments; a segment short
// of its tile's end publishes its partial sums with one release (fence, then
// a relaxed add); the segment with the tile's last k block polls the counter
// with an acquire load and adds the others' partials.
func.func @stream_k(%x: memref<?x4096xi8>, %w: memref<256x2048xi8>,
    %s: memref<256x64xi8>, %s1: memref<256xf32>, %sx: memref<?xf32>,
    %y: memref<?x256xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x4096xi8>) weights(%w : memref<256x2048xi8>)
    group_params(%s, %s : memref<256x64xi8>) channel_scales(%s1 : memref<256xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x256xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 128, consumers = 2, stages = 4, stream_k = 132>
  return
}

// The share arithmetic divides by run-time values in 32 bits.
// CHECK-LABEL: gpu.func @liquid_w4a8_n256_k4096_g64_xor_t128_c2_s4_stk132(
// CHECK: arith.divui %{{.*}}, %{{.*}} : i32
// The consumers: the whole tile's version (k blocks from 0, four per
// iteration), then the segments'; a segment that holds its tile's last k
// block polls the tile's counter, one short of it publishes its partials.
// CHECK: liquid_gpu.warp_specialize
// CHECK: scf.for %{{.*}} = %c0{{.*}} to %{{.*}} step %c4{{.*}} iter_args
// CHECK: } else {
// CHECK: scf.for %{{.*}} = %c0{{.*}} to %{{.*}} step %c1
// A segment's ring uses [first, end) may start anywhere (segment 1 follows
// segment 0's): up to three stages run before the loop, which starts at the
// next multiple of four.
// CHECK: %[[FIRST:.*]] = arith.select %{{.*}}, %c0{{.*}}, %{{.*}} : index
// CHECK: %[[UP:.*]] = arith.addi %[[FIRST]], %c3 : index
// CHECK-NEXT: %c-4 = arith.constant -4 : index
// CHECK-NEXT: %[[ALIGNED:.*]] = arith.andi %[[UP]], %c-4 : index
// CHECK-NEXT: %[[HEAD_END:.*]] = arith.minui %[[ALIGNED]], %[[END:.*]] : index
// CHECK-COUNT-3: arith.cmpi ult, %{{.*}}, %[[HEAD_END]] : index
// CHECK: %[[PAST_HEAD:.*]] = arith.maxui %[[END]], %[[ALIGNED]] : index
// CHECK: scf.for %{{.*}} = %[[ALIGNED]] to %{{.*}} step %c4{{.*}} iter_args
// CHECK: scf.while
// CHECK-NEXT: llvm.load %{{.*}} atomic syncscope("device") acquire
// CHECK: nvvm.nanosleep
// CHECK: llvm.store %c0_i32
// CHECK: } else {
// CHECK: llvm.fence syncscope("device") acq_rel
// CHECK: llvm.atomicrmw add %{{.*}}, %c1_i32 syncscope("device") monotonic

// One poll and one counter update in the kernel; no 64-bit run-time
// division.
// COUNT: nvvm.nanosleep
// COUNT: llvm.atomicrmw
