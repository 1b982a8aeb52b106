#!/usr/bin/env bash
# Session 16, call 2: split-K reduced through distributed shared memory
# (the K slices of a tile as one cluster) against the workspace reduction,
# same configs: every table pick with split_k > 1 at M = 1 - 256 and the
# forced 4096 x 4096 t128 c1 sk2 b2, compiled by 7b068b6 (old/) and the
# working tree (new/) into bench/cubins/s16b. First the new kernels'
# correctness (liquid-bench --check), then the timings (variants.py, one
# process per M).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s16c2-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
D=bench/cubins/s16b
for pair in m1:1 m16:1,7,16 m32:17,32 m64:33,64 m128:100,128 m256:200,256 mid:1,100,200,256; do
  timeout 120 bash scripts/gpu/check-kernels.sh $D/${pair%:*}/new ${pair#*:} $R/check-${pair%:*} > $R/check-${pair%:*}.txt 2>&1
  echo "check ${pair%:*} rc=$? $(tail -1 $R/check-${pair%:*}.txt) t=$(( $(date +%s) - start ))" | tee -a $R/progress.txt
done
for pair in m1:1 m16:16 m32:32 m64:64 m128:128 m256:256 mid:128,256; do
  timeout 200 python3 scripts/gpu/variants.py $D/${pair%:*} $R/var-${pair%:*}.json --m ${pair#*:} > $R/var-${pair%:*}.log 2>&1
  echo "var ${pair%:*} rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
  cat $R/var-${pair%:*}.log
done
tar czf $OUT/call2.tgz -C $R .
