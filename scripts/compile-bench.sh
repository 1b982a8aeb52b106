#!/usr/bin/env bash
# Compiles the benchmark kernels into DIR: the eight LLaMA2 shapes of DESIGN §6,
# G = 64, xor mode, one kernel per token-count band (decode M <= 16, M = 64
# and M >= 256), each tuned by the config table for its band.
#   compile-bench.sh DIR [extra liquid-compile options]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:?usage: compile-bench.sh DIR}"; shift
COMPILE="${LIQUID_BUILD_DIR:-$ROOT/build}/bin/liquid-compile"
for shape in 12288x4096 4096x4096 22016x4096 4096x11008 \
             10240x8192 8192x8192 57344x8192 8192x28672; do
  for band in 16 64 256; do
    "$COMPILE" --m "$band" --n "${shape%x*}" --k "${shape#*x}" --group 64 \
      -o "$DIR/m$band" "$@" >/dev/null
  done
done
