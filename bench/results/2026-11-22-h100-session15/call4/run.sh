#!/usr/bin/env bash
# Session 15, call 4: the partial last token tile at T = 256. Session 14's
# kernels (old/: t256 c2 cluster 2) and a cluster-less t256 c2 kernel
# (cl1/, launched on the tile grid) at M around 384, where the second
# token tile is half full and, with a cluster, one block's multicast box of
# it lies wholly past M.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s15c4-$$; rm -rf $R; mkdir -p $R
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
T=bench/cubins/tail
B=build-gpu/bin/liquid-bench
for man in $T/old/12288x4096/*t256*.json $T/cl1/12288x4096/*.json $T/old/57344x8192/*t256*.json $T/old/10240x8192/*t256*.json; do
  name=$(basename $(dirname $(dirname $man)))-$(basename $man .json)
  timeout 60 $B --manifest $man --m 256,320,383,384,385,400,448,449,480,512 --time --iters 50 --peers none --json $R/$name.json > $R/$name.log 2>&1
  echo "$name rc=$?" >> $R/runs.txt
  tar czf $OUT/call4.tgz -C $R .
done
