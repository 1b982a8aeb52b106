#!/usr/bin/env bash
# Session 20, call 1 (run here): the consumers reading each stage's operands
# one stage ahead. old: the committed compiler's table picks of the eight
# shapes at M = 1, 16, 64, 128, 256, 1024 (bench/cubins/sweep19b/xor, by
# 1570397, whose cubins fe50857 leaves byte-identical); new: the same picks
# by the working tree. check/: new kernels of every main-loop shape
# (split-K, stream-K, cluster, four consumers, offset mode, a three-stage
# ring that keeps the old order, split slices with tail stages).
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s20c1; rm -rf $C; mkdir -p $C/old $C/new $C/check
for m in 1 16 64 128 256 1024; do
  cp -r bench/cubins/sweep19b/xor/m$m $C/old/
  for s in 4096x4096 12288x4096 22016x4096 4096x11008 10240x8192 8192x8192 8192x28672 57344x8192; do
    echo "build/bin/liquid-compile --m $m --n ${s%x*} --k ${s#*x} --group 64 -o $C/new/m$m"
  done
done > $C/jobs.txt
xargs -P2 -I{} sh -c '{} > /dev/null' < $C/jobs.txt
cc() { build/bin/liquid-compile --group 64 -o $C/check "$@" > /dev/null; }
cp $C/new/m64/*n4096_k4096* $C/new/m1/*n4096_k4096* $C/new/m128/*n10240_k8192* \
   $C/new/m128/*n22016_k4096* $C/new/m256/*n12288_k4096* $C/check/
cc --m 256 --n 8192 --k 8192 --mode offset
cc --m 64 --n 1024 --k 2048 --stages 3
cc --m 16 --n 1024 --k 2112 --split-k 4 --stages 4
cc --m 256 --n 4096 --k 2112 --token-tile 128 --consumers 2 --stream-k 132
cc --m 100 --n 2048 --k 4160 --token-tile 64 --consumers 2 --cluster 2 --stream-k 132
echo "old $(find $C/old -name '*.json' | wc -l) new $(find $C/new -name '*.json' | wc -l) check $(ls $C/check/*.json | wc -l)"
du -sh $C
