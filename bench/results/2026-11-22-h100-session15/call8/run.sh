#!/usr/bin/env bash
# Session 15, call 8: the DESIGN §6 sweep (eight shapes x ten M, both modes,
# every PyTorch peer in one process) with the split tail, kernels of
# scripts/compile-sweep.sh at 861ead7 (bench/cubins/sweep15); run.sh r1, r2:
# two processes.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s15c8-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
RUN=${1:-r1}
timeout 540 python3 scripts/gpu/sweep.py bench/cubins/sweep15 $R/sweep-$RUN.json > $R/sweep-$RUN.log 2>&1
echo "sweep $RUN rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
tar czf $OUT/call8.tgz -C $R .
