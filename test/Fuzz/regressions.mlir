// Inputs that crashed, hit undefined behaviour or were silently miscompiled
// when liquid was fuzzed (docs/Fuzzing.md), each with the diagnostic it gets
// now. The raw inputs are in corpus/mlir/regression-* and replay in every
// fuzzing run.
// RUN: liquid-opt %s -split-input-file -verify-diagnostics

// Scalable vectors passed the length-4 constraint of the weight fragment (its
// minimum length is 4), and liquid-dual-mma-layout bitcast a 16-byte shared
// load to vector<[4]xi32>: register fragments have a fixed length.
func.func @fragment_scalable(%buf: memref<2x2048xi8, #gpu.address_space<workgroup>>,
    %cid: index) -> vector<[4]xi32> {
  // expected-error @+1 {{'liquid_gpu.load_weight_fragment' op result #0 must be fixed-length vector of 32-bit signless integer values of length 4, but got 'vector<[4]xi32>'}}
  %f = liquid_gpu.load_weight_fragment %buf[%cid]
         : memref<2x2048xi8, #gpu.address_space<workgroup>> -> vector<[4]xi32>
  return %f : vector<[4]xi32>
}

// -----

// The same for the register-A wgmma: convert-liquid-to-nvvm extracted eight
// fixed lanes from a vector<[8]xi32> accumulator.
func.func @wgmma_scalable_accumulator(%acc: vector<[8]xi32>, %a: vector<4xi32>,
    %desc: i64) -> vector<[8]xi32> {
  // expected-error @+1 {{'liquid_gpu.wgmma_rs' op operand #0 must be fixed-length vector of 32-bit signless integer values of ranks 1, but got 'vector<[8]xi32>'}}
  %d = liquid_gpu.wgmma_rs %acc, %a, %desc n = 16 a_type = s8
         : vector<[8]xi32>, vector<4xi32>
  return %d : vector<[8]xi32>
}

// -----

// A static token count beyond the kernel's 32-bit M: liquid-select-config
// computed PowerOf2Ceil(M) in int64, which wrapped for M > 2^62 and chose
// token_tile = 8; tile counts could overflow.
func.func @static_m_beyond_i32(%x: memref<4294967296x256xi8>, %w: memref<128x128xi8>,
    %s: memref<128x4xi8>, %s1: memref<128xf32>, %sx: memref<4294967296xf32>,
    %init: memref<4294967296x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op M = 4294967296 exceeds the kernel's 32-bit token count (at most 2147483647)}}
  liquid.w4a8_matmul act(%x : memref<4294967296x256xi8>) weights(%w : memref<128x128xi8>)
    group_params(%s, %s : memref<128x4xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<4294967296xf32>) outs(%init : memref<4294967296x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// -----

// N = 2^31: the grid and the TMA coordinates of the kernel are 32-bit.
func.func @n_beyond_i32(%x: memref<?x256xi8>, %w: memref<2147483648x128xi8>,
    %s: memref<2147483648x4xi8>, %s1: memref<2147483648xf32>, %sx: memref<?xf32>,
    %init: memref<?x2147483648xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op N = 2147483648 must be below 2^31 (the kernel's grid and TMA coordinates are 32-bit)}}
  liquid.w4a8_matmul act(%x : memref<?x256xi8>) weights(%w : memref<2147483648x128xi8>)
    group_params(%s, %s : memref<2147483648x4xi8>) channel_scales(%s1 : memref<2147483648xf32>)
    token_scales(%sx : memref<?xf32>) outs(%init : memref<?x2147483648xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// -----

// K = 2^31 - 64 + 128 = 2147483712 with G = K.
func.func @k_beyond_i32(%x: memref<?x2147483712xi8>, %w: memref<64x1073741856xi8>,
    %s: memref<64x1xi8>, %s1: memref<64xf32>, %sx: memref<?xf32>,
    %init: memref<?x64xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op K = 2147483712 must be below 2^31 (the kernel's grid and TMA coordinates are 32-bit)}}
  liquid.w4a8_matmul act(%x : memref<?x2147483712xi8>) weights(%w : memref<64x1073741856xi8>)
    group_params(%s, %s : memref<64x1xi8>) channel_scales(%s1 : memref<64xf32>)
    token_scales(%sx : memref<?xf32>) outs(%init : memref<?x64xf16>)
    group_size = 2147483712 mode = xor layout = dual_mma
  return
}
