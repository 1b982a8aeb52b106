// RUN: liquid-opt %s -split-input-file -liquid-tma-l2-policy | FileCheck %s

// What convert-nvgpu-to-nvvm leaves of the kernel's loads: the NVVM TMA load
// reads its tensor map through casts of the nvgpu descriptor, here wrapped
// in the policy liquid-warp-specialize chose for it.

!desc = !nvgpu.tensormap.descriptor<tensor = memref<16x64xi8, #gpu.address_space<workgroup>>, swizzle = none, l2promo = none, oob = zero, interleave = none>

// CHECK-LABEL: func.func @hinted(
// CHECK-SAME: %[[MAP:[a-z0-9]+]]: !llvm.ptr, %[[DST:[a-z0-9]+]]: !llvm.ptr<7>, %[[BAR:[a-z0-9]+]]: !llvm.ptr<3>, %[[C:[a-z0-9]+]]: i32, %[[MASK:[a-z0-9]+]]: i16, %[[POLICY:[a-z0-9]+]]: i64)
// CHECK-NEXT: %[[DESC:.*]] = builtin.unrealized_conversion_cast %[[MAP]] : !llvm.ptr to !nvgpu.tensormap.descriptor
// CHECK-NEXT: %[[PTR:.*]] = builtin.unrealized_conversion_cast %[[DESC]] : !nvgpu.tensormap.descriptor<{{.*}}> to !llvm.ptr
// CHECK-NEXT: nvvm.cp.async.bulk.tensor.shared.cluster.global %[[DST]], %[[PTR]], %[[BAR]], box[%[[C]], %[[C]]] l2_cache_hint = %[[POLICY]] : !llvm.ptr<7>, !llvm.ptr
// CHECK-NEXT: nvvm.cp.async.bulk.tensor.shared.cluster.global %[[DST]], %[[PTR]], %[[BAR]], box[%[[C]], %[[C]]] multicast_mask = %[[MASK]] l2_cache_hint = %[[POLICY]] : !llvm.ptr<7>, !llvm.ptr
// CHECK-NEXT: return
func.func @hinted(%map: !llvm.ptr, %dst: !llvm.ptr<7>, %bar: !llvm.ptr<3>,
                  %c: i32, %mask: i16, %policy: i64) {
  %desc = builtin.unrealized_conversion_cast %map : !llvm.ptr to !desc
  %hinted = liquid_gpu.tma_l2_policy %desc, %policy : !desc
  %ptr = builtin.unrealized_conversion_cast %hinted : !desc to !llvm.ptr
  nvvm.cp.async.bulk.tensor.shared.cluster.global %dst, %ptr, %bar, box[%c, %c] : !llvm.ptr<7>, !llvm.ptr
  nvvm.cp.async.bulk.tensor.shared.cluster.global %dst, %ptr, %bar, box[%c, %c] multicast_mask = %mask : !llvm.ptr<7>, !llvm.ptr
  return
}

// -----

!desc = !nvgpu.tensormap.descriptor<tensor = memref<16x64xi8, #gpu.address_space<workgroup>>, swizzle = none, l2promo = none, oob = zero, interleave = none>

// A load with its own hint keeps it; a load through another map gets none;
// the policy of a map no load reads through just goes.
// CHECK-LABEL: func.func @kept(
// CHECK-SAME: %[[MAP:[a-z0-9]+]]: !llvm.ptr, %[[PLAIN:[a-z0-9]+]]: !llvm.ptr, %[[DST:[a-z0-9]+]]: !llvm.ptr<7>, %[[BAR:[a-z0-9]+]]: !llvm.ptr<3>, %[[C:[a-z0-9]+]]: i32, %[[POLICY:[a-z0-9]+]]: i64, %[[OWN:[a-z0-9]+]]: i64)
// CHECK-NOT: liquid_gpu.tma_l2_policy
// CHECK: nvvm.cp.async.bulk.tensor.shared.cluster.global %[[DST]], %{{.*}}, %[[BAR]], box[%[[C]]] l2_cache_hint = %[[OWN]] : !llvm.ptr<7>, !llvm.ptr
// CHECK-NEXT: nvvm.cp.async.bulk.tensor.shared.cluster.global %[[DST]], %[[PLAIN]], %[[BAR]], box[%[[C]]] : !llvm.ptr<7>, !llvm.ptr
// CHECK-NEXT: %[[PREFETCHED:.*]] = builtin.unrealized_conversion_cast %[[DESC:.*]] : !nvgpu.tensormap.descriptor<{{.*}}> to !llvm.ptr
// CHECK-NEXT: nvvm.prefetch tensormap, %[[PREFETCHED]] : !llvm.ptr
// CHECK-NOT: liquid_gpu.tma_l2_policy
func.func @kept(%map: !llvm.ptr, %plain: !llvm.ptr, %dst: !llvm.ptr<7>,
                %bar: !llvm.ptr<3>, %c: i32, %policy: i64, %own: i64) {
  %desc = builtin.unrealized_conversion_cast %map : !llvm.ptr to !desc
  %hinted = liquid_gpu.tma_l2_policy %desc, %policy : !desc
  %ptr = builtin.unrealized_conversion_cast %hinted : !desc to !llvm.ptr
  nvvm.cp.async.bulk.tensor.shared.cluster.global %dst, %ptr, %bar, box[%c] l2_cache_hint = %own : !llvm.ptr<7>, !llvm.ptr
  nvvm.cp.async.bulk.tensor.shared.cluster.global %dst, %plain, %bar, box[%c] : !llvm.ptr<7>, !llvm.ptr
  %other = liquid_gpu.tma_l2_policy %desc, %policy : !desc
  %prefetched = builtin.unrealized_conversion_cast %other : !desc to !llvm.ptr
  nvvm.prefetch tensormap, %prefetched : !llvm.ptr
  return
}
