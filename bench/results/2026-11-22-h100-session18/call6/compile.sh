#!/usr/bin/env bash
# Session 18, call 6 (run here): how to spread a stage's four copies over
# producer warps. The table's pick by 819b90b (old: one thread issues all
# four), and with copy warps {W, A, s, a} (w4), {W A, s a} (w2), {W, A, s a}
# (w3): builds of the working tree with kCopyWarp set accordingly
# (W4, W2, W3).
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s18c6; rm -rf $C; mkdir -p $C
jobs=$C/jobs.txt; : > $jobs
for cell in "128 4096 4096" "16 12288 4096" "64 12288 4096" "64 4096 11008" "256 4096 11008" \
            "64 8192 8192" "128 8192 8192" "128 22016 4096" "1 22016 4096" "256 8192 8192" \
            "256 4096 4096" "128 10240 8192" "256 22016 4096" "1 4096 4096"; do
  set -- $cell
  for v in "old ${OLD:?}" "w4 ${W4:?}" "w2 ${W2:?}" "w3 ${W3:?}"; do set -- $cell $v
    echo "$5 --m $1 --n $2 --k $3 --group 64 -o $C/m$1/${2}x$3/$4" >> $jobs
  done
done
xargs -P2 -I{} sh -c '{} > /dev/null' < $jobs
find $C -name '*.json' | wc -l
