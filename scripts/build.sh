#!/usr/bin/env bash
# Configures (once) and builds liquid into build/. Tools land in build/bin/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${LIQUID_BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc)}"

if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -G Ninja -S "$ROOT" -B "$BUILD" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ >/dev/null
fi
ninja -C "$BUILD" -j"$JOBS" all
