#!/usr/bin/env bash
# Compiles the configuration variants the config table's cost model is fitted
# to (scripts/fit_config_table.py, after scripts/gpu/variants.py timed them)
# into DIR/<N>x<K>/: the eight LLaMA2 shapes of DESIGN §6, G = 64, xor mode,
# m-max 512, every combination of
#   consumers 1 and 2 x token tile 8 - 256 x blocks per SM 1, 2, and
#   consumers 4 x token tile 128, 256 at one block per SM,
# each with the split-K counts the table considers (up to K / 512, at most
# 64: KernelConfig.cpp) that can pay: up to 4 slices (3 for four consumers)
# always, 8 for tiles of 8 and 16 tokens (the decode picks), and more only
# where one token tile's slices fill at most one round of the blocks the SMs
# hold at once (blocks along N x split-K <= 132 x blocks per SM, at most 2):
# beyond that more slices mostly add rounds. For the eight shapes that
# leaves at most 8; scripts/fit_config_table.py reports any cell whose pick
# among all the table's candidates is not among them. Stages and
# cluster are the table's for each combination. Combinations ptxas cannot
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
    n="${shape%x*}"; k="${shape#*x}"
    most=$((k / 512)); if [ "$most" -gt 64 ]; then most=64; fi
    for c in 1 2 4; do
      tiles="8 16 32 64 128 256"; residencies="1 2"; few=4; slots=264
      if [ "$c" = 4 ]; then tiles="128 256"; residencies=1; few=3; slots=132; fi
      for t in $tiles; do
        for sk in $(seq 1 "$most"); do
          if [ "$sk" -gt "$few" ] && [ $((n / (64 * c) * sk)) -gt "$slots" ] &&
             ! { [ "$t" -le 16 ] && [ "$sk" = 8 ]; }; then
            continue
          fi
          for b in $residencies; do
            echo "$shape $c $t $sk $b"
          done
        done
      done
    done
  done
} | xargs -P "$JOBS" -L 1 sh -c '
  n="${1%x*}"; k="${1#*x}"
  "$0" --m 512 --n "$n" --k "$k" --group 64 --consumers "$2" --token-tile "$3" \
    --split-k "$4" --blocks-per-sm "$5" -o "'"$DIR"'/$1" >/dev/null 2>&1 ||
    echo "$*" >> "'"$DIR"'/refused.txt"' "$COMPILE"
