#!/usr/bin/env bash
# Session 21, call 9 (run here): deeper rings for 256-token tiles. ncu of
# 8192^2 at M = 256 (call 8) found neither L2 (66 % of peak) nor the tensor
# pipe (70 % of active cycles) saturated: do the 8 stages of 18 - 20 KB
# (1.2 - 2.3 us of MMAs) cover the loaded latency? The table's picks of
# T = 256 at M = 256 and 512 against the same config with 10 and 11 stages
# (what the shared memory holds), into bench/cubins/s21c9/m<M>/.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s21c9; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile
for cell in "256 8192 8192" "256 4096 11008" "256 12288 4096" "256 22016 4096" "256 57344 8192" \
            "512 4096 4096" "512 8192 8192" "512 12288 4096"; do
  set -- $cell; m=$1; n=$2; k=$3
  line=$($LC --m $m --n $n --k $k --group 64 -o $C/m$m)
  flags=$(echo "$line" | sed 's/.*token_tile=\([0-9]*\) consumers=\([0-9]*\) stages=[0-9]* split_k=\([0-9]*\) blocks_per_sm=\([0-9]*\) cluster=\([0-9]*\) stream_k=\([0-9]*\).*/--token-tile \1 --consumers \2 --split-k \3 --blocks-per-sm \4 --cluster \5 --stream-k \6/')
  for s in 10 11; do
    $LC --m $m --n $n --k $k --group 64 $flags --stages $s -o $C/m$m > /dev/null 2>&1 || echo "refused: $cell $flags --stages $s"
  done
done
find $C -name '*.json' | sort
