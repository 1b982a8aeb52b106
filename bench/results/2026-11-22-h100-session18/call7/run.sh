#!/usr/bin/env bash
# Session 18, call 7: two copy warps (committed). liquid-bench --check of
# call7/compile.sh's kernels (bench/cubins/s18c7), compute-sanitizer on the
# table's 4096 x 4096 M = 128 pick (one consumer) and a cluster pick, then
# the sweep (scripts/compile-sweep.sh bench/cubins/sweep18; two runs, every
# peer in one process).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s18c7-$$; rm -rf $R; mkdir -p $R/check
C=bench/cubins/s18c7; S=bench/cubins/sweep18; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 120 bash scripts/gpu/check-kernels.sh $C/check 1,17,100,128,256,300,513,1024 $R/check/sk >> $R/check.txt 2>&1
timeout 90 bash scripts/gpu/check-kernels.sh $C/picks 1,100,256 $R/check/picks >> $R/check.txt 2>&1
timeout 40 bash scripts/gpu/check-kernels.sh $C/picks16 1,16 $R/check/picks16 >> $R/check.txt 2>&1
timeout 40 bash scripts/gpu/check-kernels.sh $C/picks64 1,64 $R/check/picks64 >> $R/check.txt 2>&1
echo "check t=$(( $(date +%s) - start )) $(grep -c PASS $R/check.txt) pass $(grep -c FAIL $R/check.txt) fail" >> $R/progress.txt
timeout 80 bash scripts/gpu/sanitize.sh $(ls $S/xor/m128/*n4096_k4096*.json) 100 $R/sanitize-c1 > $R/sanitize.txt 2>&1
echo "sanitize c1 rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
timeout 80 bash scripts/gpu/sanitize.sh $(ls $S/xor/m256/*n12288_k4096*.json) 200 $R/sanitize-cl2 >> $R/sanitize.txt 2>&1
echo "sanitize cl2 rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
for r in r1 r2; do
  timeout 120 python3 scripts/gpu/sweep.py $S $R/sweep-$r.json > $R/sweep-$r.log 2>&1
  echo "sweep $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt; grep -A3 FAIL $R/check.txt | head; tail -12 $R/sanitize.txt
tar czf $OUT/call7.tgz -C $R .
