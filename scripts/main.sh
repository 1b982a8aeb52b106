#!/usr/bin/env bash
# The README's main command: installs what is missing, builds liquid, and
# takes the bundled default example (LLaMA2-7B gate_up, W4A8, G = 64) through
# every stage of the pipeline that exists, printing the IR of each stage.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${LIQUID_BUILD_DIR:-$ROOT/build}"
export LIQUID_BUILD_DIR="$BUILD"
EXAMPLE="${1:-$ROOT/examples/llama2-7b-gate-up.mlir}"
OPT="$BUILD/bin/liquid-opt"

bash "$ROOT/scripts/install-deps.sh"
bash "$ROOT/scripts/build.sh" >/dev/null

echo "== $EXAMPLE: parsed and verified (tensor form) =="
"$OPT" "$EXAMPLE"

echo
echo "== after -one-shot-bufferize (memref form) =="
"$OPT" "$EXAMPLE" \
  -one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map"
