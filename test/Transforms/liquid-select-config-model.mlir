// The config table's cost model exists twice: estimatedCost() and the
// candidates of selectKernelConfig() in KernelConfig.cpp, and their Python
// mirror in scripts/fit_config_table.py, which fits the constants to timed
// variants and tells which cells' picks were never timed. Both must pick the
// same token tile, consumers, slices and blocks per SM for every cell: here,
// the eight LLaMA2 shapes of DESIGN §6 at every M of its sweep (the sweep's
// configs). The pass prints the stages (and a cluster), which the cost model
// does not choose; the script prints the attribute without them.
//
// Each prefix checks the eight ops' configs in order, one line each: with
// exactly eight config lines in each output, every check line matches its
// own op.

// REQUIRES: numpy
// RUN: split-file %s %t
// RUN: liquid-opt %t/shapes.mlir -liquid-select-config="m-max=1" | FileCheck %s --check-prefix=M1
// RUN: %numpy_python %S/../../scripts/fit_config_table.py --picks 1:12288:4096 1:4096:4096 1:22016:4096 1:4096:11008 1:10240:8192 1:8192:8192 1:57344:8192 1:8192:28672 | FileCheck %s --check-prefix=M1
// RUN: liquid-opt %t/shapes.mlir -liquid-select-config="m-max=4" | FileCheck %s --check-prefix=M4
// RUN: %numpy_python %S/../../scripts/fit_config_table.py --picks 4:12288:4096 4:4096:4096 4:22016:4096 4:4096:11008 4:10240:8192 4:8192:8192 4:57344:8192 4:8192:28672 | FileCheck %s --check-prefix=M4
// RUN: liquid-opt %t/shapes.mlir -liquid-select-config="m-max=16" | FileCheck %s --check-prefix=M16
// RUN: %numpy_python %S/../../scripts/fit_config_table.py --picks 16:12288:4096 16:4096:4096 16:22016:4096 16:4096:11008 16:10240:8192 16:8192:8192 16:57344:8192 16:8192:28672 | FileCheck %s --check-prefix=M16
// RUN: liquid-opt %t/shapes.mlir -liquid-select-config="m-max=32" | FileCheck %s --check-prefix=M32
// RUN: %numpy_python %S/../../scripts/fit_config_table.py --picks 32:12288:4096 32:4096:4096 32:22016:4096 32:4096:11008 32:10240:8192 32:8192:8192 32:57344:8192 32:8192:28672 | FileCheck %s --check-prefix=M32
// RUN: liquid-opt %t/shapes.mlir -liquid-select-config="m-max=64" | FileCheck %s --check-prefix=M64
// RUN: %numpy_python %S/../../scripts/fit_config_table.py --picks 64:12288:4096 64:4096:4096 64:22016:4096 64:4096:11008 64:10240:8192 64:8192:8192 64:57344:8192 64:8192:28672 | FileCheck %s --check-prefix=M64
// RUN: liquid-opt %t/shapes.mlir -liquid-select-config="m-max=128" | FileCheck %s --check-prefix=M128
// RUN: %numpy_python %S/../../scripts/fit_config_table.py --picks 128:12288:4096 128:4096:4096 128:22016:4096 128:4096:11008 128:10240:8192 128:8192:8192 128:57344:8192 128:8192:28672 | FileCheck %s --check-prefix=M128
// RUN: liquid-opt %t/shapes.mlir -liquid-select-config="m-max=256" | FileCheck %s --check-prefix=M256
// RUN: %numpy_python %S/../../scripts/fit_config_table.py --picks 256:12288:4096 256:4096:4096 256:22016:4096 256:4096:11008 256:10240:8192 256:8192:8192 256:57344:8192 256:8192:28672 | FileCheck %s --check-prefix=M256
// RUN: liquid-opt %t/shapes.mlir -liquid-select-config="m-max=512" | FileCheck %s --check-prefix=M512
// RUN: %numpy_python %S/../../scripts/fit_config_table.py --picks 512:12288:4096 512:4096:4096 512:22016:4096 512:4096:11008 512:10240:8192 512:8192:8192 512:57344:8192 512:8192:28672 | FileCheck %s --check-prefix=M512
// RUN: liquid-opt %t/shapes.mlir -liquid-select-config="m-max=1024" | FileCheck %s --check-prefix=M1024
// RUN: %numpy_python %S/../../scripts/fit_config_table.py --picks 1024:12288:4096 1024:4096:4096 1024:22016:4096 1024:4096:11008 1024:10240:8192 1024:8192:8192 1024:57344:8192 1024:8192:28672 | FileCheck %s --check-prefix=M1024
// RUN: liquid-opt %t/shapes.mlir -liquid-select-config="m-max=4096" | FileCheck %s --check-prefix=M4096
// RUN: %numpy_python %S/../../scripts/fit_config_table.py --picks 4096:12288:4096 4096:4096:4096 4096:22016:4096 4096:4096:11008 4096:10240:8192 4096:8192:8192 4096:57344:8192 4096:8192:28672 | FileCheck %s --check-prefix=M4096

// M1: config = <token_tile = 8, consumers = 1{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1: config = <token_tile = 8, consumers = 1{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 8, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 3, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>

// M4: config = <token_tile = 8, consumers = 1{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4: config = <token_tile = 8, consumers = 1{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 8, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 3, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4: config = <token_tile = 8, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>

// M16: config = <token_tile = 16, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M16: config = <token_tile = 16, consumers = 1{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M16: config = <token_tile = 16, consumers = 2{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M16: config = <token_tile = 16, consumers = 1{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M16: config = <token_tile = 16, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 3, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M16: config = <token_tile = 16, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M16: config = <token_tile = 16, consumers = 2{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M16: config = <token_tile = 16, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>

// M32: config = <token_tile = 32, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M32: config = <token_tile = 32, consumers = 1{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M32: config = <token_tile = 32, consumers = 2{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M32: config = <token_tile = 32, consumers = 1{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M32: config = <token_tile = 32, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 3, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M32: config = <token_tile = 32, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M32: config = <token_tile = 32, consumers = 2{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M32: config = <token_tile = 32, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>

// M64: config = <token_tile = 64, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M64: config = <token_tile = 32, consumers = 1{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M64: config = <token_tile = 64, consumers = 2{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M64: config = <token_tile = 64, consumers = 1{{(, stages = [0-9]+)?}}, split_k = 4, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M64: config = <token_tile = 64, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 3, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M64: config = <token_tile = 64, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M64: config = <token_tile = 64, consumers = 2{{(, stages = [0-9]+)?}}, blocks_per_sm = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M64: config = <token_tile = 64, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>

// M128: config = <token_tile = 128, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M128: config = <token_tile = 64, consumers = 1{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M128: config = <token_tile = 128, consumers = 4{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M128: config = <token_tile = 128, consumers = 1{{(, stages = [0-9]+)?}}, split_k = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M128: config = <token_tile = 128, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M128: config = <token_tile = 128, consumers = 1{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M128: config = <token_tile = 128, consumers = 4{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M128: config = <token_tile = 128, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>

// M256: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M256: config = <token_tile = 128, consumers = 1{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M256: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M256: config = <token_tile = 256, consumers = 1{{(, stages = [0-9]+)?}}, split_k = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M256: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M256: config = <token_tile = 256, consumers = 1{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M256: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M256: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}, split_k = 2{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>

// M512: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M512: config = <token_tile = 256, consumers = 1{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M512: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M512: config = <token_tile = 256, consumers = 1{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M512: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M512: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M512: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M512: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>

// M1024: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1024: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1024: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1024: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1024: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1024: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1024: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M1024: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>

// M4096: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4096: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4096: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4096: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4096: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4096: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4096: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
// M4096: config = <token_tile = 256, consumers = 2{{(, stages = [0-9]+)?}}{{(, cluster = [0-9]+)?}}{{(, stream_k = [0-9]+)?}}>
//--- shapes.mlir

func.func @n12288_k4096(%x: memref<?x4096xi8>, %w: memref<12288x2048xi8>,
    %s: memref<12288x64xi8>, %s1: memref<12288xf32>, %sx: memref<?xf32>,
    %y: memref<?x12288xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x4096xi8>) weights(%w : memref<12288x2048xi8>)
    group_params(%s, %s : memref<12288x64xi8>) channel_scales(%s1 : memref<12288xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x12288xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

func.func @n4096_k4096(%x: memref<?x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<?xf32>,
    %y: memref<?x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

func.func @n22016_k4096(%x: memref<?x4096xi8>, %w: memref<22016x2048xi8>,
    %s: memref<22016x64xi8>, %s1: memref<22016xf32>, %sx: memref<?xf32>,
    %y: memref<?x22016xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x4096xi8>) weights(%w : memref<22016x2048xi8>)
    group_params(%s, %s : memref<22016x64xi8>) channel_scales(%s1 : memref<22016xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x22016xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

func.func @n4096_k11008(%x: memref<?x11008xi8>, %w: memref<4096x5504xi8>,
    %s: memref<4096x172xi8>, %s1: memref<4096xf32>, %sx: memref<?xf32>,
    %y: memref<?x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x11008xi8>) weights(%w : memref<4096x5504xi8>)
    group_params(%s, %s : memref<4096x172xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

func.func @n10240_k8192(%x: memref<?x8192xi8>, %w: memref<10240x4096xi8>,
    %s: memref<10240x128xi8>, %s1: memref<10240xf32>, %sx: memref<?xf32>,
    %y: memref<?x10240xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x8192xi8>) weights(%w : memref<10240x4096xi8>)
    group_params(%s, %s : memref<10240x128xi8>) channel_scales(%s1 : memref<10240xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x10240xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

func.func @n8192_k8192(%x: memref<?x8192xi8>, %w: memref<8192x4096xi8>,
    %s: memref<8192x128xi8>, %s1: memref<8192xf32>, %sx: memref<?xf32>,
    %y: memref<?x8192xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x8192xi8>) weights(%w : memref<8192x4096xi8>)
    group_params(%s, %s : memref<8192x128xi8>) channel_scales(%s1 : memref<8192xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x8192xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

func.func @n57344_k8192(%x: memref<?x8192xi8>, %w: memref<57344x4096xi8>,
    %s: memref<57344x128xi8>, %s1: memref<57344xf32>, %sx: memref<?xf32>,
    %y: memref<?x57344xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x8192xi8>) weights(%w : memref<57344x4096xi8>)
    group_params(%s, %s : memref<57344x128xi8>) channel_scales(%s1 : memref<57344xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x57344xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

func.func @n8192_k28672(%x: memref<?x28672xi8>, %w: memref<8192x14336xi8>,
    %s: memref<8192x448xi8>, %s1: memref<8192xf32>, %sx: memref<?xf32>,
    %y: memref<?x8192xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x28672xi8>) weights(%w : memref<8192x14336xi8>)
    group_params(%s, %s : memref<8192x448xi8>) channel_scales(%s1 : memref<8192xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x8192xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}
