#!/usr/bin/env bash
# Session 21, call 3: liquid-bench --check of the eight changed picks
# (bench/cubins/s21c3/new) at M = 1, 77 and their m-max; compute-sanitizer
# on 4096 x 11008 t128 c1 split 2 in a cluster of two; old (no cluster) and
# new picks in one process, twice; every variant of bench/cubins/var21 at
# M = 1 - 512 (one process per M: the refit); the sweep of
# bench/cubins/sweep21 (every peer in one process), twice. The three
# folders come packed (bench/cubins/pack21/all.tgz: the working tree and
# the carried folders must fit in 64 MiB).
set -u
cd "$(dirname "$0")/../../../.."
tar xzf bench/cubins/pack21/all.tgz -C bench/cubins
R=/tmp/s21c3-$$; rm -rf $R /tmp/ab; mkdir -p $R/check /tmp/ab
C=bench/cubins/s21c3; S=bench/cubins/sweep21; start=$(date +%s)
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
for d in $C/new/m*; do
  m=${d##*/m}
  timeout 100 bash scripts/gpu/check-kernels.sh $d 1,77,$m $R/check/m$m >> $R/check.txt 2>&1
done
echo "check t=$(( $(date +%s) - start )) $(grep -c ^PASS $R/check.txt) pass $(grep -c ^FAIL $R/check.txt) fail" >> $R/progress.txt
timeout 60 bash scripts/gpu/sanitize.sh $C/new/m128/liquid_w4a8_n4096_k11008_g64_xor_t128_c1_s16_sk2_cl2.json 100 $R/sanitize > $R/sanitize.txt 2>&1
echo "sanitize rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
cp -r $C/old $C/new /tmp/ab/
for r in r1 r2; do
  timeout 60 python3 scripts/gpu/variants.py /tmp/ab $R/ab-$r.json --m 128,256,512,1024 --table-tiles > $R/ab-$r.log 2>&1
  echo "ab $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
for m in 128 256 64 32 16 1 4 512; do
  timeout 60 python3 scripts/gpu/variants.py bench/cubins/var21 $R/var-m$m.json --m $m --table-tiles > $R/var-m$m.log 2>&1
  echo "var m=$m rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
for r in r1 r2; do
  timeout 100 python3 scripts/gpu/sweep.py $S $R/sweep-$r.json > $R/sweep-$r.log 2>&1
  echo "sweep $r rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt; grep -A3 ^FAIL $R/check.txt | head; tail -4 $R/sanitize.txt
tar czf $OUT/call3.tgz -C $R .
