#!/usr/bin/env bash
# Session 20, call 2 (run here): the consumers reading the next stage's
# operands only where its test_wait finds it landed (v2, no wait ahead),
# against call 1's kernels: old (the committed compiler) and v1 (waiting
# for the next stage before dequantizing this one). bench/cubins/s20c2/v2
# holds the same table picks as call 1 by the working tree, check/ the
# same check set.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s20c2; rm -rf $C; mkdir -p $C/v2 $C/check
for m in 1 16 64 128 256 1024; do
  for s in 4096x4096 12288x4096 22016x4096 4096x11008 10240x8192 8192x8192 8192x28672 57344x8192; do
    echo "build/bin/liquid-compile --m $m --n ${s%x*} --k ${s#*x} --group 64 -o $C/v2/m$m"
  done
done > $C/jobs.txt
xargs -P2 -I{} sh -c '{} > /dev/null' < $C/jobs.txt
cc() { build/bin/liquid-compile --group 64 -o $C/check "$@" > /dev/null; }
cp $C/v2/m64/*n4096_k4096* $C/v2/m1/*n4096_k4096* $C/v2/m128/*n10240_k8192* \
   $C/v2/m128/*n22016_k4096* $C/v2/m256/*n12288_k4096* $C/check/
cc --m 256 --n 8192 --k 8192 --mode offset
cc --m 64 --n 1024 --k 2048 --stages 3
cc --m 16 --n 1024 --k 2112 --split-k 4 --stages 4
cc --m 256 --n 4096 --k 2112 --token-tile 128 --consumers 2 --stream-k 132
cc --m 100 --n 2048 --k 4160 --token-tile 64 --consumers 2 --cluster 2 --stream-k 132
echo "v2 $(find $C/v2 -name '*.json' | wc -l) check $(ls $C/check/*.json | wc -l)"
