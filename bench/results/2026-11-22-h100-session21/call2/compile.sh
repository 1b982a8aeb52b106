#!/usr/bin/env bash
# Session 21, call 2 (run here): clusters of two for the tiles the table
# leaves unclustered. Call 1 found one consumer's 128-token tile at 4096^2
# M = 256 0.95x the time with a cluster of two (the table clusters only
# 256-token tiles and two consumers' 128). Every combination of one
# consumer x T = 32, 64, 128 and two consumers x T = 64, split-K 1 - 4,
# blocks per SM 1, 2 on the eight shapes (m-max 512), compiled with
# --cluster 1 (cl1/) and --cluster 2 (cl2/), into bench/cubins/s21c2.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s21c2; rm -rf $C; mkdir -p $C
for shape in 12288x4096 4096x4096 22016x4096 4096x11008 10240x8192 8192x8192 57344x8192 8192x28672; do
  for ct in "1 32" "1 64" "1 128" "2 64"; do
    for sk in 1 2 3 4; do
      for b in 1 2; do
        for cl in 1 2; do echo "$shape $ct $sk $b $cl"; done
      done
    done
  done
done | xargs -P2 -L 1 sh -c '
  n="${0%x*}"; k="${0#*x}"
  build/bin/liquid-compile --m 512 --n "$n" --k "$k" --group 64 --consumers "$1" --token-tile "$2" \
    --split-k "$3" --blocks-per-sm "$4" --cluster "$5" -o "'$C'/cl$5/$0" >/dev/null 2>&1 ||
    echo "$0 $*" >> "'$C'/refused.txt"'
echo "cl1 $(find $C/cl1 -name '*.json' | wc -l) cl2 $(find $C/cl2 -name '*.json' | wc -l) refused $(cat $C/refused.txt 2>/dev/null | wc -l)"; du -sh $C
