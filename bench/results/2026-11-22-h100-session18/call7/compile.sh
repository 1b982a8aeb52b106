#!/usr/bin/env bash
# Session 18, call 7 (run here): kernels of the committed compiler (two copy
# warps) for the checks before the sweep (bench/cubins/sweep18, by
# scripts/compile-sweep.sh):
#   check/      session 17's stream-K check set
#   picks/      the table's picks of 8 shapes at M = 256 and 1024
#   picks16/    at M = 16 (split-K decode picks)
#   picks64/    at M = 64 with G = 128, offset mode
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s18c7; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile
jobs=$C/jobs.txt; : > $jobs
for spec in "10240 8192 128 2 2 xor" "10240 8192 128 2 1 xor" "4096 4096 64 1 1 offset" \
            "8192 8192 128 2 2 offset" "12288 4096 256 2 2 xor" "4096 11008 128 2 1 xor" \
            "22016 4096 128 4 1 xor" "8192 8192 256 1 2 xor"; do
  set -- $spec
  echo "$LC --m 1024 --n $1 --k $2 --group 64 --mode $6 --token-tile $3 --consumers $4 --cluster $5 --stream-k 132 -o $C/check" >> $jobs
done
for s in 4096x4096 12288x4096 22016x4096 4096x11008 10240x8192 8192x8192 8192x28672 57344x8192; do
  n=${s%x*}; k=${s#*x}
  for m in 256 1024; do echo "$LC --m $m --n $n --k $k --group 64 -o $C/picks" >> $jobs; done
  echo "$LC --m 16 --n $n --k $k --group 64 -o $C/picks16" >> $jobs
  echo "$LC --m 64 --n $n --k $k --group 128 --mode offset -o $C/picks64" >> $jobs
done
xargs -P2 -I{} sh -c '{} > /dev/null' < $jobs
find $C -name '*.json' | wc -l
