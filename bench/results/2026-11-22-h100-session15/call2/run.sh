#!/usr/bin/env bash
# Session 15, call 2: the split tail after the C7515 fix (call 1's kernels
# had every wgmma serialized by ptxas). Per kernel: 300 timed launches at the
# M of its split tail under a 40 s limit (a deadlock shows as a timeout),
# liquid-bench --check, then one process per M timing the same cubins with
# the split tail (new/) and the tile grid (tile/: the manifests without
# launch.tail_split) and session 14's kernels of the same configs (old/).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s15c2; rm -rf $R; mkdir -p $R/check $R/hang
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
T=bench/cubins/tail
B=build-gpu/bin/liquid-bench
for man in $T/new/*/*.json; do
  name=$(basename $man .json)
  timeout 40 $B --manifest $man --m 256,384,512 --time --iters 300 --peers none --json $R/hang/$name.json > $R/hang/$name.log 2>&1
  echo "$name rc=$?" >> $R/hang.txt
done
tar czf $OUT/call2.tgz -C $R .
for d in $T/new/*; do
  timeout 150 bash scripts/gpu/check-kernels.sh $d 128,250,256,384,512,1024 $R/check/$(basename $d) >> $R/check.txt 2>&1
done
tar czf $OUT/call2.tgz -C $R .
for m in 256 512 1024 128; do
  echo "m=$m start $(date +%s)" >> $R/progress.txt
  timeout 100 python3 scripts/gpu/variants.py $T $R/var-m$m.json --m $m > $R/var-m$m.log 2>&1
  echo "m=$m rc=$? $(date +%s)" >> $R/progress.txt
  tar czf $OUT/call2.tgz -C $R .
done
