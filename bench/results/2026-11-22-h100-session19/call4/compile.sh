#!/usr/bin/env bash
# Session 19, call 4 (run here): the table's picks of the eight shapes at
# M = 1, 16, 64, 128, 256 by one compiler, into bench/cubins/s19c4/VERSION
# (old: 5fdabce; new: the split-K epilogue fenced once per block and its
# counter prefetched). The unsplit picks are the same kernel in both: the
# control for run-to-run noise.
#   compile.sh VERSION
set -eu
cd "$(dirname "$0")/../../../.."
V=${1:?usage: compile.sh VERSION}
C=bench/cubins/s19c4/$V; rm -rf $C; mkdir -p $C
jobs=$C/../jobs-$V.txt; : > $jobs
for s in 4096x4096 12288x4096 22016x4096 4096x11008 10240x8192 8192x8192 8192x28672 57344x8192; do
  for m in 1 16 64 128 256; do
    echo "build/bin/liquid-compile --m $m --n ${s%x*} --k ${s#*x} --group 64 -o $C/m$m" >> $jobs
  done
done
xargs -P2 -I{} sh -c '{} > /dev/null' < $jobs
find $C -name '*.json' | wc -l
# With VERSION = new, also: check/ (the kernels that differ from old/, for
# --check) and stress/ (split-K kernels of one problem for stress.py).
if [ "$V" = new ]; then
  mkdir -p $C/../check
  for f in $C/m*/*.cubin; do
    o=bench/cubins/s19c4/old/${f#$C/}
    cmp -s $f $o || cp ${f%.cubin}.* $C/../check/
  done
  for sk in 2 4 8; do
    for mode in xor offset; do
      build/bin/liquid-compile --m 16 --n 1024 --k 2048 --group 64 --mode $mode --split-k $sk -o $C/../stress > /dev/null
    done
  done
  build/bin/liquid-compile --m 1 --n 1024 --k 2048 --group 64 -o $C/../stress > /dev/null
  echo "check $(ls $C/../check/*.json | wc -l), stress $(ls $C/../stress/*.json | wc -l)"
fi
