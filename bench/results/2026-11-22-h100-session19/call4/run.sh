#!/usr/bin/env bash
# Session 19, call 4: the split-K epilogue fenced by its counting thread only
# (the others meet it at the barrier) and its counter line prefetched when
# the block starts. liquid-bench --check of the 18 changed picks
# (bench/cubins/s19c4/check), stress.py on split-K kernels of one problem,
# then the old and new picks (bench/cubins/s19c4/{old,new}) timed in one
# process, twice.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s19c4-$$; rm -rf $R; mkdir -p $R/check
C=bench/cubins/s19c4; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
timeout 150 bash scripts/gpu/check-kernels.sh $C/check 1,3,16,64,100,256 $R/check/new > $R/check.txt 2>&1
echo "check rc=$? t=$(( $(date +%s) - start )) $(grep -c PASS $R/check.txt) pass $(grep -c FAIL $R/check.txt) fail" >> $R/progress.txt
timeout 120 python3 scripts/gpu/stress.py $C/stress --launches 4000 --streams 4 > $R/stress.txt 2>&1
echo "stress rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
mkdir -p /tmp/ab && cp -r $C/old $C/new /tmp/ab/
for r in r1 r2; do
  timeout 150 python3 scripts/gpu/variants.py /tmp/ab $R/var-$r.json --m 1,16,64,128,256 --table-tiles > $R/var-$r.log 2>&1
  echo "variants $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt; grep -A3 FAIL $R/check.txt | head; tail -4 $R/stress.txt
tar czf $OUT/call4.tgz -C $R .
