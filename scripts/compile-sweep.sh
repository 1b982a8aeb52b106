#!/usr/bin/env bash
# Compiles the kernels of the DESIGN §6 sweep into DIR: the eight LLaMA2 shapes
# x M in {1, 4, 16, 32, 64, 128, 256, 512, 1024, 4096}, G = 64, both dequant
# modes, one kernel per (shape, M) with the configuration liquid-select-config
# picks for that M (`--m M`). DIR/<mode>/m<M>/ holds the kernels of one M.
#   compile-sweep.sh DIR
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:?usage: compile-sweep.sh DIR}"
COMPILE="${LIQUID_BUILD_DIR:-$ROOT/build}/bin/liquid-compile"
for mode in xor offset; do
  for m in 1 4 16 32 64 128 256 512 1024 4096; do
    for shape in 12288x4096 4096x4096 22016x4096 4096x11008 \
                 10240x8192 8192x8192 57344x8192 8192x28672; do
      "$COMPILE" --m "$m" --n "${shape%x*}" --k "${shape#*x}" --group 64 \
        --mode "$mode" -o "$DIR/$mode/m$m"
    done
  done
done
