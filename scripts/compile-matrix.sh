#!/usr/bin/env bash
# Compiles the correctness matrix of the codegen issue into DIR: the eight
# LLaMA2 shapes of DESIGN §6 x G in {64, 128, K} x both dequant modes. The
# token-count band (hence the token tile) rotates over 1, 16, 64 and 256 so
# that every tile size of the config table is exercised.
#   compile-matrix.sh DIR
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:?usage: compile-matrix.sh DIR}"
COMPILE="${LIQUID_BUILD_DIR:-$ROOT/build}/bin/liquid-compile"
SHAPES="12288x4096 4096x4096 22016x4096 4096x11008 10240x8192 8192x8192 57344x8192 8192x28672"
BANDS=(1 16 64 256)
i=0
for shape in $SHAPES; do
  n="${shape%x*}"; k="${shape#*x}"
  for g in 64 128 "$k"; do
    for mode in xor offset; do
      m="${BANDS[$((i % 4))]}"; i=$((i + 1))
      "$COMPILE" --m "$m" --n "$n" --k "$k" --group "$g" --mode "$mode" -o "$DIR"
    done
  done
done
