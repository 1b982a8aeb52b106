// RUN: liquid-opt %s -split-input-file -liquid-warp-specialize -verify-diagnostics | FileCheck %s
// RUN: liquid-opt %s -split-input-file -liquid-warp-specialize -verify-diagnostics | FileCheck %s --check-prefix=STORES
// Split-K only where split_k > 1: the kernels without it touch no workspace
// (NOSPLIT); the split_k = 4 kernel has exactly one atomic (the arrival
// counter), writes its slab and reads the others' once (SKLOADS) and stores
// one i32 (the counter reset, SKZEROS).
// RUN: liquid-opt %s -split-input-file -liquid-warp-specialize -verify-diagnostics | FileCheck %s --check-prefix=NOSPLIT
// RUN: liquid-opt %s -split-input-file -liquid-warp-specialize -verify-diagnostics | FileCheck %s --check-prefix=SKADDS
// RUN: liquid-opt %s -split-input-file -liquid-warp-specialize -verify-diagnostics | FileCheck %s --check-prefix=SKLOADS
// RUN: liquid-opt %s -split-input-file -liquid-warp-specialize -verify-diagnostics | FileCheck %s --check-prefix=SKZEROS
// A second run finds every op with its kernel and changes nothing.
// RUN: liquid-opt %s -split-input-file -liquid-warp-specialize -liquid-warp-specialize -verify-diagnostics | FileCheck %s
// A cluster of two blocks multicasting the activation tile (CLUSTER).
// RUN: liquid-opt %s -split-input-file -liquid-warp-specialize -verify-diagnostics | FileCheck %s --check-prefix=CLUSTER
// Where the epilogue loads its scales: before the main loop up to 32 tokens
// (the 16-token kernels above), after it beyond (SCALES).
// RUN: liquid-opt %s -split-input-file -liquid-warp-specialize -verify-diagnostics | FileCheck %s --check-prefix=SCALES
// The generated IR prints and parses back.
// RUN: liquid-opt %s -split-input-file -liquid-warp-specialize -verify-diagnostics | liquid-opt -split-input-file | FileCheck %s --check-prefix=STORES

// The implicit fine-grained pipeline (ImFP) kernel, swap AB (Y^T = W * X^T):
// warp group 0 is the TMA producer, warp groups 1..C the consumers, each
// owning 64 weight rows; a ring of S stages of shared memory, from the first
// 512-byte boundary of the dynamic shared memory (ring = (512 - addr % 512)
// % 512; stage s at ring + s * stage bytes), each
//   | C packed 64x64 weight blocks (2048 B each) | T x 64 B activations,   |
//   |                                             | 64-byte swizzled        |
// and after the S stages, stage s's group parameters at ring + S * stage
// bytes + s * P (P = 2 * 128 bytes up to two consumers): the consumers'
// 64-byte s blocks of the stage's group, then their a blocks at P / 2;
// guarded by S "full" (count 1 + TMA bytes) and S "empty" (count 128 C)
// mbarriers. Per k block kb (64 k) of one consumer:
//
//   wait full[kb % S] (parity (kb / S) % 2)
//   frag   = load_weight_fragment(stage weights, consumer)  16 B: 2 x k32
//   s, a   = the (row0, row1) byte pairs of the stage's parameters
//   A0..A3 = dequant(frag[r], s, a, low)    A4..A7 = dequant(frag[r], s, a, high)
//   wgmma.fence
//   acc = wgmma m64nTk32 (acc, A0..A3, desc(X chunks 0-1))
//   acc = wgmma m64nTk32 (acc, A4..A7, desc(X chunks 2-3))
//   wgmma.commit_group; wgmma.wait_group 0; arrive empty[kb % S]
//
// then the epilogue Y[m, n] = f16((float(acc) [- 128 xsum[m]]) * sx[m] * s1[n]).

// xor mode, two consumers, token tile 16, four stages, K = 256 (4 k blocks).
// One stage: 2 * 2048 + 16 * 64 = 5120 bytes, and 2 * 2 * 64 bytes of group
// parameters (in 2 * 128).

// CHECK: module attributes {gpu.container_module} {
// CHECK-LABEL: func.func @xor_t16_c2(
// CHECK: liquid.w4a8_matmul {{.*}} config = <token_tile = 16, consumers = 2, stages = 4> kernel = @liquid_kernels::@liquid_w4a8_n256_k256_g64_xor_t16_c2_s4{{$}}
// CHECK: gpu.module @liquid_kernels {
// CHECK: gpu.func @liquid_w4a8_n256_k256_g64_xor_t16_c2_s4(%[[WMAP:[a-z0-9_]+]]: !llvm.ptr, %[[XMAP:[a-z0-9_]+]]: !llvm.ptr, %[[SMAP:[a-z0-9_]+]]: !llvm.ptr, %[[AMAP:[a-z0-9_]+]]: !llvm.ptr, %[[S1:[a-z0-9_]+]]: !llvm.ptr<1>, %[[SX:[a-z0-9_]+]]: !llvm.ptr<1>, %[[XSUM:[a-z0-9_]+]]: !llvm.ptr<1>, %[[Y:[a-z0-9_]+]]: !llvm.ptr<1>, %[[WS:[a-z0-9_]+]]: !llvm.ptr<1>, %[[M:[a-z0-9_]+]]: i32) kernel attributes {known_block_size = array<i32: 384, 1, 1>, nvvm.minctasm = 1 : i32} {
// CHECK-NEXT: %[[WDESC:.*]] = builtin.unrealized_conversion_cast %[[WMAP]] : !llvm.ptr to !nvgpu.tensormap.descriptor<tensor = memref<2x1x8x256xi8, #gpu.address_space<workgroup>>, swizzle = none, l2promo = l2promo_128b, oob = zero, interleave = none>
// CHECK-NEXT: %[[XDESC:.*]] = builtin.unrealized_conversion_cast %[[XMAP]] : !llvm.ptr to !nvgpu.tensormap.descriptor<tensor = memref<16x64xi8, #gpu.address_space<workgroup>>, swizzle = swizzle_64b, l2promo = l2promo_128b, oob = zero, interleave = none>
// The group parameters' box: the two consumers' 64 bytes of one group.
// CHECK-NEXT: %[[SDESC:.*]] = builtin.unrealized_conversion_cast %[[SMAP]] : !llvm.ptr to !nvgpu.tensormap.descriptor<tensor = memref<1x2x64xi8, #gpu.address_space<workgroup>>, swizzle = none, l2promo = l2promo_128b, oob = zero, interleave = none>
// CHECK-NEXT: %[[ADESC:.*]] = builtin.unrealized_conversion_cast %[[AMAP]] : !llvm.ptr to !nvgpu.tensormap.descriptor<tensor = memref<1x2x64xi8, #gpu.address_space<workgroup>>, swizzle = none, l2promo = l2promo_128b, oob = zero, interleave = none>
// CHECK-NEXT: %[[MIDX:.*]] = arith.index_cast %[[M]] : i32 to index
// CHECK-NEXT: %[[SMEM:.*]] = gpu.dynamic_shared_memory : memref<?xi8, #gpu.address_space<workgroup>>
// TMA needs 128-byte aligned destinations, the activations' 64-byte swizzle
// repeats every 512 bytes, and the dynamic shared memory is only 16-byte
// aligned: the ring starts ring = (512 - addr % 512) % 512 bytes in (the
// launch asks for 512 bytes of slack).
// CHECK-NEXT: %[[SMEM_ADDR:.*]] = memref.extract_aligned_pointer_as_index %[[SMEM]] : memref<?xi8, #gpu.address_space<workgroup>> -> index
// CHECK-NEXT: %[[AL0:.*]] = arith.constant 512 : index
// CHECK-NEXT: %[[MISALIGN:.*]] = arith.remui %[[SMEM_ADDR]], %[[AL0]] : index
// CHECK-NEXT: %[[AL1:.*]] = arith.constant 512 : index
// CHECK-NEXT: %[[GAP:.*]] = arith.subi %[[AL1]], %[[MISALIGN]] : index
// CHECK-NEXT: %[[AL2:.*]] = arith.constant 512 : index
// CHECK-NEXT: %[[RING:.*]] = arith.remui %[[GAP]], %[[AL2]] : index
// CHECK-NEXT: %[[BARS:.*]] = nvgpu.mbarrier.create -> <memorySpace = #gpu.address_space<workgroup>, num_barriers = 8>
// CHECK-NEXT: %[[TID:.*]] = gpu.thread_id x
// The block's tile, numbered row by row whatever the launch's shape: t = by *
// grid x + bx of the tile grid (N / 128 = 2 blocks along N, ceil(M / 16)
// token tiles), or a split tail's row of blocks, which launches (C - 1) =
// one block per tail tile beyond the tiles: the tiles before `whole` one
// block each, then two blocks per tile, consumer t % 2 of block t working.
// CHECK-NEXT: %[[GX:.*]] = gpu.grid_dim x
// CHECK-NEXT: %[[BY0:.*]] = gpu.block_id y
// CHECK-NEXT: %[[ROWS:.*]] = arith.muli %[[BY0]], %[[GX]] : index
// CHECK-NEXT: %[[BX0:.*]] = gpu.block_id x
// CHECK-NEXT: %[[BLOCK:.*]] = arith.addi %[[ROWS]], %[[BX0]] : index
// CHECK-NEXT: %[[GY:.*]] = gpu.grid_dim y
// CHECK-NEXT: %[[LAUNCHED:.*]] = arith.muli %[[GX]], %[[GY]] : index
// CHECK-NEXT: %[[T_1:.*]] = arith.constant 15 : index
// CHECK-NEXT: %[[M_UP:.*]] = arith.addi %[[MIDX]], %[[T_1]] : index
// CHECK-NEXT: %[[T:.*]] = arith.constant 16 : index
// CHECK-NEXT: %[[TOKEN_TILES:.*]] = arith.divui %[[M_UP]], %[[T]] : index
// CHECK-NEXT: %[[ALONG_N:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[TILES:.*]] = arith.muli %[[TOKEN_TILES]], %[[ALONG_N]] : index
// CHECK-NEXT: %[[EXTRA:.*]] = arith.subi %[[LAUNCHED]], %[[TILES]] : index
// CHECK-NEXT: %[[C_MINUS_1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[TAIL_TILES:.*]] = arith.divui %[[EXTRA]], %[[C_MINUS_1]] : index
// CHECK-NEXT: %[[WHOLE:.*]] = arith.subi %[[TILES]], %[[TAIL_TILES]] : index
// CHECK-NEXT: %[[IS_TAIL:.*]] = arith.cmpi uge, %[[BLOCK]], %[[WHOLE]] : index
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[PAST0:.*]] = arith.subi %[[BLOCK]], %[[WHOLE]] : index
// CHECK-NEXT: %[[PAST:.*]] = arith.select %[[IS_TAIL]], %[[PAST0]], %[[Z]] : index
// CHECK-NEXT: %[[C:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[TAIL_INDEX:.*]] = arith.divui %[[PAST]], %[[C]] : index
// CHECK-NEXT: %[[TAIL_TILE:.*]] = arith.addi %[[WHOLE]], %[[TAIL_INDEX]] : index
// CHECK-NEXT: %[[TILE:.*]] = arith.select %[[IS_TAIL]], %[[TAIL_TILE]], %[[BLOCK]] : index
// CHECK-NEXT: %[[C_1:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[WORKER:.*]] = arith.remui %[[PAST]], %[[C_1]] : index
// CHECK-NEXT: %[[ALONG_N1:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[BX:.*]] = arith.remui %[[TILE]], %[[ALONG_N1]] : index
// CHECK-NEXT: %[[ALONG_N2:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[BY:.*]] = arith.divui %[[TILE]], %[[ALONG_N2]] : index
// Without split-K the block's K slice is all of K: k blocks [0, K / 64).
// CHECK-NEXT: %[[KB_BEGIN:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[KB_END:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[COUNT:.*]] = arith.subi %[[KB_END]], %[[KB_BEGIN]] : index

// Thread 0 fetches the four TMA descriptors ahead of their first copies,
// initializes full[s] (count 1) and empty[s] = barrier S + s (count 128 * 2
// consumer threads), then the whole block synchronizes.
// CHECK: %[[IS_T0:.*]] = arith.cmpi eq, %[[TID]], %{{.*}} : index
// CHECK-NEXT: scf.if %[[IS_T0]] {
// CHECK-NEXT: nvgpu.tma.prefetch.descriptor %[[WDESC]]
// CHECK-NEXT: nvgpu.tma.prefetch.descriptor %[[XDESC]]
// CHECK-NEXT: nvgpu.tma.prefetch.descriptor %[[SDESC]]
// CHECK-NEXT: nvgpu.tma.prefetch.descriptor %[[ADESC]]
// CHECK-NEXT: %[[F0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1 : index
// CHECK-NEXT: nvgpu.mbarrier.init %[[BARS]][%[[F0]]], %[[ONE]] : <memorySpace = #gpu.address_space<workgroup>, num_barriers = 8>
// A split tail's block counts its working consumer's 128 only.
// CHECK-NEXT: %[[E0:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[CONS_THREADS:.*]] = arith.constant 256 : index
// CHECK-NEXT: %[[WORKER_THREADS:.*]] = arith.constant 128 : index
// CHECK-NEXT: %[[RELEASES:.*]] = arith.select %[[IS_TAIL]], %[[WORKER_THREADS]], %[[CONS_THREADS]] : index
// CHECK-NEXT: nvgpu.mbarrier.init %[[BARS]][%[[E0]]], %[[RELEASES]]
// CHECK: %[[F3:.*]] = arith.constant 3 : index
// CHECK-NEXT: %[[ONE3:.*]] = arith.constant 1 : index
// CHECK-NEXT: nvgpu.mbarrier.init %[[BARS]][%[[F3]]], %[[ONE3]]
// CHECK-NEXT: %[[E3:.*]] = arith.constant 7 : index
// CHECK: nvgpu.mbarrier.init %[[BARS]][%[[E3]]], %{{.*}}
// CHECK-NEXT: }
// CHECK-NEXT: gpu.barrier

// Producer: lane 0 of producer warps 0 and 1 issues the copies, warp 0 the
// weights and activations, warp 1 the group parameters (one thread's four
// TMA issues per stage limited short stages). Each waits on empty[stage]
// (the opposite parity, which a fresh barrier passes at once); warp 0
// announces the stage's bytes (5120 + 2 x 128). With one token tile both
// copy through the hinted maps.
// CHECK-NEXT: liquid_gpu.warp_specialize consumers = 2 registers(40, 232) producer {
// CHECK-NEXT: %[[C32:.*]] = arith.constant 32 : index
// CHECK-NEXT: %[[LANE:.*]] = arith.remui %[[TID]], %[[C32]] : index
// CHECK-NEXT: %[[C0L:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[IS_LANE0:.*]] = arith.cmpi eq, %[[LANE]], %[[C0L]] : index
// CHECK-NEXT: %[[C32W:.*]] = arith.constant 32 : index
// CHECK-NEXT: %[[PWARP:.*]] = arith.divui %[[TID]], %[[C32W]] : index
// CHECK-NEXT: %[[NWARPS:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[COPIES:.*]] = arith.cmpi ult, %[[PWARP]], %[[NWARPS]] : index
// CHECK-NEXT: %[[LEADER:.*]] = arith.andi %[[IS_LANE0]], %[[COPIES]] : i1
// CHECK-NEXT: scf.if %[[LEADER]] {
// CHECK-NEXT: scf.index_switch %[[PWARP]]
// Warp 1: the group parameters of group 64 kb / G of the block's row
// blocks, s then a, after the 4 x 5120 bytes of stages; no announcement.
// CHECK-NEXT: case 1 {
// CHECK: scf.for %[[KBP:.*]] = %[[KB_BEGIN]] to %[[KB_END]] step %{{.*}} {
// CHECK: %[[STAGEP:.*]] = arith.remui
// CHECK: nvgpu.mbarrier.try_wait.parity
// CHECK-NEXT: %[[C64G:.*]] = arith.constant 64 : index
// CHECK-NEXT: %[[KB64:.*]] = arith.muli %[[KBP]], %[[C64G]] : index
// CHECK-NEXT: %[[G:.*]] = arith.constant 64 : index
// CHECK-NEXT: %[[GROUP:.*]] = arith.divui %[[KB64]], %[[G]] : index
// CHECK-NEXT: %[[RING_BYTES:.*]] = arith.constant 20480 : index
// CHECK-NEXT: %[[PARAMS:.*]] = arith.addi %[[RING]], %[[RING_BYTES]] : index
// CHECK-NEXT: %[[P:.*]] = arith.constant 256 : index
// CHECK-NEXT: %[[POFF:.*]] = arith.muli %[[STAGEP]], %[[P]] : index
// CHECK-NEXT: %[[SOFF:.*]] = arith.addi %[[PARAMS]], %[[POFF]] : index
// CHECK-NEXT: %[[SDST:.*]] = memref.view %[[SMEM]][%[[SOFF]]][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<1x2x64xi8, #gpu.address_space<workgroup>>
// CHECK-NEXT: %[[C2P:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[ROW_BLOCK_P:.*]] = arith.muli %[[BX]], %[[C2P]] : index
// CHECK-NEXT: %[[Z2:.*]] = arith.constant 0 : index
// CHECK-NEXT: nvgpu.tma.async.load %{{.*}}[%[[Z2]], %[[ROW_BLOCK_P]], %[[GROUP]]], %[[BARS]][%[[STAGEP]]] to %[[SDST]] : {{.*}} -> memref<1x2x64xi8, #gpu.address_space<workgroup>>
// The a blocks 128 bytes (one parameter array) further.
// CHECK: %[[HALF:.*]] = arith.constant 128 : index
// CHECK-NEXT: %[[AOFF:.*]] = arith.addi %{{.*}}, %[[HALF]] : index
// CHECK-NEXT: %[[ADST:.*]] = memref.view %[[SMEM]][%[[AOFF]]][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<1x2x64xi8, #gpu.address_space<workgroup>>
// CHECK: nvgpu.tma.async.load %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}], %[[BARS]][%[[STAGEP]]] to %[[ADST]] : {{.*}} -> memref<1x2x64xi8, #gpu.address_space<workgroup>>
// CHECK: } else {
// CHECK: nvgpu.tma.async.load %[[SDESC]][
// CHECK: nvgpu.tma.async.load %[[ADESC]][
// CHECK-NOT: nvgpu.mbarrier.arrive.expect_tx
// CHECK: default {
// L2 priorities, given to the TMA loads by liquid-tma-l2-policy: with one
// token tile (M <= 16) the producer copies through these, which evict the
// streamed weights and group parameters first and keep the activation tile
// every block reads; else through the plain maps.
// CHECK-NEXT: %[[T16:.*]] = arith.constant 16 : index
// CHECK-NEXT: %[[ONE_TILE:.*]] = arith.cmpi ule, %[[MIDX]], %[[T16]] : index
// CHECK-NEXT: %[[FIRST:.*]] = llvm.inline_asm asm_dialect = att "createpolicy.fractional.L2::evict_first.b64 $0, 1.0;", "=l" {{ *}}: () -> i64
// CHECK-NEXT: %[[LAST:.*]] = llvm.inline_asm asm_dialect = att "createpolicy.fractional.L2::evict_last.b64 $0, 1.0;", "=l" {{ *}}: () -> i64
// CHECK-NEXT: %[[WHINT:.*]] = liquid_gpu.tma_l2_policy %[[WDESC]], %[[FIRST]] : <tensor = memref<2x1x8x256xi8,
// CHECK-NEXT: %[[XHINT:.*]] = liquid_gpu.tma_l2_policy %[[XDESC]], %[[LAST]] : <tensor = memref<16x64xi8,
// CHECK-NEXT: %[[SHINT:.*]] = liquid_gpu.tma_l2_policy %[[SDESC]], %[[FIRST]] : <tensor = memref<1x2x64xi8,
// CHECK-NEXT: %[[AHINT:.*]] = liquid_gpu.tma_l2_policy %[[ADESC]], %[[FIRST]] : <tensor = memref<1x2x64xi8,
// CHECK-NEXT: scf.if %[[ONE_TILE]] {
// CHECK-NEXT: %[[C16:.*]] = arith.constant 16 : index
// CHECK-NEXT: %[[TOKEN0:.*]] = arith.muli %[[BY]], %[[C16]] : index
// CHECK: scf.for %[[KB:.*]] = %[[KB_BEGIN]] to %[[KB_END]] step %{{.*}} {
// CHECK-NEXT: %[[KB_REL:.*]] = arith.subi %[[KB]], %[[KB_BEGIN]] : index
// CHECK-NEXT: %[[NS:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[STAGE:.*]] = arith.remui %[[KB_REL]], %[[NS]] : index
// CHECK: %[[ROUND:.*]] = arith.divui %[[KB_REL]], %{{.*}} : index
// CHECK: %[[PAR:.*]] = arith.remui %[[ROUND]], %{{.*}} : index
// CHECK-NEXT: %[[PAR_I1:.*]] = arith.index_cast %[[PAR]] : index to i1
// CHECK-NEXT: %[[TRUE:.*]] = arith.constant true
// CHECK-NEXT: %[[EMPTY_PAR:.*]] = arith.xori %[[PAR_I1]], %[[TRUE]] : i1
// CHECK-NEXT: %[[NS2:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[EMPTY:.*]] = arith.addi %[[STAGE]], %[[NS2]] : index
// CHECK-NEXT: %[[TICKS:.*]] = arith.constant 10000000 : index
// CHECK-NEXT: nvgpu.mbarrier.try_wait.parity %[[BARS]][%[[EMPTY]]], %[[EMPTY_PAR]], %[[TICKS]]
// CHECK-NEXT: %[[STAGE_BYTES:.*]] = arith.constant 5120 : index
// CHECK-NEXT: %[[STAGE_OFF:.*]] = arith.muli %[[STAGE]], %[[STAGE_BYTES]] : index
// CHECK-NEXT: %[[OFF:.*]] = arith.addi %[[RING]], %[[STAGE_OFF]] : index
// CHECK-NEXT: %[[TX:.*]] = arith.constant 5376 : index
// CHECK-NEXT: nvgpu.mbarrier.arrive.expect_tx %[[BARS]][%[[STAGE]]], %[[TX]]
// CHECK-NEXT: %[[WDST:.*]] = memref.view %[[SMEM]][%[[OFF]]][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<2x1x8x256xi8, #gpu.address_space<workgroup>>
// CHECK-NEXT: %[[C2:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[ROW_BLOCK:.*]] = arith.muli %[[BX]], %[[C2]] : index
// CHECK-NEXT: %[[Z0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[Z1:.*]] = arith.constant 0 : index
// CHECK-NEXT: nvgpu.tma.async.load %[[WHINT]][%[[Z0]], %[[Z1]], %[[KB]], %[[ROW_BLOCK]]], %[[BARS]][%[[STAGE]]] to %[[WDST]] : {{.*}} -> memref<2x1x8x256xi8, #gpu.address_space<workgroup>>
// CHECK-NEXT: %[[WBYTES:.*]] = arith.constant 4096 : index
// CHECK-NEXT: %[[XOFF:.*]] = arith.addi %[[OFF]], %[[WBYTES]] : index
// CHECK-NEXT: %[[XDST:.*]] = memref.view %[[SMEM]][%[[XOFF]]][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<16x64xi8, #gpu.address_space<workgroup>>
// The activation box: 64 k bytes (from byte 64 kb of each token row) of
// T tokens.
// CHECK-NEXT: %[[C64K:.*]] = arith.constant 64 : index
// CHECK-NEXT: %[[KBYTE:.*]] = arith.muli %[[KB]], %[[C64K]] : index
// CHECK-NEXT: nvgpu.tma.async.load %[[XHINT]][%[[KBYTE]], %[[TOKEN0]]], %[[BARS]][%[[STAGE]]] to %[[XDST]] : {{.*}} -> memref<16x64xi8, #gpu.address_space<workgroup>>
// CHECK-NEXT: }
// With more token tiles the same loop copies through the plain maps.
// CHECK-NEXT: } else {
// CHECK: scf.for
// CHECK: nvgpu.tma.async.load %[[WDESC]][
// CHECK: nvgpu.tma.async.load %[[XDESC]][
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }

// Consumer: its two fragment rows row0 = 128 bx + 64 c + 16 w + l / 4 and
// row1 = row0 + 8.
// CHECK-NEXT: } consumer {
// CHECK-NEXT: ^bb0(%[[CID:.*]]: index):
// CHECK: %[[C64:.*]] = arith.constant 64 : index
// CHECK-NEXT: %[[CROW:.*]] = arith.muli %[[CID]], %[[C64]] : index
// CHECK-NEXT: %[[C128:.*]] = arith.constant 128 : index
// CHECK-NEXT: %[[BROW:.*]] = arith.muli %[[BX]], %[[C128]] : index
// CHECK-NEXT: %[[BLOCK_ROW:.*]] = arith.addi %[[BROW]], %[[CROW]] : index
// CHECK: %[[ROW0:.*]] = arith.addi %[[BLOCK_ROW]], %{{.*}} : index
// CHECK-NEXT: %[[C8:.*]] = arith.constant 8 : index
// CHECK-NEXT: %[[ROW1:.*]] = arith.addi %[[ROW0]], %[[C8]] : index
// The thread's (row0, row1) pair in a stage's s (or a) blocks: 16-bit
// element 32 c + t / 4.
// CHECK-NEXT: %[[QUADS:.*]] = arith.constant 32 : index
// CHECK-NEXT: %[[FIRST_QUAD:.*]] = arith.muli %[[CID]], %[[QUADS]] : index
// CHECK-NEXT: %[[C4Q:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[QUAD_IN:.*]] = arith.divui %{{.*}}, %[[C4Q]] : index
// CHECK-NEXT: %[[PAIR:.*]] = arith.addi %[[FIRST_QUAD]], %[[QUAD_IN]] : index
// A tile of at most 32 tokens loads the epilogue's scales now, before the
// main loop hides their latency (DRAM: nothing brought them to L2). The
// thread's accumulator e = 4 i + 2 h + c is token 8 i + 2 (l % 4) + c of the
// block's tile and channel row0 (h = 0) or row1 (h = 1): s1 of both rows,
// then sx of each token, read at M - 1 for tokens past M (no branch before
// the math).
// CHECK: %[[TILE_TOKEN:.*]] = arith.muli %[[BY]], %{{.*}} : index
// CHECK-NEXT: %[[FIRST_TOKEN:.*]] = arith.addi %[[TILE_TOKEN]], %{{.*}} : index
// CHECK-NEXT: %[[ONE_T:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[LAST_TOKEN:.*]] = arith.subi %[[MIDX]], %[[ONE_T]] : index
// CHECK-NEXT: %[[ROW0_I64:.*]] = arith.index_cast %[[ROW0]] : index to i64
// CHECK-NEXT: %[[S1_P0:.*]] = llvm.getelementptr %[[S1]][%[[ROW0_I64]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, f32
// CHECK-NEXT: %[[CH_SCALE0:.*]] = llvm.load %[[S1_P0]] invariant {alignment = 4 : i64} : !llvm.ptr<1> -> f32
// CHECK-NEXT: %[[ROW1_I64:.*]] = arith.index_cast %[[ROW1]] : index to i64
// CHECK-NEXT: %[[S1_P1:.*]] = llvm.getelementptr %[[S1]][%[[ROW1_I64]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, f32
// CHECK-NEXT: %[[CH_SCALE1:.*]] = llvm.load %[[S1_P1]] invariant {alignment = 4 : i64} : !llvm.ptr<1> -> f32
// CHECK-NEXT: %[[COL0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[TOKEN:.*]] = arith.addi %[[FIRST_TOKEN]], %[[COL0]] : index
// CHECK-NEXT: %[[CLAMPED:.*]] = arith.minui %[[TOKEN]], %[[LAST_TOKEN]] : index
// CHECK-NEXT: %[[TOKEN_I64:.*]] = arith.index_cast %[[CLAMPED]] : index to i64
// CHECK-NEXT: %[[SX_P:.*]] = llvm.getelementptr %[[SX]][%[[TOKEN_I64]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, f32
// CHECK-NEXT: %[[TOKEN_SCALE:.*]] = llvm.load %[[SX_P]] invariant {alignment = 4 : i64} : !llvm.ptr<1> -> f32
// CHECK-NEXT: %[[COL1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[TOKEN1:.*]] = arith.addi %[[FIRST_TOKEN]], %[[COL1]] : index
// CHECK-NEXT: arith.minui %[[TOKEN1]], %[[LAST_TOKEN]] : index
// CHECK: %[[TOKEN_SCALE1:.*]] = llvm.load %{{.*}} invariant {alignment = 4 : i64} : !llvm.ptr<1> -> f32
// CHECK-COUNT-2: arith.minui %{{.*}}, %[[LAST_TOKEN]] : index
// The B descriptor of ring stage 0's activations (K-major, 64-byte
// swizzle), built once: (addr & 0x3FFFF) >> 4 | LBO 1 (unused) << 16 |
// SBO (8 tokens * 64 B) >> 4 << 32 | layout 2 (64B swizzle) << 62 = ... |
// 0x8000_0020_0001_0000 (-9223371899415756800 as i64).
// CHECK: %[[WBYTES:.*]] = arith.constant 4096 : index
// CHECK-NEXT: %[[XOFF:.*]] = arith.addi %[[RING]], %[[WBYTES]] : index
// CHECK-NEXT: %[[XTILE:.*]] = memref.view %[[SMEM]][%[[XOFF]]][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<16x64xi8, #gpu.address_space<workgroup>>
// CHECK-NEXT: %[[XADDR:.*]] = memref.extract_aligned_pointer_as_index %[[XTILE]]
// CHECK-NEXT: %[[XADDR64:.*]] = arith.index_cast %[[XADDR]] : index to i64
// CHECK-NEXT: %[[MASK:.*]] = arith.constant 262143 : i64
// CHECK-NEXT: %[[MASKED:.*]] = arith.andi %[[XADDR64]], %[[MASK]] : i64
// CHECK-NEXT: %[[SH4:.*]] = arith.constant 4 : i64
// CHECK-NEXT: %[[FIELD:.*]] = arith.shrui %[[MASKED]], %[[SH4]] : i64
// CHECK-NEXT: %[[FIXED:.*]] = arith.constant -9223371899415756800 : i64
// CHECK-NEXT: %[[DESC_BASE:.*]] = arith.ori %[[FIELD]], %[[FIXED]] : i64
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant dense<0> : vector<8xi32>

// A consumer of a tail tile's block other than the working one skips the
// ring and joins only the two barriers of the working consumer's epilogue;
// the branch takes lane 0's copy of its condition, which ptxas knows to be
// warp-uniform (the main loop keeps the uniform datapath).
// CHECK-NEXT: %[[OTHER:.*]] = arith.cmpi ne, %[[CID]], %[[WORKER]] : index
// CHECK-NEXT: %[[IDLE:.*]] = arith.andi %[[IS_TAIL]], %[[OTHER]] : i1
// CHECK-NEXT: %[[IDLE32:.*]] = arith.extui %[[IDLE]] : i1 to i32
// CHECK-NEXT: %[[ALL:.*]] = arith.constant -1 : i32
// CHECK-NEXT: %[[LANE0:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[CLAMP:.*]] = arith.constant 31 : i32
// CHECK-NEXT: %[[UNIFORM:.*]] = nvvm.shfl.sync idx %[[ALL]], %[[IDLE32]], %[[LANE0]], %[[CLAMP]] : i32 -> i32
// CHECK-NEXT: %[[Z32:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[SKIP:.*]] = arith.cmpi ne, %[[UNIFORM]], %[[Z32]] : i32
// CHECK-NEXT: scf.if %[[SKIP]] {
// CHECK-NEXT: llvm.inline_asm has_side_effects asm_dialect = att "bar.sync 1, 256;", "~{memory}"  : () -> ()
// CHECK-NEXT: llvm.inline_asm has_side_effects asm_dialect = att "bar.sync 1, 256;", "~{memory}"  : () -> ()
// CHECK-NEXT: } else {

// The main loop runs four ring uses (k blocks) per iteration from use 0,
// carrying the accumulators; a use's stage is its remainder by the stage
// count.
// CHECK-NEXT: %[[FOUR:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[FOUR1:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[ROUNDS:.*]] = arith.divui %[[COUNT]], %[[FOUR1]] : index
// CHECK-NEXT: %[[SPAN:.*]] = arith.muli %[[ROUNDS]], %[[FOUR]] : index
// CHECK-NEXT: %[[LOOP_END:.*]] = arith.addi %[[USE0:.*]], %[[SPAN]] : index
// CHECK-NEXT: %[[LOOP:.*]] = scf.for %[[U:.*]] = %[[USE0]] to %[[LOOP_END]] step %[[FOUR]] iter_args(%[[ITER:.*]] = %[[ZERO]]) -> (vector<8xi32>) {
// CHECK-NEXT: %[[NSU:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[STAGE2:.*]] = arith.remui %[[U]], %[[NSU]] : index
// CHECK: %[[PAR2:.*]] = arith.index_cast %{{.*}} : index to i1
// CHECK-NEXT: %[[TICKS2:.*]] = arith.constant 10000000 : index
// CHECK-NEXT: nvgpu.mbarrier.try_wait.parity %[[BARS]][%[[STAGE2]]], %[[PAR2]], %[[TICKS2]]
// CHECK-NEXT: %[[STAGE_BYTES2:.*]] = arith.constant 5120 : index
// CHECK-NEXT: %[[STAGE_OFF2:.*]] = arith.muli %[[STAGE2]], %[[STAGE_BYTES2]] : index
// CHECK-NEXT: %[[OFF2:.*]] = arith.addi %[[RING]], %[[STAGE_OFF2]] : index
// CHECK-NEXT: %[[WBUF:.*]] = memref.view %[[SMEM]][%[[OFF2]]][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<2x2048xi8, #gpu.address_space<workgroup>>
// CHECK-NEXT: %[[FRAG:.*]] = liquid_gpu.load_weight_fragment %[[WBUF]][%[[CID]]] : memref<2x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
// The stage's group parameters, where the producer's TMA put them: the s
// pairs, then the a pairs 128 bytes (64 pairs) further.
// CHECK-NEXT: %[[RING_BYTES2:.*]] = arith.constant 20480 : index
// CHECK-NEXT: %[[PARAMS2:.*]] = arith.addi %[[RING]], %[[RING_BYTES2]] : index
// CHECK-NEXT: %[[P2:.*]] = arith.constant 256 : index
// CHECK-NEXT: %[[POFF2:.*]] = arith.muli %[[STAGE2]], %[[P2]] : index
// CHECK-NEXT: %[[SOFF2:.*]] = arith.addi %[[PARAMS2]], %[[POFF2]] : index
// CHECK-NEXT: %[[PBUF:.*]] = memref.view %[[SMEM]][%[[SOFF2]]][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<2x64xi16, #gpu.address_space<workgroup>>
// CHECK-NEXT: %[[IS:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[S16:.*]] = memref.load %[[PBUF]][%[[IS]], %[[PAIR]]] : memref<2x64xi16, #gpu.address_space<workgroup>>
// CHECK-NEXT: %[[PS:.*]] = arith.extui %[[S16]] : i16 to i32
// CHECK-NEXT: %[[IA:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[A16:.*]] = memref.load %[[PBUF]][%[[IA]], %[[PAIR]]] : memref<2x64xi16, #gpu.address_space<workgroup>>
// CHECK-NEXT: %[[PA:.*]] = arith.extui %[[A16]] : i16 to i32

// The pairs' bytes: low byte row0, high byte row1.
// CHECK-NEXT: %[[FF0:.*]] = arith.constant 255 : i32
// CHECK-NEXT: %[[PS0:.*]] = arith.andi %[[PS]], %[[FF0]] : i32
// CHECK-NEXT: %[[EIGHT0:.*]] = arith.constant 8 : i32
// CHECK-NEXT: %[[PS1:.*]] = arith.shrui %[[PS]], %[[EIGHT0]] : i32
// CHECK-NEXT: %[[FF1:.*]] = arith.constant 255 : i32
// CHECK-NEXT: %[[PA0:.*]] = arith.andi %[[PA]], %[[FF1]] : i32
// CHECK-NEXT: %[[EIGHT1:.*]] = arith.constant 8 : i32
// CHECK-NEXT: %[[PA1:.*]] = arith.shrui %[[PA]], %[[EIGHT1]] : i32

// A register r holds row 16 w + l / 4 + 8 (r % 2): even r row0, odd r row1.
// Low nibbles: the first k32 step; high nibbles: the second.
// CHECK-NEXT: %[[W0:.*]] = vector.extract %[[FRAG]][0] : i32 from vector<4xi32>
// CHECK-NEXT: %[[LO0:.*]] = liquid_gpu.dequant %[[W0]], %[[PS0]], %[[PA0]] nibble = low signed : i32
// CHECK-NEXT: %[[W1:.*]] = vector.extract %[[FRAG]][1] : i32 from vector<4xi32>
// CHECK-NEXT: %[[LO1:.*]] = liquid_gpu.dequant %[[W1]], %[[PS1]], %[[PA1]] nibble = low signed : i32
// CHECK-NEXT: %[[W2:.*]] = vector.extract %[[FRAG]][2] : i32 from vector<4xi32>
// CHECK-NEXT: %[[LO2:.*]] = liquid_gpu.dequant %[[W2]], %[[PS0]], %[[PA0]] nibble = low signed : i32
// CHECK-NEXT: %[[W3:.*]] = vector.extract %[[FRAG]][3] : i32 from vector<4xi32>
// CHECK-NEXT: %[[LO3:.*]] = liquid_gpu.dequant %[[W3]], %[[PS1]], %[[PA1]] nibble = low signed : i32
// CHECK-NEXT: %[[A_LO:.*]] = vector.from_elements %[[LO0]], %[[LO1]], %[[LO2]], %[[LO3]] : vector<4xi32>
// CHECK-NEXT: %[[W4:.*]] = vector.extract %[[FRAG]][0] : i32 from vector<4xi32>
// CHECK-NEXT: %[[HI0:.*]] = liquid_gpu.dequant %[[W4]], %[[PS0]], %[[PA0]] nibble = high signed : i32
// CHECK-NEXT: %[[W5:.*]] = vector.extract %[[FRAG]][1] : i32 from vector<4xi32>
// CHECK-NEXT: %[[HI1:.*]] = liquid_gpu.dequant %[[W5]], %[[PS1]], %[[PA1]] nibble = high signed : i32
// CHECK-NEXT: %[[W6:.*]] = vector.extract %[[FRAG]][2] : i32 from vector<4xi32>
// CHECK-NEXT: %[[HI2:.*]] = liquid_gpu.dequant %[[W6]], %[[PS0]], %[[PA0]] nibble = high signed : i32
// CHECK-NEXT: %[[W7:.*]] = vector.extract %[[FRAG]][3] : i32 from vector<4xi32>
// CHECK-NEXT: %[[HI3:.*]] = liquid_gpu.dequant %[[W7]], %[[PS1]], %[[PA1]] nibble = high signed : i32
// CHECK-NEXT: %[[A_HI:.*]] = vector.from_elements %[[HI0]], %[[HI1]], %[[HI2]], %[[HI3]] : vector<4xi32>

// The stage's B descriptor is the first one advanced by stage * 5120 / 16
// units; the second k32 step starts 32 bytes (2 units) into the first
// token's row.
// CHECK-NEXT: nvvm.wgmma.fence.aligned
// CHECK-NEXT: %[[STAGE64:.*]] = arith.index_cast %[[STAGE2]] : index to i64
// CHECK-NEXT: %[[UNITS:.*]] = arith.constant 320 : i64
// CHECK-NEXT: %[[ADVANCE:.*]] = arith.muli %[[STAGE64]], %[[UNITS]] : i64
// CHECK-NEXT: %[[DESC0:.*]] = arith.addi %[[DESC_BASE]], %[[ADVANCE]] : i64
// CHECK-NEXT: %[[ACC0:.*]] = liquid_gpu.wgmma_rs %[[ITER]], %[[A_LO]], %[[DESC0]] n = 16 a_type = s8 : vector<8xi32>, vector<4xi32>
// CHECK-NEXT: %[[STEP1:.*]] = arith.constant 2 : i64
// CHECK-NEXT: %[[DESC1:.*]] = arith.addi %[[DESC0]], %[[STEP1]] : i64
// CHECK-NEXT: %[[ACC1:.*]] = liquid_gpu.wgmma_rs %[[ACC0]], %[[A_HI]], %[[DESC1]] n = 16 a_type = s8 : vector<8xi32>, vector<4xi32>
// CHECK-NEXT: nvvm.wgmma.commit.group.sync.aligned
// CHECK-NEXT: nvvm.wgmma.wait.group.sync.aligned 1
// At most this k block's MMAs are in flight now: the previous k block's
// stage goes back to the producer.
// CHECK-NEXT: %[[C0R:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[HAS_PREV:.*]] = arith.cmpi ne, %[[U]], %[[C0R]] : index
// CHECK-NEXT: scf.if %[[HAS_PREV]] {
// CHECK-NEXT: %[[NS_1:.*]] = arith.constant 3 : index
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %[[STAGE2]], %[[NS_1]] : index
// CHECK-NEXT: %[[NS3:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[PREV:.*]] = arith.remui %[[SUM]], %[[NS3]] : index
// CHECK-NEXT: %[[NS4:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[EMPTY2:.*]] = arith.addi %[[PREV]], %[[NS4]] : index
// CHECK-NEXT: nvgpu.mbarrier.arrive %[[BARS]][%[[EMPTY2]]] : <memorySpace = #gpu.address_space<workgroup>, num_barriers = 8> -> !nvgpu.mbarrier.token
// CHECK-NEXT: }
// Ring use u + 1, accumulating into u's result; then u + 2 and u + 3.
// CHECK: %[[ONE:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[U1:.*]] = arith.addi %[[U]], %[[ONE]] : index
// CHECK: nvgpu.mbarrier.try_wait.parity
// CHECK: memref.load %{{.*}} : memref<2x64xi16, #gpu.address_space<workgroup>>
// CHECK: liquid_gpu.wgmma_rs %[[ACC1]], {{.*}} n = 16 a_type = s8 : vector<8xi32>, vector<4xi32>
// CHECK-COUNT-4: liquid_gpu.wgmma_rs
// CHECK: %[[ACC7:.*]] = liquid_gpu.wgmma_rs {{.*}} n = 16 a_type = s8 : vector<8xi32>, vector<4xi32>
// CHECK-NEXT: nvvm.wgmma.commit.group.sync.aligned
// CHECK-NEXT: nvvm.wgmma.wait.group.sync.aligned 1
// CHECK: scf.yield %[[ACC7]] : vector<8xi32>
// CHECK-NEXT: }
// Up to three ring uses remain after the loop.
// CHECK-NEXT: %[[T0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[U_T0:.*]] = arith.addi %[[LOOP_END]], %[[T0]] : index
// CHECK-NEXT: %[[LEFT0:.*]] = arith.cmpi ult, %[[U_T0]], %[[COUNT]] : index
// CHECK-NEXT: %[[TAIL0:.*]] = scf.if %[[LEFT0]] -> (vector<8xi32>) {
// CHECK-COUNT-2: liquid_gpu.wgmma_rs
// CHECK: } else {
// CHECK-NEXT: scf.yield %[[LOOP]] : vector<8xi32>
// CHECK-NEXT: }
// CHECK-NEXT: %[[T1:.*]] = arith.constant 1 : index
// CHECK-NEXT: %[[U_T1:.*]] = arith.addi %[[LOOP_END]], %[[T1]] : index
// CHECK-NEXT: %[[LEFT1:.*]] = arith.cmpi ult, %[[U_T1]], %[[COUNT]] : index
// CHECK-NEXT: %[[TAIL1:.*]] = scf.if %[[LEFT1]] -> (vector<8xi32>) {
// CHECK: } else {
// CHECK-NEXT: scf.yield %[[TAIL0]] : vector<8xi32>
// CHECK-NEXT: }
// CHECK: %[[TAIL:.*]] = scf.if %{{.*}} -> (vector<8xi32>) {
// CHECK: } else {
// CHECK-NEXT: scf.yield %[[TAIL1]] : vector<8xi32>
// CHECK-NEXT: }
// The last k block's MMAs retire before the epilogue reads the accumulators.
// CHECK-NEXT: nvvm.wgmma.wait.group.sync.aligned 0

// Epilogue, with the scales loaded above. Consumer c stages its tile at
// ring + c * T * 128 (16 tokens x 128 B). Lane l = 8q + r of warp w
// addresses token row 8 (q / 2) + r, piece 2w + q % 2 of it, swizzled:
// ((2w + q % 2) ^ r) * 16.
// CHECK: %[[SADDR:.*]] = memref.extract_aligned_pointer_as_index %[[SMEM]]
// CHECK-NEXT: %[[SRING:.*]] = arith.addi %[[SADDR]], %[[RING]] : index
// CHECK-NEXT: %[[C2048:.*]] = arith.constant 2048 : index
// CHECK-NEXT: %[[COFF:.*]] = arith.muli %[[CID]], %[[C2048]] : index
// CHECK-NEXT: %[[STAGING:.*]] = arith.addi %[[SRING]], %[[COFF]] : index
// CHECK: arith.xori %{{.*}}, %{{.*}} : index
// CHECK: %[[LANE_ADDR:.*]] = arith.addi %[[STAGING]], %{{.*}} : index
// Every consumer's MMAs have retired: the ring is free for the staging.
// CHECK-NEXT: llvm.inline_asm has_side_effects asm_dialect = att "bar.sync 1, 256;", "~{memory}"  : () -> ()
// Each pair of columns is rounded and packed into one i32, low half first.
// CHECK-NEXT: %[[E0:.*]] = vector.extract %[[TAIL]][0] : i32 from vector<8xi32>
// CHECK-NEXT: %[[F0:.*]] = arith.sitofp %[[E0]] : i32 to f32
// CHECK-NEXT: %[[F1:.*]] = arith.mulf %[[F0]], %[[TOKEN_SCALE]] : f32
// CHECK-NEXT: %[[F2:.*]] = arith.mulf %[[F1]], %[[CH_SCALE0]] : f32
// CHECK-NEXT: %[[H0:.*]] = arith.truncf %[[F2]] : f32 to f16
// CHECK-NEXT: %[[E1:.*]] = vector.extract %[[TAIL]][1] : i32 from vector<8xi32>
// CHECK-NEXT: %[[G0:.*]] = arith.sitofp %[[E1]] : i32 to f32
// CHECK-NEXT: %[[G1:.*]] = arith.mulf %[[G0]], %[[TOKEN_SCALE1]] : f32
// CHECK-NEXT: %[[G2:.*]] = arith.mulf %[[G1]], %[[CH_SCALE0]] : f32
// CHECK-NEXT: %[[H1:.*]] = arith.truncf %[[G2]] : f32 to f16
// CHECK-NEXT: %[[PAIR0:.*]] = vector.from_elements %[[H0]], %[[H1]] : vector<2xf16>
// CHECK-NEXT: %[[P00:.*]] = llvm.bitcast %[[PAIR0]] : vector<2xf16> to i32
// CHECK-NEXT: vector.extract %[[TAIL]][2] : i32 from vector<8xi32>
// CHECK: arith.mulf %{{.*}}, %[[CH_SCALE1]] : f32
// CHECK: %[[P01:.*]] = llvm.bitcast %{{.*}} : vector<2xf16> to i32
// CHECK: %[[P10:.*]] = llvm.bitcast %{{.*}} : vector<2xf16> to i32
// CHECK: %[[P11:.*]] = llvm.bitcast %{{.*}} : vector<2xf16> to i32
// Once two chunks are packed, one stmatrix .x4 stages them.
// CHECK-NEXT: %[[CHUNK_OFF:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[MATRIX_ADDR:.*]] = arith.addi %[[LANE_ADDR]], %[[CHUNK_OFF]] : index
// CHECK-NEXT: %[[MATRIX_ADDR32:.*]] = arith.index_cast %[[MATRIX_ADDR]] : index to i32
// CHECK-NEXT: %[[SPTR:.*]] = llvm.inttoptr %[[MATRIX_ADDR32]] : i32 to !llvm.ptr<3>
// CHECK-NEXT: nvvm.stmatrix %[[SPTR]], %[[P00]], %[[P01]], %[[P10]], %[[P11]] {eltType = #nvvm.ld_st_matrix_elt_type<b16>, layout = #nvvm.mma_layout<col>, shape = #nvvm.ld_st_matrix_shape<m = 8, n = 8>} : !llvm.ptr<3>, i32, i32, i32, i32
// CHECK-NEXT: llvm.inline_asm has_side_effects asm_dialect = att "bar.sync 1, 256;", "~{memory}"  : () -> ()
// Copy out: thread t moves piece t % 8 (channels 8 (t % 8) ..) of token
// row t / 8, stored at piece (t % 8) ^ (t / 8 % 8); one pass of 16 rows.
// CHECK: %[[OWN_PIECE:.*]] = arith.remui %{{.*}}, %{{.*}} : index
// CHECK: %[[READ:.*]] = arith.addi %[[STAGING]], %{{.*}} : index
// CHECK: %[[COPY_TILE_TOKEN:.*]] = arith.muli %[[BY]], %{{.*}} : index
// CHECK: %[[TOKEN_ROW:.*]] = arith.addi %[[COPY_TILE_TOKEN]], %{{.*}} : index
// CHECK-NEXT: %[[ROW_IN:.*]] = arith.cmpi ult, %[[TOKEN_ROW]], %[[MIDX]] : index
// CHECK-NEXT: scf.if %[[ROW_IN]] {
// CHECK: %[[RPTR:.*]] = llvm.inttoptr %{{.*}} : i32 to !llvm.ptr<3>
// CHECK-NEXT: %[[PIECE_VAL:.*]] = llvm.load %[[RPTR]] {alignment = 16 : i64} : !llvm.ptr<3> -> vector<4xi32>
// CHECK-NEXT: %[[N:.*]] = arith.constant 256 : index
// CHECK-NEXT: %[[TN:.*]] = arith.muli %[[TOKEN_ROW]], %[[N]] : index
// CHECK-NEXT: %[[YI:.*]] = arith.addi %[[TN]], %{{.*}} : index
// CHECK-NEXT: %[[YI64:.*]] = arith.index_cast %[[YI]] : index to i64
// CHECK-NEXT: %[[YP:.*]] = llvm.getelementptr %[[Y]][%[[YI64]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, f16
// CHECK-NEXT: llvm.store %[[PIECE_VAL]], %[[YP]] {alignment = 16 : i64} : vector<4xi32>, !llvm.ptr<1>
// CHECK-NEXT: }
// The working consumer's branch ends; so do the consumers.
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: gpu.return

// T / 8 chunks x 2 columns x 2 rows = 8 accumulators in one stmatrix, one
// 16-byte store per thread.
// STORES-LABEL: gpu.func @liquid_w4a8_n256_k256_g64_xor_t16_c2_s4(
// STORES-COUNT-1: nvvm.stmatrix
// STORES-NOT: nvvm.stmatrix
// STORES-COUNT-1: llvm.store %{{.*}}, %{{.*}} {alignment = 16 : i64} : vector<4xi32>, !llvm.ptr<1>
// STORES-NOT: llvm.store
// STORES: gpu.return
// No K slice, no workspace, no cross-block reduction.
// NOSPLIT-LABEL: gpu.func @liquid_w4a8_n256_k256_g64_xor_t16_c2_s4(
// NOSPLIT-SAME: %[[WS:[a-z0-9_]+]]: !llvm.ptr<1>, %{{[a-z0-9_]+}}: i32) kernel attributes {
// NOSPLIT-NOT: %[[WS]]
// NOSPLIT-NOT: gpu.block_id z
// NOSPLIT-NOT: llvm.atomicrmw
// NOSPLIT-NOT: atomic
// NOSPLIT-NOT: llvm.fence
// NOSPLIT-NOT: memref.store {{.*}} : memref<1xi32
// NOSPLIT-NOT: memref.load {{.*}} : memref<1xi32
// NOSPLIT: gpu.return
func.func @xor_t16_c2(%x: memref<?x256xi8>, %w: memref<256x128xi8>,
    %s: memref<256x4xi8>, %a: memref<256x4xi8>, %s1: memref<256xf32>,
    %sx: memref<?xf32>, %y: memref<?x256xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x256xi8>) weights(%w : memref<256x128xi8>)
    group_params(%s, %a : memref<256x4xi8>) channel_scales(%s1 : memref<256xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x256xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 16, consumers = 2, stages = 4>
  return
}

// -----

// offset mode, one consumer, token tile 8, two stages, G = K = 128, bf16:
// u8 x s8 MMAs, unsigned dequant and the 128 * xsum[m] correction.
// One stage: 2048 + 8 * 64 = 2560 bytes, and 2 x 64 bytes of group
// parameters (one consumer's block of s and of a, each in 128).

// CHECK-LABEL: func.func @offset_t8_c1_bf16(
// CHECK: liquid.w4a8_matmul {{.*}} xsum(%{{.*}} : memref<?xi32>) {{.*}} kernel = @liquid_kernels::@liquid_w4a8_n192_k128_g128_offset_t8_c1_s2_bf16{{$}}
// CHECK: gpu.func @liquid_w4a8_n192_k128_g128_offset_t8_c1_s2_bf16(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr<1>, %{{.*}}: !llvm.ptr<1>, %[[XSUM:[a-z0-9_]+]]: !llvm.ptr<1>, %[[Y:[a-z0-9_]+]]: !llvm.ptr<1>, %{{.*}}: !llvm.ptr<1>, %{{.*}}: i32) kernel attributes {known_block_size = array<i32: 256, 1, 1>, nvvm.minctasm = 1 : i32} {
// CHECK: !llvm.ptr to !nvgpu.tensormap.descriptor<tensor = memref<1x1x8x256xi8, #gpu.address_space<workgroup>>
// CHECK: !llvm.ptr to !nvgpu.tensormap.descriptor<tensor = memref<8x64xi8, #gpu.address_space<workgroup>>
// CHECK: %[[SMEM:.*]] = gpu.dynamic_shared_memory
// CHECK-NEXT: %[[SMEM_ADDR:.*]] = memref.extract_aligned_pointer_as_index %[[SMEM]]
// CHECK: arith.remui %[[SMEM_ADDR]], %{{.*}} : index
// CHECK: %[[RING:.*]] = arith.remui %{{.*}}, %{{.*}} : index
// CHECK-NEXT: nvgpu.mbarrier.create -> <memorySpace = #gpu.address_space<workgroup>, num_barriers = 4>
// CHECK: %[[ONE:.*]] = arith.constant 1 : index
// CHECK-NEXT: nvgpu.mbarrier.init %{{.*}}[%{{.*}}], %[[ONE]]
// CHECK-NEXT: %[[E0:.*]] = arith.constant 2 : index
// CHECK-NEXT: %[[CONS_THREADS:.*]] = arith.constant 128 : index
// CHECK-NEXT: nvgpu.mbarrier.init %{{.*}}[%[[E0]]], %[[CONS_THREADS]]
// CHECK: liquid_gpu.warp_specialize consumers = 1 registers(40, 256) producer {
// Warp 1's group parameters. G = 128: a group spans two k blocks, group =
// 64 kb / 128.
// CHECK: case 1 {
// CHECK: %[[KB64:.*]] = arith.muli %{{.*}}, %{{.*}} : index
// CHECK-NEXT: %[[G128:.*]] = arith.constant 128 : index
// CHECK-NEXT: %[[GROUP:.*]] = arith.divui %[[KB64]], %[[G128]] : index
// CHECK: nvgpu.tma.async.load %{{.*}}[%{{.*}}, %{{.*}}, %[[GROUP]]], {{.*}} -> memref<1x1x64xi8, #gpu.address_space<workgroup>>
// Warp 0's weights and activations; it announces 2560 + 2 x 64 bytes.
// CHECK: default {
// CHECK: %[[STAGE_BYTES:.*]] = arith.constant 2560 : index
// CHECK-NEXT: %[[STAGE_OFF:.*]] = arith.muli %{{.*}}, %[[STAGE_BYTES]] : index
// CHECK-NEXT: %[[OFF:.*]] = arith.addi %[[RING]], %[[STAGE_OFF]] : index
// CHECK-NEXT: %[[TX:.*]] = arith.constant 2688 : index
// CHECK-NEXT: nvgpu.mbarrier.arrive.expect_tx %{{.*}}[%{{.*}}], %[[TX]]
// CHECK-NEXT: memref.view %[[SMEM]][%[[OFF]]][]
// CHECK: nvgpu.tma.async.load {{.*}} -> memref<1x1x8x256xi8, #gpu.address_space<workgroup>>
// CHECK: nvgpu.tma.async.load {{.*}} -> memref<8x64xi8, #gpu.address_space<workgroup>>
// CHECK: } consumer {
// The epilogue's scales before the main loop (an 8-token tile): sx[m] and,
// in offset mode, xsum[m] << 7 of each of the thread's tokens.
// CHECK: %[[CLAMPED:.*]] = arith.minui %[[TOKEN:.*]], %{{.*}} : index
// CHECK: %[[TOKEN_SCALE:.*]] = llvm.load %{{.*}} invariant {alignment = 4 : i64} : !llvm.ptr<1> -> f32
// CHECK-NEXT: %[[TOKEN_I64:.*]] = arith.index_cast %[[CLAMPED]] : index to i64
// CHECK-NEXT: %[[XSUM_P:.*]] = llvm.getelementptr %[[XSUM]][%[[TOKEN_I64]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, i32
// CHECK-NEXT: %[[SUM:.*]] = llvm.load %[[XSUM_P]] invariant {alignment = 4 : i64} : !llvm.ptr<1> -> i32
// CHECK-NEXT: %[[C7:.*]] = arith.constant 7 : i32
// CHECK-NEXT: %[[CORR:.*]] = arith.shli %[[SUM]], %[[C7]] : i32
// CHECK: %[[ZERO:.*]] = arith.constant dense<0> : vector<4xi32>
// CHECK: %[[LOOP:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[ZERO]]) -> (vector<4xi32>) {
// CHECK: nvgpu.mbarrier.try_wait.parity
// CHECK-NEXT: %[[STAGE_BYTES2:.*]] = arith.constant 2560 : index
// CHECK-NEXT: %[[STAGE_OFF2:.*]] = arith.muli %{{.*}}, %[[STAGE_BYTES2]] : index
// CHECK-NEXT: %[[OFF2:.*]] = arith.addi %[[RING]], %[[STAGE_OFF2]] : index
// CHECK-NEXT: %[[WBUF:.*]] = memref.view %[[SMEM]][%[[OFF2]]][]
// CHECK-NEXT: liquid_gpu.load_weight_fragment %[[WBUF]][%{{.*}}] : memref<1x2048xi8, #gpu.address_space<workgroup>> -> vector<4xi32>
// CHECK-COUNT-2: memref.load %{{.*}} : memref<2x64xi16, #gpu.address_space<workgroup>>
// CHECK-COUNT-4: liquid_gpu.dequant %{{.*}}, %{{.*}}, %{{.*}} nibble = low : i32
// CHECK-COUNT-4: liquid_gpu.dequant %{{.*}}, %{{.*}}, %{{.*}} nibble = high : i32
// CHECK: nvvm.wgmma.fence.aligned
// CHECK: liquid_gpu.wgmma_rs %{{.*}}, %{{.*}}, %{{.*}} n = 8 a_type = u8 : vector<4xi32>, vector<4xi32>
// CHECK: liquid_gpu.wgmma_rs %{{.*}}, %{{.*}}, %{{.*}} n = 8 a_type = u8 : vector<4xi32>, vector<4xi32>
// CHECK-NEXT: nvvm.wgmma.commit.group.sync.aligned
// CHECK-NEXT: nvvm.wgmma.wait.group.sync.aligned 1
// CHECK: nvgpu.mbarrier.arrive
// Three tail k blocks at most; the epilogue reads the last one's sums.
// CHECK-COUNT-2: = scf.if %{{.*}} -> (vector<4xi32>)
// CHECK: %[[ACC:.*]] = scf.if %{{.*}} -> (vector<4xi32>)
// CHECK: nvvm.wgmma.wait.group.sync.aligned 0
// Epilogue: (acc - (xsum[m] << 7)) * sx[m] * s1[n], rounded to bf16. An
// 8-token tile is not staged: each output below M is one 16-bit store.
// CHECK: %[[E0:.*]] = vector.extract %[[ACC]][0] : i32 from vector<4xi32>
// CHECK-NEXT: %[[CORRECTED:.*]] = arith.subi %[[E0]], %[[CORR]] : i32
// CHECK-NEXT: %[[F0:.*]] = arith.sitofp %[[CORRECTED]] : i32 to f32
// CHECK-NEXT: %[[F1:.*]] = arith.mulf %[[F0]], %[[TOKEN_SCALE]] : f32
// CHECK-NEXT: %[[F2:.*]] = arith.mulf %[[F1]], %{{.*}} : f32
// CHECK-NEXT: %[[H:.*]] = arith.truncf %[[F2]] : f32 to bf16
// The store's bounds check is on the token whose scale was loaded.
// CHECK: %[[IN_BOUNDS:.*]] = arith.cmpi ult, %[[TOKEN]], %{{.*}} : index
// CHECK-NEXT: scf.if %[[IN_BOUNDS]] {
// CHECK-NEXT: %[[N:.*]] = arith.constant 192 : index
// CHECK-NEXT: %[[TN:.*]] = arith.muli %[[TOKEN]], %[[N]] : index
// CHECK-NEXT: %[[YI:.*]] = arith.addi %[[TN]], %{{.*}} : index
// CHECK-NEXT: %[[YI64:.*]] = arith.index_cast %[[YI]] : index to i64
// CHECK-NEXT: %[[YP:.*]] = llvm.getelementptr %[[Y]][%[[YI64]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, bf16
// CHECK-NEXT: llvm.store %[[H]], %[[YP]] : bf16, !llvm.ptr<1>
// CHECK: %[[E2:.*]] = vector.extract %[[ACC]][2] : i32 from vector<4xi32>
// CHECK-NEXT: arith.subi %[[E2]], %[[CORR]] : i32
// CHECK: gpu.return

// STORES-LABEL: gpu.func @liquid_w4a8_n192_k128_g128_offset_t8_c1_s2_bf16(
// STORES-NOT: nvvm.stmatrix
// STORES-COUNT-4: llvm.store %{{.*}}, %{{.*}} : bf16, !llvm.ptr<1>
// STORES-NOT: llvm.store
// STORES: gpu.return
// No K slice, no workspace, no cross-block reduction.
// NOSPLIT-LABEL: gpu.func @liquid_w4a8_n192_k128_g128_offset_t8_c1_s2_bf16(
// NOSPLIT-SAME: %[[WS:[a-z0-9_]+]]: !llvm.ptr<1>, %{{[a-z0-9_]+}}: i32) kernel attributes {
// NOSPLIT-NOT: %[[WS]]
// NOSPLIT-NOT: gpu.block_id z
// NOSPLIT-NOT: gpu.grid_dim
// NOSPLIT-NOT: llvm.atomicrmw
// NOSPLIT-NOT: atomic
// NOSPLIT-NOT: llvm.fence
// NOSPLIT-NOT: bar.sync
// NOSPLIT-NOT: memref.store {{.*}} : memref<1xi32
// NOSPLIT-NOT: memref.load {{.*}} : memref<1xi32
// NOSPLIT: gpu.return
func.func @offset_t8_c1_bf16(%x: memref<?x128xi8>, %w: memref<192x64xi8>,
    %s: memref<192x1xi8>, %a: memref<192x1xi8>, %s1: memref<192xf32>,
    %sx: memref<?xf32>, %xs: memref<?xi32>, %y: memref<?x192xbf16>) {
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<192x64xi8>)
    group_params(%s, %a : memref<192x1xi8>) channel_scales(%s1 : memref<192xf32>)
    token_scales(%sx : memref<?xf32>) xsum(%xs : memref<?xi32>)
    outs(%y : memref<?x192xbf16>)
    group_size = 128 mode = offset layout = dual_mma
    config = <token_tile = 8, consumers = 1, stages = 2>
  return
}

// -----

// Split-K: xor, two consumers, token tile 16, four stages, N = 256,
// K = 1024 (16 k blocks), split_k = 4. Block z reduces the k blocks
// [min(4z, 16), min(4z + 4, 16)); the ring's stage and parity count from the
// slice's first block, the TMA coordinates and group parameters use the
// absolute one. The workspace holds one record per output tile: its i32
// arrival counter (padded to 128 bytes), then one slab of int32 partial sums
// per slice:
//
//   thread 128, when the consumers start: prefetch counter[tile] into L2
//   every consumer thread: store its partials to slab z (chunk-major)
//   bar.sync 1, 128 C                             (consumer threads only)
//   thread 128: fence.acq_rel.gpu (release, cumulative through the barrier)
//               arrived = atomicrmw add counter[tile], 1 (relaxed, device)
//               flag = arrived == split_k - 1
//               if flag: fence.acq_rel.gpu (acquire); counter[tile] = 0
//   bar.sync 1, 128 C
//   if flag: total = own + volatile loads of the other slabs; the usual
//            epilogue on total

// CHECK-LABEL: func.func @split_k4(
// CHECK: liquid.w4a8_matmul {{.*}} config = <token_tile = 16, consumers = 2, stages = 4, split_k = 4> kernel = @liquid_kernels::@liquid_w4a8_n256_k1024_g64_xor_t16_c2_s4_sk4{{$}}
// CHECK: gpu.func @liquid_w4a8_n256_k1024_g64_xor_t16_c2_s4_sk4(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr<1>, %[[SX:[a-z0-9_]+]]: !llvm.ptr<1>, %{{.*}}: !llvm.ptr<1>, %[[Y:[a-z0-9_]+]]: !llvm.ptr<1>, %[[WS:[a-z0-9_]+]]: !llvm.ptr<1>, %[[M:[a-z0-9_]+]]: i32) workgroup(%[[FLAG:[a-z0-9_]+]] : memref<1xi32, #gpu.address_space<workgroup>>) kernel attributes {known_block_size = array<i32: 384, 1, 1>, nvvm.minctasm = 1 : i32} {
// CHECK: %[[TID:.*]] = gpu.thread_id x
// CHECK-NEXT: %[[BX:.*]] = gpu.block_id x
// CHECK-NEXT: %[[BY:.*]] = gpu.block_id y
// CHECK-NEXT: %[[BZ:.*]] = gpu.block_id z
// CHECK-NEXT: %[[KBLOCKS:.*]] = arith.constant 16 : index
// CHECK-NEXT: %[[SLICE:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[BEGIN_RAW:.*]] = arith.muli %[[BZ]], %[[SLICE]] : index
// CHECK-NEXT: %[[KB_BEGIN:.*]] = arith.minui %[[BEGIN_RAW]], %[[KBLOCKS]] : index
// CHECK-NEXT: %[[KBLOCKS1:.*]] = arith.constant 16 : index
// CHECK-NEXT: %[[SLICE1:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[END_RAW:.*]] = arith.addi %[[KB_BEGIN]], %[[SLICE1]] : index
// CHECK-NEXT: %[[KB_END:.*]] = arith.minui %[[END_RAW]], %[[KBLOCKS1]] : index

// Producer: the slice's k blocks; warp 1 copies the group parameters at the
// absolute k, warp 0 the weights and activations.
// CHECK: liquid_gpu.warp_specialize consumers = 2 registers(40, 232) producer {
// CHECK: case 1 {
// CHECK: scf.for %[[KBP:.*]] = %[[KB_BEGIN]] to %[[KB_END]] step %{{.*}} {
// CHECK-NEXT: %[[KBP_REL:.*]] = arith.subi %[[KBP]], %[[KB_BEGIN]] : index
// CHECK-NEXT: %[[NSP:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[STAGEP:.*]] = arith.remui %[[KBP_REL]], %[[NSP]] : index
// CHECK: %[[KBG:.*]] = arith.muli %[[KBP]], %{{.*}} : index
// CHECK: %[[GROUP:.*]] = arith.divui %[[KBG]], %{{.*}} : index
// CHECK: nvgpu.tma.async.load %{{.*}}[%{{.*}}, %{{.*}}, %[[GROUP]]], %{{.*}}[%[[STAGEP]]] to
// CHECK: nvgpu.tma.async.load %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}], %{{.*}}[%[[STAGEP]]] to
// CHECK: default {
// CHECK: scf.for %[[KB:.*]] = %[[KB_BEGIN]] to %[[KB_END]] step %{{.*}} {
// CHECK-NEXT: %[[KB_REL:.*]] = arith.subi %[[KB]], %[[KB_BEGIN]] : index
// CHECK-NEXT: %[[NS:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[STAGE:.*]] = arith.remui %[[KB_REL]], %[[NS]] : index
// CHECK-NEXT: %[[NS1:.*]] = arith.constant 4 : index
// CHECK-NEXT: arith.divui %[[KB_REL]], %[[NS1]] : index
// CHECK: nvgpu.tma.async.load %{{.*}}[%{{.*}}, %{{.*}}, %[[KB]], %{{.*}}], %{{.*}}[%[[STAGE]]] to
// CHECK: %[[KBYTE:.*]] = arith.muli %[[KB]], %{{.*}} : index
// CHECK-NEXT: nvgpu.tma.async.load %{{.*}}[%[[KBYTE]], %{{.*}}], %{{.*}}[%[[STAGE]]] to

// Consumers: the same slice, four k blocks per iteration; ring uses
// counted from the slice's start, so from 0 as the producer's. First the
// counting thread fetches the tile's counter line (below) into L2: the
// flush of the benchmark protocol, or other kernels, evicted it since the
// previous launch.
// CHECK: } consumer {
// CHECK: %[[IS_PREFETCHING:.*]] = arith.cmpi eq, %[[TID]], %{{.*}} : index
// CHECK-NEXT: scf.if %[[IS_PREFETCHING]] {
// CHECK-NEXT: %[[PGX:.*]] = gpu.grid_dim x
// CHECK-NEXT: %[[PROW:.*]] = arith.muli %[[BY]], %[[PGX]] : index
// CHECK-NEXT: %[[PTILE:.*]] = arith.addi %[[PROW]], %[[BX]] : index
// CHECK-NEXT: %[[PBYTES:.*]] = arith.constant 32896 : index
// CHECK-NEXT: %[[POFF:.*]] = arith.muli %[[PTILE]], %[[PBYTES]] : index
// CHECK-NEXT: %[[POFF64:.*]] = arith.index_cast %[[POFF]] : index to i64
// CHECK-NEXT: %[[PRECORD:.*]] = llvm.getelementptr %[[WS]][%[[POFF64]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, i8
// CHECK-NEXT: nvvm.prefetch level = L2, %[[PRECORD]] : !llvm.ptr<1>
// CHECK: %[[LOOP:.*]] = scf.for %[[U:.*]] = %c0{{(_[0-9]+)?}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (vector<8xi32>) {
// CHECK-NEXT: %[[NS2:.*]] = arith.constant 4 : index
// CHECK-NEXT: %[[STAGE2:.*]] = arith.remui %[[U]], %[[NS2]] : index
// CHECK: nvgpu.mbarrier.try_wait.parity %{{.*}}[%[[STAGE2]]]
// CHECK: scf.yield %{{.*}} : vector<8xi32>
// CHECK-NEXT: }
// CHECK-COUNT-2: = scf.if %{{.*}} -> (vector<8xi32>)
// CHECK: %[[TAIL:.*]] = scf.if %{{.*}} -> (vector<8xi32>)
// CHECK: nvvm.wgmma.wait.group.sync.aligned 0

// Tile t = by * grid x + bx owns the workspace record at t * (128 + 4 * 128
// * 16 * 4) = t * 32896: its counter, then from byte 128 its partial sums.
// Consumer thread i writes its 8 accumulators as two 16-byte chunks,
// chunk-major in its slice z's slab: chunk c at partials + (z * 2 * 256 + c
// * 256 + i) * 16 bytes, so a warp's store covers 512 contiguous bytes.
// CHECK-NEXT: %[[GX:.*]] = gpu.grid_dim x
// CHECK-NEXT: %[[TILE_ROW:.*]] = arith.muli %[[BY]], %[[GX]] : index
// CHECK-NEXT: %[[TILE:.*]] = arith.addi %[[TILE_ROW]], %[[BX]] : index
// CHECK-NEXT: %[[RECORD_BYTES:.*]] = arith.constant 32896 : index
// CHECK-NEXT: %[[RECORD_OFF:.*]] = arith.muli %[[TILE]], %[[RECORD_BYTES]] : index
// CHECK-NEXT: %[[RECORD_OFF64:.*]] = arith.index_cast %[[RECORD_OFF]] : index to i64
// CHECK-NEXT: %[[RECORD:.*]] = llvm.getelementptr %[[WS]][%[[RECORD_OFF64]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, i8
// CHECK-NEXT: %[[PAD:.*]] = arith.constant 128 : i64
// CHECK-NEXT: %[[PARTIALS:.*]] = llvm.getelementptr %[[RECORD]][%[[PAD]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, i8
// CHECK-NEXT: %[[T128A:.*]] = arith.constant 128 : index
// CHECK-NEXT: %[[CTHREAD:.*]] = arith.subi %[[TID]], %[[T128A]] : index
// CHECK-NEXT: %[[Z:.*]] = gpu.block_id z
// CHECK-NEXT: %[[SLAB_CHUNKS:.*]] = arith.constant 512 : index
// CHECK-NEXT: %[[SLAB:.*]] = arith.muli %[[Z]], %[[SLAB_CHUNKS]] : index
// CHECK-NEXT: %[[SLOT:.*]] = arith.addi %[[SLAB]], %[[CTHREAD]] : index
// CHECK-NEXT: %[[SLOT64:.*]] = arith.index_cast %[[SLOT]] : index to i64
// CHECK-NEXT: %[[OWN0:.*]] = llvm.getelementptr %[[PARTIALS]][%[[SLOT64]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, vector<4xi32>
// CHECK-NEXT: %[[THREADS:.*]] = arith.constant 256 : i64
// CHECK-NEXT: %[[OWN1:.*]] = llvm.getelementptr %[[OWN0]][%[[THREADS]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, vector<4xi32>
// CHECK-NEXT: %[[CHUNK0:.*]] = vector.shuffle %[[TAIL]], %[[TAIL]] [0, 1, 2, 3] : vector<8xi32>, vector<8xi32>
// CHECK-NEXT: llvm.store %[[CHUNK0]], %[[OWN0]] {alignment = 16 : i64} : vector<4xi32>, !llvm.ptr<1>
// CHECK-NEXT: %[[CHUNK1:.*]] = vector.shuffle %[[TAIL]], %[[TAIL]] [4, 5, 6, 7] : vector<8xi32>, vector<8xi32>
// CHECK-NEXT: llvm.store %[[CHUNK1]], %[[OWN1]] {alignment = 16 : i64} : vector<4xi32>, !llvm.ptr<1>

// Publish the partials, meet the other consumer threads; one of them
// fences (cumulative: the others' stores, ordered by the barrier) and counts
// the block in on the record's counter. The owner's fence after the add is
// the acquire of the other slices' partials, which all its consumer threads
// read after the second barrier.
// CHECK-NEXT: llvm.inline_asm has_side_effects asm_dialect = att "bar.sync 1, 256;", "~{memory}"  : () -> ()
// CHECK-NEXT: %[[T128:.*]] = arith.constant 128 : index
// CHECK-NEXT: %[[IS_COUNTING:.*]] = arith.cmpi eq, %[[TID]], %[[T128]] : index
// CHECK-NEXT: scf.if %[[IS_COUNTING]] {
// CHECK-NEXT: llvm.fence syncscope("device") acq_rel
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-NEXT: %[[ARRIVED:.*]] = llvm.atomicrmw add %[[RECORD]], %[[ONE]] syncscope("device") monotonic : !llvm.ptr<1>, i32
// CHECK-NEXT: %[[SK_M1:.*]] = arith.constant 3 : i32
// CHECK-NEXT: %[[LAST:.*]] = arith.cmpi eq, %[[ARRIVED]], %[[SK_M1]] : i32
// CHECK-NEXT: %[[LAST_I32:.*]] = arith.extui %[[LAST]] : i1 to i32
// CHECK-NEXT: %[[F0:.*]] = arith.constant 0 : index
// CHECK-NEXT: memref.store %[[LAST_I32]], %[[FLAG]][%[[F0]]] : memref<1xi32, #gpu.address_space<workgroup>>
// CHECK-NEXT: scf.if %[[LAST]] {
// CHECK-NEXT: llvm.fence syncscope("device") acq_rel
// CHECK-NEXT: %[[RESET:.*]] = arith.constant 0 : i32
// CHECK-NEXT: llvm.store %[[RESET]], %[[RECORD]] : i32, !llvm.ptr<1>
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: llvm.inline_asm has_side_effects asm_dialect = att "bar.sync 1, 256;", "~{memory}"  : () -> ()
// CHECK-NEXT: %[[F1:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[FLAG_V:.*]] = memref.load %[[FLAG]][%[[F1]]] : memref<1xi32, #gpu.address_space<workgroup>>
// CHECK-NEXT: %[[NOT_LAST:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[OWNER:.*]] = arith.cmpi ne, %[[FLAG_V]], %[[NOT_LAST]] : i32
// CHECK-NEXT: scf.if %[[OWNER]] {
// CHECK-NOT: llvm.fence

// The owner adds the other three slices' slabs, read past L1, to its own
// accumulators and scales the totals.
// CHECK: %[[TOTAL:.*]] = scf.for %[[OTHER:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[RUNNING:.*]] = %[[TAIL]]) -> (vector<8xi32>) {
// CHECK-NEXT: %[[IS_OTHER:.*]] = arith.cmpi ne, %[[OTHER]], %[[Z]] : index
// CHECK-NEXT: %{{.*}} = scf.if %[[IS_OTHER]] -> (vector<8xi32>) {
// CHECK: %[[OSLAB:.*]] = arith.muli %[[OTHER]], %{{.*}} : index
// CHECK-NEXT: %[[OSLOT:.*]] = arith.addi %[[OSLAB]], %[[CTHREAD]] : index
// CHECK-NEXT: %[[OSLOT64:.*]] = arith.index_cast %[[OSLOT]] : index to i64
// CHECK-NEXT: %[[OP0:.*]] = llvm.getelementptr %[[PARTIALS]][%[[OSLOT64]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, vector<4xi32>
// CHECK-NEXT: %[[OTHREADS:.*]] = arith.constant 256 : i64
// CHECK-NEXT: %[[OP1:.*]] = llvm.getelementptr %[[OP0]][%[[OTHREADS]]] : (!llvm.ptr<1>, i64) -> !llvm.ptr<1>, vector<4xi32>
// CHECK-NEXT: %[[PART0:.*]] = llvm.load volatile %[[OP0]] {alignment = 16 : i64} : !llvm.ptr<1> -> vector<4xi32>
// CHECK-NEXT: %[[PART1:.*]] = llvm.load volatile %[[OP1]] {alignment = 16 : i64} : !llvm.ptr<1> -> vector<4xi32>
// CHECK-NEXT: %[[PART:.*]] = vector.shuffle %[[PART0]], %[[PART1]] [0, 1, 2, 3, 4, 5, 6, 7] : vector<4xi32>, vector<4xi32>
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %[[RUNNING]], %[[PART]] : vector<8xi32>
// CHECK-NEXT: scf.yield %[[SUM]] : vector<8xi32>
// CHECK-NEXT: } else {
// CHECK-NEXT: scf.yield %[[RUNNING]] : vector<8xi32>
// CHECK-NEXT: }
// The scales were loaded before the main loop (a 16-token tile).
// CHECK: %[[T0:.*]] = vector.extract %[[TOTAL]][0] : i32 from vector<8xi32>
// CHECK-NEXT: %[[TF:.*]] = arith.sitofp %[[T0]] : i32 to f32
// CHECK-NEXT: %[[TF1:.*]] = arith.mulf %[[TF]], %{{.*}} : f32
// CHECK: nvvm.stmatrix
// CHECK: llvm.store %{{.*}}, %{{.*}} {alignment = 16 : i64} : vector<4xi32>, !llvm.ptr<1>
// CHECK: gpu.return

// STORES-LABEL: gpu.func @liquid_w4a8_n256_k1024_g64_xor_t16_c2_s4_sk4(
// STORES-NOT: : f16, !llvm.ptr<1>
// STORES-COUNT-1: llvm.store %{{.*}}, %{{.*}} {alignment = 16 : i64} : vector<4xi32>, !llvm.ptr<1>
// STORES-NOT: : f16, !llvm.ptr<1>
// STORES: gpu.return
// One atomic: the arrival counter; no atomic reads or adds of partials.
// SKADDS-LABEL: gpu.func @liquid_w4a8_n256_k1024_g64_xor_t16_c2_s4_sk4(
// SKADDS-NOT: llvm.atomicrmw
// SKADDS: llvm.atomicrmw add %{{.*}}, %{{.*}} syncscope("device") monotonic : !llvm.ptr<1>, i32
// SKADDS-NOT: llvm.atomicrmw
// SKADDS-NOT: atomic
// SKADDS: gpu.return
// Two chunk writes per thread; two chunk reads for each of the other slices
// (one loop body).
// SKLOADS-LABEL: gpu.func @liquid_w4a8_n256_k1024_g64_xor_t16_c2_s4_sk4(
// SKLOADS-COUNT-2: llvm.store %{{.*}}, %{{.*}} {alignment = 16 : i64} : vector<4xi32>, !llvm.ptr<1>
// SKLOADS-NOT: llvm.store %{{.*}}, %{{.*}} {alignment = 16 : i64} : vector<4xi32>, !llvm.ptr<1>
// SKLOADS-COUNT-2: llvm.load volatile %{{.*}} {alignment = 16 : i64} : !llvm.ptr<1> -> vector<4xi32>
// SKLOADS-NOT: llvm.load volatile
// SKLOADS: gpu.return
// The counter reset is the only i32 store to global memory.
// SKZEROS-LABEL: gpu.func @liquid_w4a8_n256_k1024_g64_xor_t16_c2_s4_sk4(
// SKZEROS-COUNT-1: llvm.store %{{.*}}, %{{.*}} : i32, !llvm.ptr<1>
// SKZEROS-NOT: : i32, !llvm.ptr<1>
// SKZEROS: gpu.return
func.func @split_k4(%x: memref<?x1024xi8>, %w: memref<256x512xi8>,
    %s: memref<256x16xi8>, %s1: memref<256xf32>, %sx: memref<?xf32>,
    %y: memref<?x256xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x1024xi8>) weights(%w : memref<256x512xi8>)
    group_params(%s, %s : memref<256x16xi8>) channel_scales(%s1 : memref<256xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x256xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 16, consumers = 2, stages = 4, split_k = 4>
  return
}

// -----

// cluster = 2: blocks 2i and 2i + 1 along N (N = 256: two blocks of two
// consumers) share each stage's 16-token activation tile. Each loads its
// rank's 8 tokens (512 bytes, one swizzle period) into its own and its
// peer's stage at offset rank * 512 (TMA multicast, mask 0b11); the full
// barrier still expects the whole 5120-byte stage. The empty barriers count
// one arrive per consumer warp and block of the cluster (2 x 4 x 2 = 16),
// and lanes 0 and 1 of each consumer warp release the stage in block 0 and
// block 1 (mapa to the peer's barrier; the arrive keeps CTA scope, which
// needs no GPU-wide fence), the last stage too. A cluster barrier after the
// initialization; the producer's tail waits for the release of every stage's
// last use (ring uses count .. count + S - 1) so that no block exits while
// its peer may still arrive on its barriers.

// CLUSTER-LABEL: gpu.func @liquid_w4a8_n256_k128_g64_xor_t16_c2_s2_cl2(
// CLUSTER-SAME: nvvm.cluster_dim = array<i32: 2, 1, 1>
// The rank is blockIdx.x % 2 whatever the launch's shape (the tile grid's
// rows and a split tail's one row are whole clusters), after the tile.
// CLUSTER: gpu.block_id x
// CLUSTER: %[[BX:.*]] = gpu.block_id x
// CLUSTER-NEXT: %[[TWO:.*]] = arith.constant 2 : index
// CLUSTER-NEXT: %[[RANK:.*]] = arith.remui %[[BX]], %[[TWO]] : index
// The k blocks of the block's slice.
// CLUSTER: %[[SLICE_COUNT:.*]] = arith.subi %{{.*}}, %{{.*}} : index
// CLUSTER: nvgpu.mbarrier.init %{{.*}}[%{{.*}}], %c1
// CLUSTER: %[[RELEASES:.*]] = arith.constant 16 : index
// CLUSTER-NEXT: %[[TAIL_RELEASES:.*]] = arith.constant 8 : index
// CLUSTER-NEXT: %[[COUNT:.*]] = arith.select %{{.*}}, %[[TAIL_RELEASES]], %[[RELEASES]] : index
// CLUSTER-NEXT: nvgpu.mbarrier.init %{{.*}}[%{{.*}}], %[[COUNT]] :
// CLUSTER: nvgpu.mbarrier.init %{{.*}}[%{{.*}}], %c1
// CLUSTER: arith.constant 16 : index
// CLUSTER-NEXT: arith.constant 8 : index
// CLUSTER-NEXT: arith.select
// CLUSTER-NEXT: nvgpu.mbarrier.init
// CLUSTER-NEXT: nvvm.fence.mbarrier.init
// CLUSTER-NEXT: }
// CLUSTER-NEXT: nvvm.cluster.arrive.relaxed
// CLUSTER-NEXT: nvvm.cluster.wait
// Warp 1 copies each block's own group parameters, not multicast.
// CLUSTER: case 1 {
// CLUSTER-NOT: multicast_mask
// CLUSTER: nvgpu.tma.async.load {{.*}} -> memref<1x2x64xi8, #gpu.address_space<workgroup>>
// CLUSTER-NOT: multicast_mask
// CLUSTER: nvgpu.tma.async.load {{.*}} -> memref<1x2x64xi8, #gpu.address_space<workgroup>>
// CLUSTER-NOT: multicast_mask
// CLUSTER: default {
// The tile's activation slices (8 tokens each) that hold a token below M:
// ceil((M - 16 by) / 8), at most 2. A slice wholly past M (the second one
// at M = 16 by + 1 .. 16 by + 8) is not copied: TMA would only zero-fill it
// (measured far slower than a copy) for outputs that are never stored.
// CLUSTER: %[[TILE_FIRST:.*]] = arith.muli %{{.*}}, %c16{{[_0-9]*}} : index
// CLUSTER-NEXT: %[[VALID:.*]] = arith.subi %{{.*}}, %[[TILE_FIRST]] : index
// CLUSTER-NEXT: %[[C7:.*]] = arith.constant 7 : index
// CLUSTER-NEXT: %[[ROUND_UP:.*]] = arith.addi %[[VALID]], %[[C7]] : index
// CLUSTER-NEXT: %[[C8S:.*]] = arith.constant 8 : index
// CLUSTER-NEXT: %[[VALID_SLICES:.*]] = arith.divui %[[ROUND_UP]], %[[C8S]] : index
// CLUSTER-NEXT: %[[CS:.*]] = arith.constant 2 : index
// CLUSTER-NEXT: %[[SLICES:.*]] = arith.minui %[[VALID_SLICES]], %[[CS]] : index
// CLUSTER-NEXT: %[[CS1:.*]] = arith.constant 2 : index
// CLUSTER-NEXT: %[[SKIPPED:.*]] = arith.subi %[[CS1]], %[[SLICES]] : index
// CLUSTER-NEXT: %[[SLICE_BYTES:.*]] = arith.constant 512 : index
// CLUSTER-NEXT: %[[SKIPPED_BYTES:.*]] = arith.muli %[[SKIPPED]], %[[SLICE_BYTES]] : index
// CLUSTER-NEXT: %[[COPIES:.*]] = arith.cmpi ult, %[[RANK]], %[[SLICES]] : index
// The stage's own weights and group parameters and both blocks' activation
// slices, 5120 + 2 x 128 bytes, less the slices not copied.
// CLUSTER: %[[STAGE_TX:.*]] = arith.constant 5376 : index
// CLUSTER-NEXT: %[[TX:.*]] = arith.subi %[[STAGE_TX]], %[[SKIPPED_BYTES]] : index
// CLUSTER-NEXT: nvgpu.mbarrier.arrive.expect_tx %{{.*}}[%{{.*}}], %[[TX]]
// CLUSTER: nvgpu.tma.async.load %{{.*}} to %{{.*}} : <tensor = memref<2x1x8x256xi8
// CLUSTER: %[[ACT:.*]] = arith.addi %{{.*}}, %c4096 : index
// CLUSTER-NEXT: %[[C512:.*]] = arith.constant 512 : index
// CLUSTER-NEXT: %[[SLICE:.*]] = arith.muli %[[RANK]], %[[C512]] : index
// CLUSTER-NEXT: %[[DST:.*]] = arith.addi %[[ACT]], %[[SLICE]] : index
// CLUSTER-NEXT: %[[C8:.*]] = arith.constant 8 : index
// CLUSTER-NEXT: %[[FIRST:.*]] = arith.muli %[[RANK]], %[[C8]] : index
// CLUSTER-NEXT: %[[TOKEN:.*]] = arith.addi %{{.*}}, %[[FIRST]] : index
// CLUSTER-NEXT: %[[MASK:.*]] = arith.constant 3 : i16
// CLUSTER-NEXT: %[[VIEW:.*]] = memref.view %{{.*}}[%[[DST]]][] : {{.*}} to memref<8x64xi8, #gpu.address_space<workgroup>>
// CLUSTER: scf.if %[[COPIES]] {
// CLUSTER-NEXT: nvgpu.tma.async.load %{{.*}}[%{{.*}}, %[[TOKEN]]], %{{.*}}[%{{.*}}] to %[[VIEW]] multicast_mask = %[[MASK]] : <tensor = memref<8x64xi8, #gpu.address_space<workgroup>>, swizzle = swizzle_64b
// CLUSTER-NEXT: }
// CLUSTER-NEXT: }
// The copy loop through the plain maps multicasts the same way.
// CLUSTER-NEXT: } else {
// CLUSTER: nvgpu.tma.async.load %{{.*}}[%{{.*}}, %{{.*}}], %{{.*}}[%{{.*}}] to %{{.*}} multicast_mask = %{{.*}} : <tensor = memref<8x64xi8
// CLUSTER-NEXT: }
// CLUSTER-NEXT: }
// CLUSTER-NEXT: }
// CLUSTER-NEXT: %[[S:.*]] = arith.constant 2 : index
// CLUSTER-NEXT: %[[TAIL_END:.*]] = arith.addi %[[SLICE_COUNT]], %[[S]] : index
// CLUSTER-NEXT: %[[ONE:.*]] = arith.constant 1 : index
// CLUSTER-NEXT: scf.for %[[USE:.*]] = %[[SLICE_COUNT]] to %[[TAIL_END]] step %[[ONE]] {
// CLUSTER: nvgpu.mbarrier.try_wait.parity
// CLUSTER-NEXT: }
// CLUSTER-NEXT: }
// CLUSTER-NEXT: }
// CLUSTER-NEXT: } consumer {
// CLUSTER: scf.for {{.*}} iter_args
// CLUSTER: %[[LANE:.*]] = arith.remui %thread_id_x, %c32{{[_0-9]*}} : index
// CLUSTER-NEXT: %[[NCTA:.*]] = arith.constant 2 : index
// CLUSTER-NEXT: %[[SIGNALS:.*]] = arith.cmpi ult, %[[LANE]], %[[NCTA]] : index
// CLUSTER-NEXT: scf.if %[[SIGNALS]] {
// CLUSTER-NEXT: %[[ADDR:.*]] = nvgpu.mbarrier.get %{{.*}}[%{{.*}}] : {{.*}} -> i32
// CLUSTER-NEXT: %[[LOCAL:.*]] = llvm.inttoptr %[[ADDR]] : i32 to !llvm.ptr<3>
// CLUSTER-NEXT: %[[CTA:.*]] = arith.index_cast %[[LANE]] : index to i32
// CLUSTER-NEXT: %[[REMOTE:.*]] = nvvm.mapa %[[LOCAL]], %[[CTA]] : !llvm.ptr<3> -> !llvm.ptr<7>
// CLUSTER-NEXT: nvvm.mbarrier.arrive %[[REMOTE]] : !llvm.ptr<7>
// CLUSTER-NOT: nvgpu.mbarrier.arrive %
// The last stage, after the final wgmma.wait_group 0, when the slice used one
// (a split tail's idle consumers release none).
// CLUSTER: nvvm.wgmma.wait.group.sync.aligned 0
// CLUSTER-NEXT: %[[ZERO:.*]] = arith.constant 0 : index
// CLUSTER-NEXT: %[[USED:.*]] = arith.cmpi ugt, %[[SLICE_COUNT]], %[[ZERO]] : index
// CLUSTER-NEXT: scf.if %[[USED]] {
// CLUSTER: nvvm.mapa
// CLUSTER-NEXT: nvvm.mbarrier.arrive
// CLUSTER-NOT: nvvm.cluster
// CLUSTER: gpu.return
func.func @cluster2(%x: memref<?x128xi8>, %w: memref<256x64xi8>,
    %s: memref<256x2xi8>, %a: memref<256x2xi8>, %s1: memref<256xf32>,
    %sx: memref<?xf32>, %y: memref<?x256xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<256x64xi8>)
    group_params(%s, %a : memref<256x2xi8>) channel_scales(%s1 : memref<256xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x256xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 16, consumers = 2, stages = 2, cluster = 2>
  return
}

// -----

// Identical problems and configs share one kernel, across functions; a
// different config gets its own. An op that already names a kernel is left
// alone (it needs no config then).

// CHECK-LABEL: func.func @share_a(
// CHECK: liquid.w4a8_matmul {{.*}} kernel = @liquid_kernels::@liquid_w4a8_n128_k128_g64_xor_t8_c2_s2{{$}}
// CHECK-LABEL: func.func @share_b(
// CHECK: liquid.w4a8_matmul {{.*}} kernel = @liquid_kernels::@liquid_w4a8_n128_k128_g64_xor_t8_c2_s2{{$}}
// CHECK: liquid.w4a8_matmul {{.*}} config = <token_tile = 8, consumers = 2, stages = 3> kernel = @liquid_kernels::@liquid_w4a8_n128_k128_g64_xor_t8_c2_s3{{$}}
// CHECK: liquid.w4a8_matmul {{.*}} layout = dual_mma kernel = @elsewhere::@prebuilt{{$}}
// CHECK: gpu.module @liquid_kernels {
// CHECK-NEXT: gpu.func @liquid_w4a8_n128_k128_g64_xor_t8_c2_s2(
// CHECK-NOT: gpu.func @liquid_w4a8_n128_k128_g64_xor_t8_c2_s2(
// CHECK: gpu.func @liquid_w4a8_n128_k128_g64_xor_t8_c2_s3(
// CHECK-NOT: gpu.func
// CHECK-NOT: @prebuilt
// CHECK: // {{-----}}
// CHECK-NEXT: module {
func.func @share_a(%x: memref<?x128xi8>, %w: memref<128x64xi8>,
    %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %y: memref<?x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 8, consumers = 2, stages = 2>
  return
}
func.func @share_b(%x: memref<?x128xi8>, %w: memref<128x64xi8>,
    %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %y: memref<?x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 8, consumers = 2, stages = 2>
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 8, consumers = 2, stages = 3>
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    kernel = @elsewhere::@prebuilt
  return
}

// -----

// A module without matmuls gets no kernel module.
// CHECK-LABEL: func.func @no_matmul(
// CHECK-NOT: gpu.module
// CHECK: // {{-----}}
func.func @no_matmul() {
  return
}

// -----

// The kernel module goes into the module nearest the op: a nested module gets
// its own @liquid_kernels and gpu.container_module; the outer module, without
// matmuls of its own, gets neither.

// CHECK-NEXT: module {
// CHECK-NEXT: func.func private @outer_decl()
// CHECK-NEXT: module @inner attributes {gpu.container_module} {
// CHECK-NEXT: func.func @inner_fn(
// CHECK-NEXT: liquid.w4a8_matmul {{.*}} kernel = @liquid_kernels::@liquid_w4a8_n128_k128_g64_xor_t8_c2_s2{{$}}
// CHECK-NEXT: return
// CHECK-NEXT: }
// CHECK-NEXT: gpu.module @liquid_kernels {
// CHECK-NEXT: gpu.func @liquid_w4a8_n128_k128_g64_xor_t8_c2_s2(
// CHECK-NOT: gpu.module
// CHECK: gpu.return
// The kernel, the kernel module, @inner, the outer module.
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: // {{-----}}
func.func private @outer_decl()
module @inner {
  func.func @inner_fn(%x: memref<?x128xi8>, %w: memref<128x64xi8>,
      %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
      %y: memref<?x128xf16>) {
    liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
      group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
      token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
      group_size = 64 mode = xor layout = dual_mma
      config = <token_tile = 8, consumers = 2, stages = 2>
    return
  }
}

// -----

// Matmuls in both modules: one kernel module in each, each op's kernel
// reference resolved in its own symbol table. The outer module's kernel module
// is created first, at its end, after @inner.

// CHECK-NEXT: module attributes {gpu.container_module} {
// CHECK-NEXT: func.func @outer_fn(
// CHECK-NEXT: liquid.w4a8_matmul {{.*}} kernel = @liquid_kernels::@liquid_w4a8_n128_k128_g64_xor_t8_c2_s2{{$}}
// CHECK: module @inner attributes {gpu.container_module} {
// CHECK-NEXT: func.func @inner_fn(
// CHECK-NEXT: liquid.w4a8_matmul {{.*}} kernel = @liquid_kernels::@liquid_w4a8_n128_k128_g64_xor_t16_c2_s2{{$}}
// CHECK-NEXT: return
// CHECK-NEXT: }
// CHECK-NEXT: gpu.module @liquid_kernels {
// CHECK-NEXT: gpu.func @liquid_w4a8_n128_k128_g64_xor_t16_c2_s2(
// CHECK-NOT: gpu.func
// CHECK: gpu.return
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: gpu.module @liquid_kernels {
// CHECK-NEXT: gpu.func @liquid_w4a8_n128_k128_g64_xor_t8_c2_s2(
// CHECK-NOT: gpu.func
// CHECK: gpu.return
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: // {{-----}}
func.func @outer_fn(%x: memref<?x128xi8>, %w: memref<128x64xi8>,
    %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %y: memref<?x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 8, consumers = 2, stages = 2>
  return
}
module @inner {
  func.func @inner_fn(%x: memref<?x128xi8>, %w: memref<128x64xi8>,
      %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
      %y: memref<?x128xf16>) {
    liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
      group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
      token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
      group_size = 64 mode = xor layout = dual_mma
      config = <token_tile = 16, consumers = 2, stages = 2>
    return
  }
}

// -----

// A @liquid_kernels gpu.module the input already has receives the kernels
// next to its own functions.

// CHECK-NEXT: module
// CHECK-NEXT: gpu.module @liquid_kernels {
// CHECK-NEXT: gpu.func @mine() kernel {
// CHECK-NEXT: gpu.return
// CHECK-NEXT: }
// CHECK-NEXT: gpu.func @liquid_w4a8_n128_k128_g64_xor_t8_c2_s2(
// CHECK-NOT: gpu.module
// CHECK-LABEL: func.func @reuse(
// CHECK-NEXT: liquid.w4a8_matmul {{.*}} kernel = @liquid_kernels::@liquid_w4a8_n128_k128_g64_xor_t8_c2_s2{{$}}
// CHECK-NOT: gpu.module
// CHECK: // {{-----}}
gpu.module @liquid_kernels {
  gpu.func @mine() kernel {
    gpu.return
  }
}
func.func @reuse(%x: memref<?x128xi8>, %w: memref<128x64xi8>,
    %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %y: memref<?x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 8, consumers = 2, stages = 2>
  return
}

// -----

func.func @tensor_form(%x: tensor<?x128xi8>, %w: tensor<128x64xi8>,
    %s: tensor<128x2xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{'liquid.w4a8_matmul' op kernel generation needs the memref form; run one-shot-bufferize first}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x128xi8>) weights(%w : tensor<128x64xi8>)
         group_params(%s, %s : tensor<128x2xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma
         config = <token_tile = 8, consumers = 2, stages = 2> -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @no_config(%x: memref<?x128xi8>, %w: memref<128x64xi8>,
    %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %y: memref<?x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op kernel generation needs a 'config'; run liquid-select-config first}}
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// -----

func.func @row_major(%x: memref<?x128xi8>, %w: memref<128x128xi4>,
    %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %y: memref<?x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op kernel generation needs weights in the 'dual_mma' layout, got 'row_major'}}
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x128xi4>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = row_major
    config = <token_tile = 8, consumers = 2, stages = 2>
  return
}

// -----

// Activations that are a strided view of a wider buffer.
func.func @strided_activations(%x: memref<?x128xi8, strided<[256, 1]>>,
    %w: memref<128x64xi8>, %s: memref<128x2xi8>, %s1: memref<128xf32>,
    %sx: memref<?xf32>, %y: memref<?x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op kernel generation needs dense row-major buffers, got 'memref<?x128xi8, strided<[256, 1]>>'}}
  liquid.w4a8_matmul act(%x : memref<?x128xi8, strided<[256, 1]>>)
    weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 8, consumers = 2, stages = 2>
  return
}

// -----

// An output with an offset.
func.func @offset_output(%x: memref<?x128xi8>, %w: memref<128x64xi8>,
    %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %y: memref<?x128xf16, strided<[128, 1], offset: ?>>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op kernel generation needs dense row-major buffers, got 'memref<?x128xf16, strided<[128, 1], offset: ?>>'}}
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>)
    outs(%y : memref<?x128xf16, strided<[128, 1], offset: ?>>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 8, consumers = 2, stages = 2>
  return
}

// -----

// N = 192 is a multiple of 64 but not of the 128 rows of two consumers.
func.func @n_not_multiple_of_block_rows(%x: memref<?x128xi8>, %w: memref<192x64xi8>,
    %s: memref<192x2xi8>, %s1: memref<192xf32>, %sx: memref<?xf32>,
    %y: memref<?x192xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op N = 192 is not a multiple of the 128 rows a block of 2 consumers covers}}
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<192x64xi8>)
    group_params(%s, %s : memref<192x2xi8>) channel_scales(%s1 : memref<192xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x192xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 8, consumers = 2, stages = 2>
  return
}

// -----

// The kernel module's name belongs to something else.
func.func private @liquid_kernels()
func.func @kernel_module_name_taken(%x: memref<?x128xi8>, %w: memref<128x64xi8>,
    %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %y: memref<?x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op cannot place its kernel: the symbol @liquid_kernels is taken by a 'func.func' op}}
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 8, consumers = 2, stages = 2>
  return
}

// -----

// Two blocks per SM: the kernel asks ptxas for .minnctapersm 2, so each of
// its 384 threads starts with 80 registers (65536 / 768, in multiples of 8);
// the producer gives 40 back and the consumers grow to (3 x 80 - 40) / 2 =
// 100, rounded down to 96.
// CHECK-LABEL: func.func @two_blocks_per_sm(
// CHECK: gpu.func @liquid_w4a8_n128_k64_g64_xor_t16_c2_s2_b2({{.*}}) kernel attributes {known_block_size = array<i32: 384, 1, 1>, nvvm.minctasm = 2 : i32} {
// CHECK: liquid_gpu.warp_specialize consumers = 2 registers(40, 96) blocks_per_sm = 2 producer {
func.func @two_blocks_per_sm(%x: memref<?x64xi8>, %w: memref<128x32xi8>,
    %s: memref<128x1xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %y: memref<?x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x64xi8>) weights(%w : memref<128x32xi8>)
    group_params(%s, %s : memref<128x1xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 16, consumers = 2, stages = 2, blocks_per_sm = 2>
  return
}

// -----

// ptxas compiles every instruction within the registers a thread has at
// entry, whatever setmaxnreg grants later: a wgmma of 128 tokens needs 94
// (its 64 accumulators and operands), and two blocks of 384 threads per SM
// start with 80. Refused here rather than by ptxas.
func.func @wgmma_over_entry_registers(%x: memref<?x64xi8>, %w: memref<128x32xi8>,
    %s: memref<128x1xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %y: memref<?x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op token_tile = 128 needs 94 registers per thread at kernel entry for its wgmma, but 384 threads at 2 block(s) per SM start with 80; use fewer consumers, fewer blocks per SM or a narrower token tile}}
  liquid.w4a8_matmul act(%x : memref<?x64xi8>) weights(%w : memref<128x32xi8>)
    group_params(%s, %s : memref<128x1xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 128, consumers = 2, stages = 2, blocks_per_sm = 2>
  return
}

// -----

// A 64-token tile would keep 16 token scales in registers through the main
// loop: it loads s1 and sx in the epilogue, after the last MMAs retire.
// SCALES-LABEL: gpu.func @liquid_w4a8_n128_k128_g64_xor_t64_c2_s2(
// SCALES: } consumer {
// SCALES-NOT: -> f32
// SCALES: nvvm.wgmma.wait.group.sync.aligned 0
// SCALES-COUNT-18: llvm.load %{{.*}} invariant {alignment = 4 : i64} : !llvm.ptr<1> -> f32
// SCALES-NOT: -> f32
// SCALES: gpu.return
func.func @xor_t64_c2(%x: memref<?x128xi8>, %w: memref<128x64xi8>,
    %s: memref<128x2xi8>, %a: memref<128x2xi8>, %s1: memref<128xf32>,
    %sx: memref<?xf32>, %y: memref<?x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %a : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 64, consumers = 2, stages = 2>
  return
}

// -----

// Four consumers start with 96 registers per thread (65536 / 640): 256
// tokens need 158.
func.func @four_consumers_wide_tile(%x: memref<?x64xi8>, %w: memref<256x32xi8>,
    %s: memref<256x1xi8>, %s1: memref<256xf32>, %sx: memref<?xf32>,
    %y: memref<?x256xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op token_tile = 256 needs 158 registers per thread at kernel entry for its wgmma, but 640 threads at 1 block(s) per SM start with 96; use fewer consumers, fewer blocks per SM or a narrower token tile}}
  liquid.w4a8_matmul act(%x : memref<?x64xi8>) weights(%w : memref<256x32xi8>)
    group_params(%s, %s : memref<256x1xi8>) channel_scales(%s1 : memref<256xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x256xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 256, consumers = 4, stages = 2>
  return
}

// -----

// N = 384 is three blocks of two consumers: no cluster of two tiles them.
func.func @cluster_not_dividing_blocks(%x: memref<?x64xi8>, %w: memref<384x32xi8>,
    %s: memref<384x1xi8>, %a: memref<384x1xi8>, %s1: memref<384xf32>,
    %sx: memref<?xf32>, %y: memref<?x384xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op cluster = 2 does not divide the 3 blocks along N = 384}}
  liquid.w4a8_matmul act(%x : memref<?x64xi8>) weights(%w : memref<384x32xi8>)
    group_params(%s, %a : memref<384x1xi8>) channel_scales(%s1 : memref<384xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x384xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 16, consumers = 2, stages = 2, cluster = 2>
  return
}
