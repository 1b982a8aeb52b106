#!/usr/bin/env bash
# Session 21, call 3 (run here), after one consumer's 128-token tiles got
# clusters of two: (a) every cell whose pick that changes, on the eight
# sweep shapes and ten others (M = 64 - 1024): new/m<M>/ the pick,
# old/m<M>/ the same config with --cluster 1, into bench/cubins/s21c3;
# (b) scripts/compile-variants.sh bench/cubins/var21 (the refit's
# variants); (c) scripts/compile-sweep.sh bench/cubins/sweep21.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s21c3; rm -rf $C; mkdir -p $C/old $C/new $C/probe
LC=build/bin/liquid-compile
for shape in 12288x4096 4096x4096 22016x4096 4096x11008 10240x8192 8192x8192 57344x8192 8192x28672 \
             15360x5120 5120x5120 27648x5120 5120x13824 2048x4096 1024x4096 6144x4096 4096x14336 \
             28672x4096 1024x8192; do
  n=${shape%x*}; k=${shape#*x}
  for m in 64 128 256 512 1024; do
    line=$($LC --m $m --n $n --k $k --group 64 -o $C/probe)
    case "$line" in *token_tile=128\ consumers=1\ *cluster=2*)
      $LC --m $m --n $n --k $k --group 64 -o $C/new/m$m > /dev/null
      flags=$(echo "$line" | sed 's/.*token_tile=\([0-9]*\) consumers=\([0-9]*\) stages=\([0-9]*\) split_k=\([0-9]*\) blocks_per_sm=\([0-9]*\).*/--token-tile \1 --consumers \2 --stages \3 --split-k \4 --blocks-per-sm \5/')
      $LC --m $m --n $n --k $k --group 64 $flags --cluster 1 -o $C/old/m$m > /dev/null
      echo "$shape M=$m: $flags";;
    esac
  done
done
rm -rf $C/probe
echo "old $(find $C/old -name '*.json' | wc -l) new $(find $C/new -name '*.json' | wc -l)"
[ -d bench/cubins/var21 ] || bash scripts/compile-variants.sh bench/cubins/var21 2
rm -rf bench/cubins/sweep21; bash scripts/compile-sweep.sh bench/cubins/sweep21
mkdir -p bench/cubins/pack21
tar czf bench/cubins/pack21/all.tgz -C bench/cubins var21 sweep21 s21c3
