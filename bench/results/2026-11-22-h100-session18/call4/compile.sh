#!/usr/bin/env bash
# Session 18, call 4 (run here): is it the group parameters' DRAM reads or
# their copies? Table picks as built (base), without the parameter copies
# (noparams, EXP2 = call 3's compiler) and with every stage copying group
# 0's parameters (sameparams, EXP3: 819b90b plus a local switch, not
# committed): the same copies, but L2 hits after the first. Times only.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s18c4; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile; EXP2=${EXP2:?}; EXP3=${EXP3:?}
jobs=$C/jobs.txt; : > $jobs
for cell in "1 10240 8192" "128 4096 4096" "256 4096 4096" "128 10240 8192" "256 8192 8192" "256 22016 4096" "64 4096 4096"; do
  set -- $cell; d=$C/m$1/${2}x$3
  echo "$LC --m $1 --n $2 --k $3 --group 64 -o $d/base" >> $jobs
  echo "env LIQUID_EXPERIMENT=noparams $EXP2 --m $1 --n $2 --k $3 --group 64 -o $d/noparams" >> $jobs
  echo "env LIQUID_EXPERIMENT=sameparams $EXP3 --m $1 --n $2 --k $3 --group 64 -o $d/sameparams" >> $jobs
done
xargs -P2 -I{} sh -c '{} > /dev/null' < $jobs
find $C -name '*.json' | wc -l
