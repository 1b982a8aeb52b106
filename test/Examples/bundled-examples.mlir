// The examples the README and scripts/main.sh use stay valid and bufferize.
// RUN: liquid-opt %S/../../examples/llama2-7b-gate-up.mlir | FileCheck %s --check-prefix=PARSE
// RUN: liquid-opt %S/../../examples/llama2-7b-gate-up.mlir -one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" | FileCheck %s --check-prefix=BUF

// PARSE-LABEL: func.func @llama2_7b_gate_up
// PARSE: liquid.w4a8_matmul {{.*}} -> tensor<?x22016xf16>

// BUF-LABEL: func.func @llama2_7b_gate_up
// BUF: %[[Y:.*]] = memref.alloc(%{{.*}}) {{.*}} : memref<?x22016xf16>
// BUF: liquid.w4a8_matmul act(%{{.*}} : memref<?x4096xi8>) weights(%{{.*}} : memref<22016x2048xi8>) {{.*}} outs(%[[Y]] : memref<?x22016xf16>) group_size = 64 mode = xor layout = dual_mma{{$}}
// BUF: return %[[Y]]
