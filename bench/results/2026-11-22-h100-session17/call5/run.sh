#!/usr/bin/env bash
# Session 17, call 5: the table now picks stream-K for 10240 x 8192 at
# M = 65 - 256 (kernels from scripts/compile-sweep.sh bench/cubins/sweep17,
# run here). liquid-bench --check of those picks at full and partial M,
# compute-sanitizer on the M = 128 pick, then the sweep (two runs, every
# peer in one process) and its plot.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s17c5-$$; rm -rf $R; mkdir -p $R/check
start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
S=bench/cubins/sweep17
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
for mode in xor offset; do
  mkdir -p $R/picks-$mode-128 $R/picks-$mode-256
  cp $S/$mode/m128/*n10240*stk132* $R/picks-$mode-128/
  cp $S/$mode/m256/*n10240*stk132* $R/picks-$mode-256/
  timeout 60 bash scripts/gpu/check-kernels.sh $R/picks-$mode-128 1,17,64,100,128,127,128 $R/check/$mode-128 >> $R/check.txt 2>&1
  timeout 60 bash scripts/gpu/check-kernels.sh $R/picks-$mode-256 1,100,129,200,256,255,256 $R/check/$mode-256 >> $R/check.txt 2>&1
done
echo "check t=$(( $(date +%s) - start )) $(grep -c PASS $R/check.txt) pass $(grep -c FAIL $R/check.txt) fail" >> $R/progress.txt
timeout 150 bash scripts/gpu/sanitize.sh $R/picks-xor-128/*.json 100 $R/sanitize > $R/sanitize.txt 2>&1
echo "sanitize rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
rm -rf $R/picks-*
for r in r1 r2; do
  timeout 150 python3 scripts/gpu/sweep.py $S $R/sweep-$r.json > $R/sweep-$r.log 2>&1
  echo "sweep $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt $R/check.txt $R/sanitize.txt | tail -40
tar czf $OUT/call5.tgz -C $R .
