#!/usr/bin/env bash
# Session 16, call 1: what a decode call's bytes cost to read in the sweep's
# protocol (stream_floor.py), the M = 1 and 16 picks with every peer, and the
# split-K reduction's share: the same kernels compiled with the reduction
# left out (LIQUID_EXPERIMENT_NO_REDUCE, a local build of 7b068b6 that was
# never committed: each slice stores its own partial tile; wrong results,
# same loads). Kernels in bench/cubins/s16a.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s16c1-$$; rm -rf $R; mkdir -p $R
start=$(date +%s)
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
D=bench/cubins/s16a
python3 scripts/gpu/stream_floor.py $R/stream.json > $R/stream.log 2>&1
echo "stream rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
python3 scripts/gpu/sweep.py $D/sweep $R/sweep.json --m 1,16 > $R/sweep.log 2>&1
echo "sweep rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
for m in 1 16; do
  python3 scripts/gpu/variants.py $D/m$m $R/var-m$m.json --m $m > $R/var-m$m.log 2>&1
  echo "var m$m rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
done
python3 scripts/gpu/variants.py $D/mid $R/var-mid.json --m 128,256 > $R/var-mid.log 2>&1
echo "var mid rc=$? t=$(( $(date +%s) - start ))" >> $R/progress.txt
cp -r $R/. $OUT/
