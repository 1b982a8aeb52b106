// setmaxnreg must reach the SASS of every kernel: the producer warp group
// gives registers back (USETMAXREG.DEALLOC 40) and the consumers take 232
// (USETMAXREG.TRY_ALLOC). ptxas drops both when it cannot tell the register
// count at kernel entry:
//
//   ptxas info: (C7508) Potential Performance Loss: 'setmaxnreg' ignored;
//               unable to determine register count at entry.
//
// The kernel carries `.minnctapersm 1` (nvvm.minctasm = 1, one block per
// SM) so that ptxas knows the register count at entry for every token tile.
// M = 16 gets split_k = 4: the _sk4 kernel, split-K epilogue included.

// REQUIRES: ptxas, cuobjdump
// RUN: rm -rf %t && mkdir -p %t
// RUN: liquid-compile --m 16 --n 4096 --k 4096 --group 64 -o %t
// RUN: %cuobjdump -sass %t/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk4.cubin | FileCheck %s --check-prefix=SASS

// SASS-DAG: USETMAXREG.TRY_ALLOC.CTAPOOL {{.*}}0xe8 ;
// SASS-DAG: USETMAXREG.DEALLOC.CTAPOOL 0x28 ;
