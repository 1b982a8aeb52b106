#!/usr/bin/env bash
# Session 19, call 5: the committed compiler (1570397). liquid-bench --check
# of call5/compile.sh's split-K picks (bench/cubins/s19c5/check),
# compute-sanitizer on the 4096 x 4096 M = 1 pick (split 8), then the sweep
# (bench/cubins/sweep19b; two runs, every peer in one process).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s19c5-$$; rm -rf $R; mkdir -p $R/check
C=bench/cubins/s19c5/check; S=bench/cubins/sweep19b; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 60 bash scripts/gpu/check-kernels.sh $C/xor 1,16,64 $R/check/xor >> $R/check.txt 2>&1
timeout 60 bash scripts/gpu/check-kernels.sh $C/m1 1,3 $R/check/m1 >> $R/check.txt 2>&1
timeout 60 bash scripts/gpu/check-kernels.sh $C/m64 1,64 $R/check/m64 >> $R/check.txt 2>&1
echo "check t=$(( $(date +%s) - start )) $(grep -c PASS $R/check.txt) pass $(grep -c FAIL $R/check.txt) fail" >> $R/progress.txt
timeout 80 bash scripts/gpu/sanitize.sh $(ls $S/xor/m1/*n4096_k4096*.json) 1 $R/sanitize-sk8 > $R/sanitize.txt 2>&1
echo "sanitize sk8 rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
for r in r1 r2; do
  timeout 120 python3 scripts/gpu/sweep.py $S $R/sweep-$r.json > $R/sweep-$r.log 2>&1
  echo "sweep $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt; grep -A3 FAIL $R/check.txt | head; tail -6 $R/sanitize.txt
tar czf $OUT/call5.tgz -C $R .
