#!/usr/bin/env bash
# Session 21, call 4: liquid-bench --check of 8192 x 8192's new M = 128
# pick (both modes) at M = 1, 77, 128; compute-sanitizer on it at M = 100;
# the five changed picks against session 20's (old/ and new/ of
# bench/cubins/s21c4) in one process, twice; the sweep of
# bench/cubins/sweep21c (every peer in one process), twice. Both folders
# come packed (bench/cubins/pack21c/all.tgz).
set -u
cd "$(dirname "$0")/../../../.."
tar xzf bench/cubins/pack21c/all.tgz -C bench/cubins
R=/tmp/s21c4-$$; rm -rf $R /tmp/ab; mkdir -p $R/check /tmp/ab
C=bench/cubins/s21c4; S=bench/cubins/sweep21c; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 100 bash scripts/gpu/check-kernels.sh $C/check 1,77,128 $R/check > $R/check.txt 2>&1
echo "check t=$(( $(date +%s) - start )) $(grep -c ^PASS $R/check.txt) pass $(grep -c ^FAIL $R/check.txt) fail" >> $R/progress.txt
timeout 90 bash scripts/gpu/sanitize.sh $C/check/liquid_w4a8_n8192_k8192_g64_xor_t128_c1_s16_cl2.json 100 $R/sanitize > $R/sanitize.txt 2>&1
echo "sanitize rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
cp -r $C/old $C/new /tmp/ab/
for r in r1 r2; do
  timeout 60 python3 scripts/gpu/variants.py /tmp/ab $R/ab-$r.json --m 128,256,512,1024 --table-tiles > $R/ab-$r.log 2>&1
  echo "ab $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
for r in r1 r2; do
  timeout 100 python3 scripts/gpu/sweep.py $S $R/sweep-$r.json > $R/sweep-$r.log 2>&1
  echo "sweep $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt; grep -A3 ^FAIL $R/check.txt | head; tail -4 $R/sanitize.txt
tar czf $OUT/call4.tgz -C $R .
