// setmaxnreg must reach the SASS of every kernel: the producer warp group
// gives registers back (USETMAXREG.DEALLOC 40) and the consumers take theirs
// (USETMAXREG.TRY_ALLOC). ptxas drops both when it cannot tell the register
// count at kernel entry:
//
//   ptxas info: (C7508) Potential Performance Loss: 'setmaxnreg' ignored;
//               unable to determine register count at entry.
//
// The kernel carries `.minnctapersm blocks_per_sm` (nvvm.minctasm) so that
// ptxas knows the register count at entry for every token tile: the register
// file split evenly over the blocks' threads, in multiples of 8. The
// allocations come from the block's own pool (CTAPOOL), so the consumers may
// only grow into what the producer gives back: a consumer asking for more
// would spin in TRY_ALLOC forever.

// REQUIRES: ptxas, cuobjdump
// RUN: rm -rf %t && mkdir -p %t

// M = 16 with 16-token tiles, two blocks per SM and split_k = 8. 384 threads
// start with 80 registers; the consumers grow to (3 x 80 - 40) / 2 = 100,
// rounded down to 96.
// RUN: liquid-compile --stages 8 --m 16 --n 4096 --k 4096 --group 64 --token-tile 16 --split-k 8 --blocks-per-sm 2 -o %t/b2
// RUN: %cuobjdump -sass %t/b2/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.cubin | FileCheck %s --check-prefixes=SASS,B2
// RUN: %cuobjdump --dump-resource-usage %t/b2/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.cubin | FileCheck %s --check-prefix=REG80

// One block per SM: 168 at entry, consumers at (3 x 168 - 40) / 2 = 232.
// RUN: liquid-compile --stages 8 --m 16 --n 4096 --k 4096 --group 64 --token-tile 16 --split-k 4 --blocks-per-sm 1 -o %t/b1
// RUN: %cuobjdump -sass %t/b1/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk4.cubin | FileCheck %s --check-prefixes=SASS,B1
// RUN: %cuobjdump --dump-resource-usage %t/b1/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk4.cubin | FileCheck %s --check-prefix=REG168

// Four consumers: 640 threads start with 96 (not 65536 / 640 = 102), a pool
// of 61440; the consumers get (5 x 96 - 40) / 4 = 110, rounded down to 104.
// RUN: liquid-compile --stages 8 --m 16 --n 4096 --k 4096 --group 64 --consumers 4 --blocks-per-sm 1 --token-tile 16 --split-k 8 -o %t/c4
// RUN: %cuobjdump -sass %t/c4/liquid_w4a8_n4096_k4096_g64_xor_t16_c4_s8_sk8.cubin | FileCheck %s --check-prefixes=SASS,C4
// RUN: %cuobjdump --dump-resource-usage %t/c4/liquid_w4a8_n4096_k4096_g64_xor_t16_c4_s8_sk8.cubin | FileCheck %s --check-prefix=REG96

// SASS-DAG: USETMAXREG.DEALLOC.CTAPOOL 0x28 ;
// B2-DAG: USETMAXREG.TRY_ALLOC.CTAPOOL {{.*}}0x60 ;
// B1-DAG: USETMAXREG.TRY_ALLOC.CTAPOOL {{.*}}0xe8 ;
// C4-DAG: USETMAXREG.TRY_ALLOC.CTAPOOL {{.*}}0x68 ;
// REG80: REG:80 {{.*}}LOCAL:0
// REG168: REG:168 {{.*}}LOCAL:0
// REG96: REG:96 {{.*}}LOCAL:0
