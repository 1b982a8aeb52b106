#!/usr/bin/env bash
# Session 21, call 5: how many clusters the H100 holds at once
# (scripts/gpu/max_clusters.py, cuOccupancyMaxActiveClusters) for call 1's
# cluster-of-two and -four kernels and the sweep's clustered picks of
# M = 128 and 256 (bench/cubins/s21c1, bench/cubins/sweep21c).
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s21c5-$$; rm -rf $R; mkdir -p $R
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
python3 scripts/gpu/max_clusters.py $(find bench/cubins/s21c1/mid -name '*_cl[24]*.json' | sort) \
  $(ls bench/cubins/sweep21c/xor/m128/*_cl2*.json bench/cubins/sweep21c/xor/m256/*_cl2*.json) > $R/clusters.txt 2>&1
echo "rc=$?" >> $R/clusters.txt
cat $R/clusters.txt
tar czf $OUT/call5.tgz -C $R .
