#!/usr/bin/env bash
# Session 19, call 3: what the TMA descriptor's and the split-K counter's
# global-memory lines cost under the sweep's protocol
# (scripts/gpu/descriptor_fetch.cu, with the launch-size and four-map
# rows), three runs in one process.
set -u
cd "$(dirname "$0")/../../../.."
R=/tmp/s19c3-$$; rm -rf $R; mkdir -p $R
nvidia-smi --query-gpu=name,clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv > $R/device.csv
nvcc -O3 -arch=sm_90a -std=c++17 -o $R/descriptor_fetch scripts/gpu/descriptor_fetch.cu -lcuda > $R/build.log 2>&1 || { cat $R/build.log; exit 1; }
$R/descriptor_fetch 3 | tee $R/descriptor_fetch.txt
rm -f $R/descriptor_fetch
tar czf $OUT/call3.tgz -C $R .
