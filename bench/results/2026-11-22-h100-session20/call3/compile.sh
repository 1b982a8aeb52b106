#!/usr/bin/env bash
# Session 20, call 3 (run here): the config table with the split-K reduce
# cost (the last block's reads of the other slices' partial sums). The
# sweep's kernels by the working tree (scripts/compile-sweep.sh
# bench/cubins/sweep20: eight picks per mode differ from sweep19b, every
# other cubin is byte-identical), and for the A/B bench/cubins/s20c3/{old,new}:
# the xor picks of M = 1 - 128 of sweep19b and sweep20; check/ holds the
# sixteen changed picks (both modes).
set -eu
cd "$(dirname "$0")/../../../.."
[ -d bench/cubins/sweep20 ] || bash scripts/compile-sweep.sh bench/cubins/sweep20 > /dev/null
C=bench/cubins/s20c3; rm -rf $C; mkdir -p $C/old $C/new $C/check
for m in 1 4 16 32 64 128; do
  cp -r bench/cubins/sweep19b/xor/m$m $C/old/
  cp -r bench/cubins/sweep20/xor/m$m $C/new/
  for mode in xor offset; do
    for f in bench/cubins/sweep20/$mode/m$m/*.cubin; do
      [ -f bench/cubins/sweep19b/${f#bench/cubins/sweep20/} ] || cp ${f%.cubin}.* $C/check/
    done
  done
done
echo "check $(ls $C/check/*.json | wc -l)"; du -sh $C bench/cubins/sweep20
