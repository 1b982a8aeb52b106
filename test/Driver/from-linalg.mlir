// REQUIRES: ptxas
// A whole linalg file to a cubin: liquid-compile runs liquid-from-linalg
// first, so the o_proj layer written in linalg gets the same kernel (and
// manifest problem) as the shape given on the command line.
// RUN: rm -rf %t && mkdir -p %t
// RUN: liquid-compile %S/../../examples/linalg-w4a8-o-proj.mlir --m 16 -o %t/file --emit=mlir | FileCheck %s --check-prefix=LOG
// RUN: liquid-compile --m 16 --n 4096 --k 4096 --group 64 -o %t/shape
// RUN: cmp %t/file/liquid_w4a8_n4096_k4096_g64_xor_t16_c1_s16_sk4_b2.cubin %t/shape/liquid_w4a8_n4096_k4096_g64_xor_t16_c1_s16_sk4_b2.cubin
// RUN: FileCheck %s --check-prefix=HOST < %t/file/liquid_w4a8_n4096_k4096_g64_xor_t16_c1_s16_sk4_b2.mlir

// LOG: liquid_w4a8_n4096_k4096_g64_xor_t16_c1_s16_sk4_b2.cubin: N=4096 K=4096 G=64 mode=xor token_tile=16

// The host function keeps the packing of its weight argument explicit and
// names the kernel; no linalg op is left.
// HOST-LABEL: func.func @o_proj
// HOST-NOT: linalg.
// HOST: liquid.pack_weights
// HOST-NOT: linalg.
// HOST: liquid.w4a8_matmul {{.*}} group_size = 64 mode = xor layout = dual_mma config = <token_tile = 16, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2> kernel = @liquid_kernels::@liquid_w4a8_n4096_k4096_g64_xor_t16_c1_s16_sk4_b2
