// RUN: liquid-opt %s --split-input-file --liquid-extern-dynamic-shared-memory --verify-diagnostics | FileCheck %s

// The zero-sized shared array convert-gpu-to-nvvm makes for
// gpu.dynamic_shared_memory becomes an external declaration; the static
// mbarrier array and globals of other address spaces keep their linkage.
// CHECK-LABEL: gpu.module @kernels
// CHECK: llvm.mlir.global external @__dynamic_shmem__0() {addr_space = 3 : i32, alignment = 16 : i64} : !llvm.array<0 x i8>
// CHECK: llvm.mlir.global private @__mbarrier() {addr_space = 3 : i32, alignment = 8 : i64} : !llvm.array<16 x i64>
// CHECK: llvm.mlir.global internal @global_zero() {addr_space = 1 : i32} : !llvm.array<0 x i8>
gpu.module @kernels {
  llvm.mlir.global internal @__dynamic_shmem__0() {addr_space = 3 : i32, alignment = 16 : i64} : !llvm.array<0 x i8>
  llvm.mlir.global private @__mbarrier() {addr_space = 3 : i32, alignment = 8 : i64} : !llvm.array<16 x i64>
  llvm.mlir.global internal @global_zero() {addr_space = 1 : i32} : !llvm.array<0 x i8>
}

// -----

// The pass end to end: from gpu.dynamic_shared_memory through
// convert-gpu-to-nvvm to LLVM IR's external declaration.
// RUN: liquid-opt %s --split-input-file --convert-gpu-to-nvvm --liquid-extern-dynamic-shared-memory --verify-diagnostics 2>&1 | FileCheck %s --check-prefix=LOWERED
// LOWERED-LABEL: gpu.module @lowered
// LOWERED: llvm.mlir.global external @__dynamic_shmem__0() {addr_space = 3 : i32, alignment = 16 : i64} : !llvm.array<0 x i8>
gpu.module @lowered {
  gpu.func @k() kernel {
    %c0 = arith.constant 0 : index
    %byte = arith.constant 7 : i8
    %0 = gpu.dynamic_shared_memory : memref<?xi8, #gpu.address_space<workgroup>>
    memref.store %byte, %0[%c0] : memref<?xi8, #gpu.address_space<workgroup>>
    gpu.return
  }
}

// -----

gpu.module @initialized {
  // expected-error @below {{a zero-sized shared-memory array with an initializer cannot name the dynamic shared memory}}
  llvm.mlir.global internal @shmem() {addr_space = 3 : i32} : !llvm.array<0 x i8> {
    %0 = llvm.mlir.zero : !llvm.array<0 x i8>
    llvm.return %0 : !llvm.array<0 x i8>
  }
}
