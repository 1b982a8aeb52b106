#!/usr/bin/env bash
# Session 16, call 5: split-K with the ticket taken first (the block that
# finishes last writes no partials and waits only for the others'
# publications) against b81322e (every block publishes, then counts in).
# Every table pick with split_k > 1 at M = 1 - 256 on six shapes, 4096 x 4096
# t128 c1 sk2 b2 forced, and one offset-mode kernel, compiled by b81322e
# (old/) and the working tree (new/) into bench/cubins/s16d. First
# liquid-bench --check of the new kernels, then two timing passes.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s16c5-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
D=bench/cubins/s16d
for pair in m1:1 m16:1,5,16 m16/new-offset:1,5,16 m32:17,32 m64:33,64 m128:100,128 m256:200,256 mid:1,100,200,256; do
  dir=$D/${pair%:*}; [ -d $dir/new ] && dir=$dir/new
  name=$(echo ${pair%:*} | tr / -)
  timeout 100 bash scripts/gpu/check-kernels.sh $dir ${pair#*:} $R/check-$name > $R/check-$name.txt 2>&1
  echo "check $name rc=$? $(tail -1 $R/check-$name.txt) t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
for r in r1 r2; do for pair in m1:1 m16:16 m32:32 m64:64 m128:128 m256:256 mid:128,256; do
  timeout 100 python3 scripts/gpu/variants.py $D/${pair%:*} $R/var-${pair%:*}-$r.json --m ${pair#*:} > $R/var-${pair%:*}-$r.log 2>&1
  echo "var ${pair%:*} $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done; done
cat $R/progress.txt $R/var-*.log
tar czf $OUT/call5.tgz -C $R .
