#!/usr/bin/env bash
# Session 16, call 4: the epilogue's scales (s1 of the thread's rows, sx
# and in offset mode xsum of its tokens) loaded before the main loop for
# token tiles of at most 32, against loading them after it. Table picks at
# M = 1, 16, 32, all eight shapes, compiled by 7b068b6 (old/) and the
# working tree (new/) into bench/cubins/s16c; first liquid-bench --check of
# the new kernels (xor, and offset mode for three shapes).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s16c4-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
D=bench/cubins/s16c
for pair in m1:1 m16:1,5,16 m32:17,32; do
  timeout 100 bash scripts/gpu/check-kernels.sh $D/check/${pair%:*} ${pair#*:} $R/check-${pair%:*} > $R/check-${pair%:*}.txt 2>&1
  echo "check ${pair%:*} rc=$? $(tail -1 $R/check-${pair%:*}.txt) t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
for r in r1 r2; do for m in 1 16 32; do
  timeout 100 python3 scripts/gpu/variants.py $D/m$m $R/var-m$m-$r.json --m $m > $R/var-m$m-$r.log 2>&1
  echo "var m$m $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done; done
cat $R/progress.txt $R/var-m*.log
tar czf $OUT/call4.tgz -C $R .
