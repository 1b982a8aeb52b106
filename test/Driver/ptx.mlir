// The PTX liquid-compile writes on --emit=ptx (DESIGN §3, §5): one
// sm_90a kernel per problem whose consumer warp groups load a 16-byte weight
// fragment with one ld.shared.v4.b32, dequantize it with the LiquidQuant
// IMAD (+ XOR) per four weights and feed the result straight to a
// register-A wgmma; the producer warp group moves tiles with TMA.
//
//   consumer (setmaxnreg.inc 96 or 232)     producer (setmaxnreg.dec 40)
//     try_wait full[stage]                    try_wait empty[stage]
//     ld.shared.v4.b32 {P0, P1, P2, P3}       arrive.expect_tx full[stage]
//     ld.shared.b16 s, a pairs                cp.async.bulk.tensor.4d (W)
//     lo: A_r = (P_r & 0x0F0F0F0F) * s + a    cp.async.bulk.tensor.2d (X)
//     hi: A_r = ((P_r >> 4) & ...) * s + a    cp.async.bulk.tensor.3d (s, a)
//     (xor mode: A_r ^= 0x80808080)
//     wgmma.fence; 2 x wgmma {A0..A3}, {A4..A7}; commit; wait 0
//     arrive empty[stage]
//
// Register r of a k32 step belongs to row 16w + l/4 + 8(r % 2): registers 0
// and 2 share row0's (s, a), 1 and 3 row1's.

// REQUIRES: ptxas
// RUN: rm -rf %t && mkdir -p %t
// M = 16 with 16-token tiles, two blocks per SM and split_k = 8 (forced;
// 32 tiles on 132 SMs x 2): the same main loop over an eighth of K, then
// the split-K epilogue
// (SPLITK). With --split-k=1 the kernel has none of it (the xor1 run).
// RUN: liquid-compile --consumers 2 --stages 8 --m 16 --n 4096 --k 4096 --group 64 --token-tile 16 --split-k 8 --blocks-per-sm 2 -o %t/xor --emit=ptx | FileCheck %s --check-prefix=LOG-XOR
// RUN: FileCheck %s --check-prefixes=HEAD,B2,CONS,XOR --implicit-check-not=ld.global.nc.b16 < %t/xor/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.ptx
// RUN: FileCheck %s --check-prefix=PROD < %t/xor/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.ptx
// RUN: FileCheck %s --check-prefix=PARAMS < %t/xor/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.ptx
// RUN: FileCheck %s --check-prefix=POLICY < %t/xor/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.ptx
// RUN: FileCheck %s --check-prefix=SPLITK < %t/xor/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.ptx
// RUN: liquid-compile --consumers 2 --stages 8 --m 16 --n 4096 --k 4096 --group 64 --token-tile 16 --split-k 8 --blocks-per-sm 2 --mode offset -o %t/offset --emit=ptx | FileCheck %s --check-prefix=LOG-OFFSET
// RUN: FileCheck %s --check-prefixes=HEAD,B2,CONS,OFFSET --implicit-check-not=ld.global.nc.b16 --implicit-check-not=xor.b32 --implicit-check-not=ld.global.nc.b8 < %t/offset/liquid_w4a8_n4096_k4096_g64_offset_t16_c2_s8_sk8_b2.ptx
// RUN: FileCheck %s --check-prefix=PROD < %t/offset/liquid_w4a8_n4096_k4096_g64_offset_t16_c2_s8_sk8_b2.ptx
// RUN: liquid-compile --consumers 2 --stages 8 --m 16 --n 4096 --k 4096 --group 64 --token-tile 16 --split-k=1 -o %t/xor1 --emit=ptx | FileCheck %s --check-prefix=LOG-XOR1
// RUN: FileCheck %s --check-prefixes=HEAD,B1,CONS,XOR --implicit-check-not=ld.global.nc.b16 --implicit-check-not=atom. --implicit-check-not=fence.acq_rel --implicit-check-not=ld.relaxed --implicit-check-not=%ctaid.z < %t/xor1/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8.ptx
// RUN: FileCheck %s --check-prefix=EPI --implicit-check-not=st.global.b16 < %t/xor1/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8.ptx
// RUN: FileCheck %s --check-prefix=PROD < %t/xor1/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8.ptx
// RUN: FileCheck %s --check-prefix=POLICY < %t/xor1/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8.ptx
// A cluster of two (CLUSTER): the cluster shape in the entry, a relaxed
// cluster barrier after the mbarrier initialization, the activation copy
// multicast to both blocks (mask 0b11), the stages released on both blocks'
// empty barriers with a CTA-scope arrive (no GPU-wide fence in the loop).
// Kernels without a cluster have none of it.
// RUN: liquid-compile --consumers 2 --stages 8 --m 256 --n 4096 --k 4096 --group 64 --token-tile 256 --split-k 1 --cluster 2 -o %t/cluster --emit=ptx
// RUN: FileCheck %s --check-prefix=CLUSTER < %t/cluster/liquid_w4a8_n4096_k4096_g64_xor_t256_c2_s8_cl2.ptx
// RUN: FileCheck %s --check-prefix=HEAD --implicit-check-not=barrier.cluster --implicit-check-not=reqnctapercluster --implicit-check-not=multicast --implicit-check-not=mapa < %t/xor1/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8.ptx
// Only the forms asked for are written.
// RUN: ls %t/xor | FileCheck %s --check-prefix=FILES --implicit-check-not=liquid_

// LOG-XOR: {{.*}}/xor/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.cubin: N=4096 K=4096 G=64 mode=xor token_tile=16 consumers=2 stages=8 split_k=8 blocks_per_sm=2 cluster=1 stream_k=1 block=384 smem={{[0-9]+}} registers={{[0-9]+}} spills=0
// LOG-OFFSET: {{.*}}/offset/liquid_w4a8_n4096_k4096_g64_offset_t16_c2_s8_sk8_b2.cubin: N=4096 K=4096 G=64 mode=offset token_tile=16 consumers=2 stages=8 split_k=8 blocks_per_sm=2 cluster=1 stream_k=1 block=384 smem={{[0-9]+}} registers={{[0-9]+}} spills=0
// LOG-XOR1: {{.*}}/xor1/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8.cubin: N=4096 K=4096 G=64 mode=xor token_tile=16 consumers=2 stages=8 split_k=1 blocks_per_sm=1 cluster=1 stream_k=1 block=384 smem={{[0-9]+}} registers={{[0-9]+}} spills=0

// FILES: liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.cubin
// FILES-NEXT: liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.json
// FILES-NEXT: liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.ptx

// u8 x s8 wgmma needs PTX ISA 8.4; wgmma and setmaxnreg need sm_90a.
// HEAD: .version 8.4
// HEAD-NEXT: .target sm_90a
// The dynamic shared memory (the stage ring) is an extern array, which ptxas
// places after the static mbarriers; a demoted static variable could sit
// below them, and the ring's TMA copies would overwrite the barriers.
// HEAD: .extern .shared .align 16 .b8 __dynamic_shmem__0[];
// HEAD: .visible .entry liquid_w4a8_n4096_k4096_g64_{{xor|offset}}_t16_c2_s8{{(_sk8_b2)?}}(
// Two blocks of 384 threads per SM (B2) start with 80 registers each; the
// producer gives 40 back and each consumer grows to (3 x 80 - 40) / 2. One
// block (B1) starts with 168 and grows its consumers to (3 x 168 - 40) / 2.
// B2: .minnctapersm 2
// B1: .minnctapersm 1
// B2: setmaxnreg.inc.sync.aligned.u32 96;
// B1: setmaxnreg.inc.sync.aligned.u32 232;
// Once the stage is full: the weight fragment, then the group parameters
// the producer copied into the stage, one 16-bit (row0, row1) pair of s and
// one of a (no 16-bit global loads anywhere: --implicit-check-not). The
// match is a stage the loop addresses at an offset from the ring's first
// (the epilogue's 16-byte loads have none).
// CONS: ld.shared.v4.b32 {[[P0:%r[0-9]+]], [[P1:%r[0-9]+]], [[P2:%r[0-9]+]], [[P3:%r[0-9]+]]}, [%rd{{[0-9]+}}+{{[0-9]+}}];
// CONS-NEXT: ld.shared.b16 %r{{[0-9]+}}, [%rd{{[0-9]+}}+{{[0-9]+}}];
// CONS-NEXT: ld.shared.b16 %r{{[0-9]+}}, [%rd{{[0-9]+}}+{{[0-9]+}}];

// Low nibbles: the first k32 step.
// CONS: and.b32 [[L0:%r[0-9]+]], [[P0]], 252645135;
// CONS: mad.lo.u32 [[A0:%r[0-9]+]], [[L0]], [[S0:%r[0-9]+]], [[O0:%r[0-9]+]];
// XOR-NEXT: xor.b32 [[A0]], [[A0]], 0x80808080;
// CONS: and.b32 [[L1:%r[0-9]+]], [[P1]], 252645135;
// CONS: mad.lo.u32 [[A1:%r[0-9]+]], [[L1]], [[S1:%r[0-9]+]], [[O1:%r[0-9]+]];
// XOR-NEXT: xor.b32 [[A1]], [[A1]], 0x80808080;
// CONS: and.b32 [[L2:%r[0-9]+]], [[P2]], 252645135;
// CONS: mad.lo.u32 [[A2:%r[0-9]+]], [[L2]], [[S0]], [[O0]];
// XOR-NEXT: xor.b32 [[A2]], [[A2]], 0x80808080;
// CONS: and.b32 [[L3:%r[0-9]+]], [[P3]], 252645135;
// CONS: mad.lo.u32 [[A3:%r[0-9]+]], [[L3]], [[S1]], [[O1]];
// XOR-NEXT: xor.b32 [[A3]], [[A3]], 0x80808080;

// High nibbles: the second k32 step.
// CONS: shr.u32 [[Q0:%r[0-9]+]], [[P0]], 4;
// CONS-NEXT: and.b32 [[H0:%r[0-9]+]], [[Q0]], 252645135;
// CONS: mad.lo.u32 [[A4:%r[0-9]+]], [[H0]], [[S0]], [[O0]];
// XOR-NEXT: xor.b32 [[A4]], [[A4]], 0x80808080;
// CONS: shr.u32 [[Q1:%r[0-9]+]], [[P1]], 4;
// CONS-NEXT: and.b32 [[H1:%r[0-9]+]], [[Q1]], 252645135;
// CONS: mad.lo.u32 [[A5:%r[0-9]+]], [[H1]], [[S1]], [[O1]];
// XOR-NEXT: xor.b32 [[A5]], [[A5]], 0x80808080;
// CONS: shr.u32 [[Q2:%r[0-9]+]], [[P2]], 4;
// CONS-NEXT: and.b32 [[H2:%r[0-9]+]], [[Q2]], 252645135;
// CONS: mad.lo.u32 [[A6:%r[0-9]+]], [[H2]], [[S0]], [[O0]];
// XOR-NEXT: xor.b32 [[A6]], [[A6]], 0x80808080;
// CONS: shr.u32 [[Q3:%r[0-9]+]], [[P3]], 4;
// CONS-NEXT: and.b32 [[H3:%r[0-9]+]], [[Q3]], 252645135;
// CONS: mad.lo.u32 [[A7:%r[0-9]+]], [[H3]], [[S1]], [[O1]];
// XOR-NEXT: xor.b32 [[A7]], [[A7]], 0x80808080;

// The dequantized registers are the A operands (register A, not a shared
// memory descriptor); B is a descriptor of the stage's activations.
// CONS: wgmma.fence.sync.aligned;
// XOR: wgmma.mma_async.sync.aligned.m64n16k32.s32.s8.s8 {[[ACC:%r[0-9]+, %r[0-9]+, %r[0-9]+, %r[0-9]+, %r[0-9]+, %r[0-9]+, %r[0-9]+, %r[0-9]+]]}, {[[A0]], [[A1]], [[A2]], [[A3]]}, %rd{{[0-9]+}}, p;
// XOR: wgmma.mma_async.sync.aligned.m64n16k32.s32.s8.s8 {[[ACC]]}, {[[A4]], [[A5]], [[A6]], [[A7]]}, %rd{{[0-9]+}}, p;
// OFFSET: wgmma.mma_async.sync.aligned.m64n16k32.s32.u8.s8 {[[ACC:%r[0-9]+, %r[0-9]+, %r[0-9]+, %r[0-9]+, %r[0-9]+, %r[0-9]+, %r[0-9]+, %r[0-9]+]]}, {[[A0]], [[A1]], [[A2]], [[A3]]}, %rd{{[0-9]+}}, p;
// OFFSET: wgmma.mma_async.sync.aligned.m64n16k32.s32.u8.s8 {[[ACC]]}, {[[A4]], [[A5]], [[A6]], [[A7]]}, %rd{{[0-9]+}}, p;
// CONS-NEXT: }
// CONS-NEXT: // end inline asm
// CONS-NEXT: wgmma.commit_group.sync.aligned;
// CONS-NEXT: wgmma.wait_group.sync.aligned 1;

// Producer: one thread, few registers, TMA only.
// CLUSTER: .explicitcluster
// CLUSTER-NEXT: .reqnctapercluster 2, 1, 1
// CLUSTER: fence.mbarrier_init.release.cluster;
// CLUSTER: barrier.cluster.arrive.relaxed;
// CLUSTER-NEXT: barrier.cluster.wait;
// CLUSTER-NOT: fence.{{(sc|acq_rel)}}
// The consumers' remote releases and the two versions of the producer's copy
// loop (with and without L2 hints), in whatever order ptxas lays them out:
// each multicasts its activation slice to both blocks (mask 0b11).
// CLUSTER-DAG: mapa.shared::cluster.u64 [[REMOTE:%rd[0-9]+]], %rd{{[0-9]+}}, %r{{[0-9]+}};
// CLUSTER-DAG: mbarrier.arrive.shared::cluster.b64 _, [[[REMOTE]]]
// CLUSTER-DAG: mov.b16 %rs{{[0-9]+}}, 3;
// CLUSTER-DAG: cp.async.bulk.tensor.2d.shared::cluster.global.tile.mbarrier::complete_tx::bytes.multicast::cluster.L2::cache_hint [%rd{{[0-9]+}}], [%rd{{[0-9]+}}, {%r{{[0-9]+}}, %r{{[0-9]+}}}], [%rd{{[0-9]+}}], %rs{{[0-9]+}}, %rd{{[0-9]+}};
// CLUSTER-DAG: cp.async.bulk.tensor.2d.shared::cluster.global.tile.mbarrier::complete_tx::bytes.multicast::cluster [%rd{{[0-9]+}}], [%rd{{[0-9]+}}, {%r{{[0-9]+}}, %r{{[0-9]+}}}], [%rd{{[0-9]+}}], %rs{{[0-9]+}};
// CLUSTER-NOT: barrier.cluster

// LLVM's block placement may lay the producer's loops out after the
// consumers' code, so the checks of producer warp 0's start at the
// expect_tx only it issues: then its weight and activation copies. Warp 1's
// loop copies the group parameters (s, then a) and announces nothing.
// PROD: setmaxnreg.dec.sync.aligned.u32 40;
// PROD: mbarrier.arrive.expect_tx.shared.b64 %rd{{[0-9]+}}, [%rd{{[0-9]+}}], %r{{[0-9]+}};
// PROD-NOT: wgmma
// PROD: cp.async.bulk.tensor.4d.shared::cluster.global.tile.mbarrier::complete_tx::bytes
// PROD-NOT: wgmma
// PROD: cp.async.bulk.tensor.2d.shared::cluster.global.tile.mbarrier::complete_tx::bytes
// PARAMS: setmaxnreg.dec.sync.aligned.u32 40;
// PARAMS: cp.async.bulk.tensor.3d.shared::cluster.global.tile.mbarrier::complete_tx::bytes
// PARAMS-NOT: {{wgmma|expect_tx}}
// PARAMS: cp.async.bulk.tensor.3d.shared::cluster.global.tile.mbarrier::complete_tx::bytes

// L2 priorities of the loads (POLICY): with one token tile (M <= 16 here)
// the streamed weights and group parameters are evicted first and the
// activation tile every block reads is kept; else the plain loads run.
// POLICY-DAG: createpolicy.fractional.L2::evict_first.b64 [[FIRST:%rd[0-9]+]], 1.0;
// POLICY-DAG: createpolicy.fractional.L2::evict_last.b64 [[LAST:%rd[0-9]+]], 1.0;
// POLICY-DAG: cp.async.bulk.tensor.4d.{{.*}}bytes.L2::cache_hint [%rd{{[0-9]+}}], [%rd{{[0-9]+}}, {{.*}}], [%rd{{[0-9]+}}], [[FIRST]];
// POLICY-DAG: cp.async.bulk.tensor.4d.{{.*}}bytes [%rd{{[0-9]+}}], [%rd{{[0-9]+}}, {{.*}}], [%rd{{[0-9]+}}];
// POLICY-DAG: cp.async.bulk.tensor.2d.{{.*}}bytes.L2::cache_hint [%rd{{[0-9]+}}], [%rd{{[0-9]+}}, {{.*}}], [%rd{{[0-9]+}}], [[LAST]];
// POLICY-DAG: cp.async.bulk.tensor.2d.{{.*}}bytes [%rd{{[0-9]+}}], [%rd{{[0-9]+}}, {{.*}}], [%rd{{[0-9]+}}];
// POLICY-DAG: cp.async.bulk.tensor.3d.{{.*}}bytes.L2::cache_hint [%rd{{[0-9]+}}], [%rd{{[0-9]+}}, {{.*}}], [%rd{{[0-9]+}}], [[FIRST]];
// POLICY-DAG: cp.async.bulk.tensor.3d.{{.*}}bytes [%rd{{[0-9]+}}], [%rd{{[0-9]+}}, {{.*}}], [%rd{{[0-9]+}}];

// The epilogue of a 16-token tile (EPI): the consumers meet at named barrier
// 1 once all their MMAs have retired (the ring is free), each stages its f16
// tile transposed with one stmatrix (two 8-token chunks x two 8-channel
// halves), they meet again, and each thread copies one 16-byte piece of a
// token row to Y; no 16-bit stores.
// EPI: wgmma.wait_group.sync.aligned 0;
// EPI: bar.sync 1, 256;
// EPI: stmatrix.sync.aligned.m8n8.x4.trans.shared.b16 [%rd{{[0-9]+}}], {%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}};
// EPI-NOT: stmatrix
// EPI: bar.sync 1, 256;
// EPI: ld.shared.v4.b32
// EPI: st.global.v4.b32
// EPI-NOT: st.global
// EPI: ret;

// Split-K (split_k = 8): block z picks the K slice; after the main loop each
// consumer thread stores its 8 accumulators into its slice's slab as two
// 16-byte chunks, chunk-major: 256 threads x 16 bytes = 4096 bytes apart, so
// a warp's store covers 512 contiguous bytes. The consumer threads meet at
// named barrier 1, thread 128 publishes their stores (one fence, cumulative
// through the barrier) and counts the block in, and the block that saw 7
// earlier arrivals fences (acquire), resets the counter and adds the seven
// other slices' slabs, read past L1 with the same chunk offsets. Thread 128
// fetched the counter's line into L2 before the main loop.
// SPLITK: .visible .entry liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2(
// SPLITK: mov.u32 %r{{[0-9]+}}, %ctaid.z;
// SPLITK: prefetch.global.L2 [%rd{{[0-9]+}}];
// SPLITK: wgmma.wait_group.sync.aligned 0;
// SPLITK: st.global.v4.b32 {{\[}}[[SLAB:%rd[0-9]+]]+[[#%d,CHUNK:]]{{\]}}
// SPLITK-NEXT: st.global.v4.b32 {{\[}}[[SLAB]]+[[#%d,CHUNK+4096]]{{\]}}
// SPLITK-NEXT: // begin inline asm
// SPLITK-NEXT: bar.sync 1, 256;
// SPLITK: fence.acq_rel.gpu;
// SPLITK-NEXT: atom.global.add.u32 [[ARRIVED:%r[0-9]+]], {{\[}}[[COUNTER:%rd[0-9]+]]], 1;
// SPLITK: setp.eq.b32 %p{{[0-9]+}}, [[ARRIVED]], 7;
// SPLITK: st.shared.b32 [__wg_liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2_{{.*}}], %r{{[0-9]+}};
// SPLITK: fence.acq_rel.gpu;
// SPLITK-NEXT: st.global.b32 {{\[}}[[COUNTER]]], 0;
// SPLITK: bar.sync 1, 256;
// SPLITK-NEXT: // end inline asm
// SPLITK-NEXT: ld.shared.b32 %r{{[0-9]+}}, [__wg_liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2_{{.*}}];
// SPLITK-NOT: fence
// SPLITK: ld.volatile.global.v4.b32 {{.*}}, {{\[}}[[OTHER:%rd[0-9]+]]+[[#%d,CHUNK]]{{\]}}
// SPLITK-NEXT: ld.volatile.global.v4.b32 {{.*}}, {{\[}}[[OTHER]]+[[#%d,CHUNK+4096]]{{\]}}
// SPLITK-COUNT-14: ld.volatile.global.v4.b32
// SPLITK-NOT: ld.volatile
// SPLITK-NOT: atom.
// SPLITK: stmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// SPLITK: st.global.v4.b32
// SPLITK: ret;
