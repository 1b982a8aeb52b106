#!/usr/bin/env bash
# Compiles the configuration variants the config table's cost model is fitted
# to (scripts/fit_config_table.py, after scripts/gpu/variants.py timed them)
# into DIR/<N>x<K>/: the eight LLaMA2 shapes of DESIGN §6, G = 64, xor mode,
# m-max 512, every combination of
#   consumers 1 and 2 x token tile 8 - 256 x split-K 1, 2, 4 x blocks per SM 1, 2
#   (split-K 8 as well for tiles of 8 and 16 tokens, the decode picks, and
#   split-K 3 for wider tiles, whose tile counts three slices can fit to the
#   132 SMs where two and four cannot),
#   consumers 4 x token tile 128, 256 x split-K 1 - 3 at one block per SM,
# with the stages and cluster the table gives each. Combinations ptxas cannot
# compile in the registers they leave are refused by liquid-compile and
# listed in DIR/refused.txt.
#   compile-variants.sh DIR [JOBS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:?usage: compile-variants.sh DIR [JOBS]}"
JOBS="${2:-2}"
COMPILE="${LIQUID_BUILD_DIR:-$ROOT/build}/bin/liquid-compile"
mkdir -p "$DIR"
{
  for shape in 12288x4096 4096x4096 22016x4096 4096x11008 \
               10240x8192 8192x8192 57344x8192 8192x28672; do
    for c in 1 2; do
      for t in 8 16 32 64 128 256; do
        splits="1 2 3 4"
        if [ "$t" -le 16 ]; then splits="1 2 4 8"; fi
        for sk in $splits; do
          for b in 1 2; do
            echo "$shape $c $t $sk $b"
          done
        done
      done
    done
    for t in 128 256; do
      for sk in 1 2 3; do echo "$shape 4 $t $sk 1"; done
    done
  done
} | xargs -P "$JOBS" -L 1 sh -c '
  n="${1%x*}"; k="${1#*x}"
  "$0" --m 512 --n "$n" --k "$k" --group 64 --consumers "$2" --token-tile "$3" \
    --split-k "$4" --blocks-per-sm "$5" -o "'"$DIR"'/$1" >/dev/null 2>&1 ||
    echo "$*" >> "'"$DIR"'/refused.txt"' "$COMPILE"
