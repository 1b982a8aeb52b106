#!/usr/bin/env bash
# Session 19, call 6: every variant of scripts/compile-variants.sh
# bench/cubins/var19 (1570397: the split-K epilogue fenced once, its counter
# prefetched), timed at M = 1 - 512 with --table-tiles, one process per M:
# the config table's refit (scripts/fit_config_table.py) after the change.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s19c6-$$; rm -rf $R; mkdir -p $R
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
cp bench/cubins/var19/refused.txt $R/ 2>/dev/null
for m in 128 256 64 32 16 1 4 512; do
  echo "m=$m start $(date +%s)" >> $R/progress.txt
  timeout 110 python3 scripts/gpu/variants.py bench/cubins/var19 $R/var-m$m.json --m $m --table-tiles > $R/var-m$m.log 2>&1
  echo "m=$m rc=$? $(date +%s)" >> $R/progress.txt
done
cat $R/progress.txt
tar czf $OUT/call6.tgz -C $R .
