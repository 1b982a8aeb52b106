#!/usr/bin/env bash
# Session 15, call 9: 57344 x 8192 at M = 4096 (t256 c2 cluster 2, 7168
# tiles: 54 whole rounds and a tail of 40 split into 80 blocks), the split
# tail (new/) against the tile grid (tile/), same cubin, three processes.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s15c9-$$; rm -rf $R; mkdir -p $R/k/new $R/k/tile
nvidia-smi --query-gpu=name,clocks.max.sm,clocks.max.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
bash scripts/gpu/build-runtime.sh > /tmp/build.log 2>&1 || { tail -20 /tmp/build.log; exit 1; }
export LIQUID_LIB_DIR=$PWD/build-gpu/lib PYTHONPATH=$PWD/python:$PWD/scripts/gpu
k=57344x8192/liquid_w4a8_n57344_k8192_g64_xor_t256_c2_s8_cl2
for d in new tile; do mkdir -p $R/k/$d/57344x8192; cp bench/cubins/tail/$d/$k.* $R/k/$d/57344x8192/; done
for r in 1 2 3; do
  timeout 150 python3 scripts/gpu/variants.py $R/k $R/var-m4096-r$r.json --m 4096 > $R/var-m4096-r$r.log 2>&1
  echo "r$r rc=$?" >> $R/progress.txt
done
tar czf $OUT/call9.tgz -C $R --exclude=k .
