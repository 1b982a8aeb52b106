#!/usr/bin/env bash
# Session 20, call 4: liquid-bench --check of the 22 new picks of
# bench/cubins/s20c4/new at M = 1 and 77, then old and new picks timed in
# one process (variants.py), twice.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s20c4-$$; rm -rf $R /tmp/ab; mkdir -p $R/check /tmp/ab
C=bench/cubins/s20c4; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
for d in $C/new/m*; do
  timeout 100 bash scripts/gpu/check-kernels.sh $d 1,77 $R/check/$(basename $d) >> $R/check.txt 2>&1
done
echo "check t=$(( $(date +%s) - start )) $(grep -c PASS $R/check.txt) pass $(grep -c FAIL $R/check.txt) fail" >> $R/progress.txt
cp -r $C/old $C/new /tmp/ab/
for r in r1 r2; do
  timeout 150 python3 scripts/gpu/variants.py /tmp/ab $R/var-$r.json --m 1,4,16,32,64,128,256,512 --table-tiles > $R/var-$r.log 2>&1
  echo "variants $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt; grep -A3 FAIL $R/check.txt | head
tar czf $OUT/call4.tgz -C $R .
