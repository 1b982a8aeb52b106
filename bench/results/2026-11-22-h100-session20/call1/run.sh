#!/usr/bin/env bash
# Session 20, call 1: liquid-bench --check of the check set
# (bench/cubins/s20c1/check), compute-sanitizer on the forced stream-K
# kernel, then the old and new picks timed in one process (variants.py),
# twice.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s20c1-$$; rm -rf $R; mkdir -p $R/check
C=bench/cubins/s20c1; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 150 bash scripts/gpu/check-kernels.sh $C/check 1,3,64,100,256 $R/check/new > $R/check.txt 2>&1
echo "check rc=$? t=$(( $(date +%s) - start )) $(grep -c PASS $R/check.txt) pass $(grep -c FAIL $R/check.txt) fail" >> $R/progress.txt
timeout 90 bash scripts/gpu/sanitize.sh $C/check/liquid_w4a8_n4096_k2112_g64_xor_t128_c2_s16_cl2_stk132.json 100 $R/sanitize > $R/sanitize.txt 2>&1
echo "sanitize rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
mkdir -p /tmp/ab && cp -r $C/old $C/new /tmp/ab/
for r in r1 r2; do
  timeout 170 python3 scripts/gpu/variants.py /tmp/ab $R/var-$r.json --m 1,16,64,128,256,1024 --table-tiles > $R/var-$r.log 2>&1
  echo "variants $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt; grep -A3 FAIL $R/check.txt | head; tail -4 $R/sanitize.txt
tar czf $OUT/call1.tgz -C $R .
