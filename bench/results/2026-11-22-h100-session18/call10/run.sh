#!/usr/bin/env bash
# Session 18, call 10: the sweep after the config table's refit
# (scripts/compile-sweep.sh bench/cubins/sweep18b, run here). liquid-bench
# --check of the four changed picks (both modes) at full and partial M,
# then the sweep (two runs, every peer in one process).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s18c10-$$; rm -rf $R; mkdir -p $R/check $R/picks
S=bench/cubins/sweep18b; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
for mode in xor offset; do
  for p in "m1/*n12288_k4096*" "m4/*n12288_k4096*" "m64/*n4096_k4096*" "m128/*n8192_k28672*"; do
    m=${p%%/*}; mkdir -p $R/picks/$mode-$m; cp $S/$mode/$p $R/picks/$mode-$m/
  done
  timeout 30 bash scripts/gpu/check-kernels.sh $R/picks/$mode-m1 1 $R/check/$mode-m1 >> $R/check.txt 2>&1
  timeout 30 bash scripts/gpu/check-kernels.sh $R/picks/$mode-m4 1,3,4 $R/check/$mode-m4 >> $R/check.txt 2>&1
  timeout 40 bash scripts/gpu/check-kernels.sh $R/picks/$mode-m64 1,33,64 $R/check/$mode-m64 >> $R/check.txt 2>&1
  timeout 40 bash scripts/gpu/check-kernels.sh $R/picks/$mode-m128 1,100,128 $R/check/$mode-m128 >> $R/check.txt 2>&1
done
echo "check t=$(( $(date +%s) - start )) $(grep -c PASS $R/check.txt) pass $(grep -c FAIL $R/check.txt) fail" >> $R/progress.txt
rm -rf $R/picks
for r in r1 r2; do
  timeout 120 python3 scripts/gpu/sweep.py $S $R/sweep-$r.json > $R/sweep-$r.log 2>&1
  echo "sweep $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt; grep -A3 FAIL $R/check.txt | head
tar czf $OUT/call10.tgz -C $R .
