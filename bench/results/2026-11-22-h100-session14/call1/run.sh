#!/usr/bin/env bash
# Session 14, call 1: every variant of scripts/compile-variants.sh (now with
# the split-K counts 5 - 8 that fit one round, and 3 at T <= 16), timed at
# M = 1 - 512 with --table-tiles, one process per M.
set -u
cd "$(dirname "$0")/../.."
R=/tmp/s14c1; mkdir -p $R
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
cp bench/cubins/var14/refused.txt $R/
for m in 128 256 32 64 16 1 4 512; do
  echo "m=$m start $(date +%s)" >> $R/progress.txt
  timeout 100 python3 scripts/gpu/variants.py bench/cubins/var14 $R/var-m$m.json --m $m --table-tiles > $R/var-m$m.log 2>&1
  echo "m=$m rc=$? $(date +%s)" >> $R/progress.txt
  tar czf $OUT/call1.tgz -C $R .
done
