#!/usr/bin/env bash
# Session 21, call 1 (run here): (a) the mid band's misses against clusters
# of four (the activation tile shared by four blocks along N: half the L2
# reads of a cluster of two) and stream-K below half a round, each cell's
# table pick beside them; (b) the fixed cost of a call: N = 4096 at
# K = 512 - 8192 with one config per M (M = 1, 64, 256), whose intercept at
# K = 0 is what a call costs before its k blocks. Into bench/cubins/s21c1.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s21c1; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile
jobs=$C/jobs.txt; : > $jobs
cell() { # M N K VARIANT... (each "-": the table's pick, else forced flags)
  local m=$1 n=$2 k=$3; shift 3
  for v in "$@"; do
    local flags="" label=table
    if [ "$v" != - ]; then flags=$v; label=$(echo "$v" | tr -d ' -' ); fi
    echo "$LC --m $m --n $n --k $k --group 64 $flags -o $C/mid/m$m/${n}x$k/$label" >> $jobs
  done
}
T="--token-tile"; Cs="--consumers"; CL="--cluster"; SK="--stream-k 132"
cell 256 8192 8192 - "$T 256 $Cs 1 $CL 4" "$T 256 $Cs 2 $CL 2 $SK" "$T 256 $Cs 2 $CL 4 $SK" \
  "$T 128 $Cs 2 $CL 4" "$T 128 $Cs 4 $CL 2 $SK"
cell 256 12288 4096 - "$T 256 $Cs 2 $CL 4" "$T 128 $Cs 2 $CL 4" "$T 128 $Cs 4 $CL 2" "$T 256 $Cs 1 $CL 4"
cell 256 4096 4096 - "$T 128 $Cs 1 $CL 2" "$T 128 $Cs 1 $CL 4" "$T 256 $Cs 1 $CL 4 --split-k 2" \
  "$T 256 $Cs 2 $CL 2 $SK" "$T 256 $Cs 2 $CL 4 $SK"
cell 128 4096 4096 - "$T 64 $Cs 1 $CL 4" "$T 128 $Cs 1 $CL 4 --split-k 2" "$T 128 $Cs 2 $CL 2 $SK" \
  "$T 128 $Cs 2 $CL 4 $SK"
cell 64 4096 4096 - "$T 32 $Cs 1 $CL 4" "$T 64 $Cs 1 $CL 4 --split-k 2" "$T 64 $Cs 1 $CL 2 --split-k 2"
cell 128 10240 8192 - "$T 128 $Cs 2 $CL 4 $SK" "$T 128 $Cs 4 $SK" "$T 128 $Cs 4 $CL 2 $SK" "$T 128 $Cs 2 $CL 4"
cell 128 8192 8192 - "$T 128 $Cs 2 $CL 4 --split-k 2" "$T 128 $Cs 1 $CL 4" "$T 128 $Cs 2 $CL 2 $SK" \
  "$T 128 $Cs 2 $CL 4 $SK"
cell 256 22016 4096 - "$T 256 $Cs 2 $CL 4"
# (b) fixed cost: one config per M across K.
for k in 512 1024 2048 4096 8192; do
  echo "$LC --m 1 --n 4096 --k $k --group 64 $T 8 $Cs 1 --split-k 1 --blocks-per-sm 2 -o $C/fixed/m1" >> $jobs
  echo "$LC --m 64 --n 4096 --k $k --group 64 $T 64 $Cs 1 --split-k 1 --blocks-per-sm 2 -o $C/fixed/m64" >> $jobs
  echo "$LC --m 256 --n 4096 --k $k --group 64 $T 128 $Cs 1 --split-k 1 --blocks-per-sm 1 -o $C/fixed/m256" >> $jobs
done
xargs -P2 -I{} sh -c '{} > /dev/null' < $jobs
echo "mid $(find $C/mid -name '*.json' | wc -l) fixed $(find $C/fixed -name '*.json' | wc -l) of $(wc -l < $jobs)"
