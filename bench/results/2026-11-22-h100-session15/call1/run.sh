#!/usr/bin/env bash
# Session 15, call 1: the split tail. Correctness of kernels whose last
# partial round the runtime splits (liquid-bench --check, grids in the JSON),
# compute-sanitizer on two of them, then one process per M timing the same
# cubins with the split tail (new/) and with the tile grid (tile/: the
# manifests without launch.tail_split), session 14's kernels of the same
# configs (old/, compiler before the change) and the four-consumer kernels
# (c4new/ against old/).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s15c1; mkdir -p $R/check $R/san
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
T=bench/cubins/tail
for d in $T/new/* $T/c4new/*; do
  timeout 200 bash scripts/gpu/check-kernels.sh $d 128,250,256,384,512,1024 $R/check/$(basename $(dirname $d))-$(basename $d) >> $R/check.txt 2>&1
done
tar czf $OUT/call1.tgz -C $R .
timeout 120 bash scripts/gpu/sanitize.sh $T/new/22016x4096/liquid_w4a8_n22016_k4096_g64_xor_t256_c2_s8_cl2.json 256 $R/san >> $R/sanitize.txt 2>&1
timeout 120 bash scripts/gpu/sanitize.sh $T/new/12288x4096/liquid_w4a8_n12288_k4096_g64_xor_t128_c4_s8.json 384 $R/san >> $R/sanitize.txt 2>&1
tar czf $OUT/call1.tgz -C $R .
for m in 256 512 128 1024; do
  echo "m=$m start $(date +%s)" >> $R/progress.txt
  timeout 150 python3 scripts/gpu/variants.py $T $R/var-m$m.json --m $m > $R/var-m$m.log 2>&1
  echo "m=$m rc=$? $(date +%s)" >> $R/progress.txt
  tar czf $OUT/call1.tgz -C $R .
done
