#!/usr/bin/env bash
# On the GPU machine (CUDA, cuBLAS, CMake; no MLIR): builds the MLIR-free part
# of liquid (LiquidQuant, the runtime, liquid-bench) into build-gpu/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cmake -S "$ROOT" -B "$ROOT/build-gpu" -DCMAKE_BUILD_TYPE=Release \
  -DLIQUID_ENABLE_MLIR=OFF -DLIQUID_ENABLE_TESTS=OFF >/dev/null
cmake --build "$ROOT/build-gpu" -j"$(nproc)" >/dev/null
