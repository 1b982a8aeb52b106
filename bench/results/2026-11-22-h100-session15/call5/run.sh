#!/usr/bin/env bash
# Session 15, call 5: the split tail without idle loops (a tail block's
# "empty" barriers count its working consumer only; the others skip the
# ring). 300 timed launches per kernel at the M of its split tail under a
# 20 s limit, liquid-bench --check, then one process per M timing the same
# cubins with the split tail (new/) and on the tile grid (tile/), and
# session 14's kernels (old/).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s15c5-$$; rm -rf $R; mkdir -p $R/hang $R/check
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
T=bench/cubins/tail
B=build-gpu/bin/liquid-bench
hang() { # shape kernel m
  local log=$R/hang/$2-m$3.log
  timeout 20 $B --manifest $T/new/$1/$2.json --m $3 --time --iters 300 --peers none --json $R/hang/$2-m$3.json > $log 2>&1
  echo "$2 M=$3 rc=$? $(grep -E '^ +[0-9]+ ' $log | awk '{print $6}')" >> $R/hang.txt
}
hang 22016x4096 liquid_w4a8_n22016_k4096_g64_xor_t256_c2_s8_cl2 256
hang 12288x4096 liquid_w4a8_n12288_k4096_g64_xor_t128_c2_s16_cl2 256
hang 12288x4096 liquid_w4a8_n12288_k4096_g64_xor_t256_c2_s8_cl2 512
hang 10240x8192 liquid_w4a8_n10240_k8192_g64_xor_t256_c2_s8_cl2 384
hang 57344x8192 liquid_w4a8_n57344_k8192_g64_xor_t256_c2_s8_cl2 256
hang 12288x4096 liquid_w4a8_n12288_k4096_g64_xor_t128_c4_s8 384
hang 22016x4096 liquid_w4a8_n22016_k4096_g64_xor_t64_c2_s8_b2 128
tar czf $OUT/call5.tgz -C $R .
if grep -q "rc=124" $R/hang.txt; then exit 0; fi
for d in $T/new/*; do
  timeout 100 bash scripts/gpu/check-kernels.sh $d 250,256,384,512 $R/check/$(basename $d) >> $R/check.txt 2>&1
done
tar czf $OUT/call5.tgz -C $R .
for m in 256 512 384 1024; do
  timeout 100 python3 scripts/gpu/variants.py $T $R/var-m$m.json --m $m > $R/var-m$m.log 2>&1
  echo "m=$m rc=$?" >> $R/progress.txt
  tar czf $OUT/call5.tgz -C $R .
done
