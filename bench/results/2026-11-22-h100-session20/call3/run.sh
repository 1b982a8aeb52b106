#!/usr/bin/env bash
# Session 20, call 3: liquid-bench --check of the sixteen changed picks
# (bench/cubins/s20c3/check), compute-sanitizer on 4096 x 11008 t128 c1
# split 2, the old and new xor picks of M = 1 - 128 timed in one process
# (variants.py, twice), then the sweep of bench/cubins/sweep20 (every peer
# in one process, twice).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s20c3-$$; rm -rf $R /tmp/ab; mkdir -p $R/check /tmp/ab
C=bench/cubins/s20c3; S=bench/cubins/sweep20; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 200 bash scripts/gpu/check-kernels.sh $C/check 1,5,100,128 $R/check/new > $R/check.txt 2>&1
echo "check rc=$? t=$(( $(date +%s) - start )) $(grep -c PASS $R/check.txt) pass $(grep -c FAIL $R/check.txt) fail" >> $R/progress.txt
timeout 60 bash scripts/gpu/sanitize.sh $C/check/liquid_w4a8_n4096_k11008_g64_xor_t128_c1_s16_sk2.json 100 $R/sanitize > $R/sanitize.txt 2>&1
echo "sanitize rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
cp -r $C/old $C/new /tmp/ab/
for r in r1 r2; do
  timeout 150 python3 scripts/gpu/variants.py /tmp/ab $R/var-$r.json --m 1,4,16,32,64,128 --table-tiles > $R/var-$r.log 2>&1
  echo "variants $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
for r in r1 r2; do
  timeout 120 python3 scripts/gpu/sweep.py $S $R/sweep-$r.json > $R/sweep-$r.log 2>&1
  echo "sweep $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt; grep -A3 FAIL $R/check.txt | head; tail -4 $R/sanitize.txt
tar czf $OUT/call3.tgz -C $R .
