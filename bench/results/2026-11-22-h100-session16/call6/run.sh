#!/usr/bin/env bash
# Session 16, call 6: the DESIGN §6 sweep (eight shapes x ten M, both modes,
# every PyTorch peer in one process), kernels of scripts/compile-sweep.sh at
# b81322e (bench/cubins/sweep16); two processes (r1, r2).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s16c6-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
for RUN in r1 r2; do
  timeout 270 python3 scripts/gpu/sweep.py bench/cubins/sweep16 $R/sweep-$RUN.json > $R/sweep-$RUN.log 2>&1
  echo "sweep $RUN rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
cat $R/progress.txt
tar czf $OUT/call6.tgz -C $R .
