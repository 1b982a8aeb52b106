#!/usr/bin/env bash
# Session 14, call 4: 256-token tiles (cluster 2) with 8 - 11 stages, one and
# two consumers, M = 256 and 512, two runs.
set -u
cd "$(dirname "$0")/../.."
R=/tmp/s14c4; mkdir -p $R
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
for run in 1 2; do for m in 256 512; do
  timeout 120 python3 scripts/gpu/variants.py bench/cubins/st $R/st-m$m-r$run.json --m $m > $R/st-m$m-r$run.log 2>&1
done; done
tar czf $OUT/call4.tgz -C $R .
