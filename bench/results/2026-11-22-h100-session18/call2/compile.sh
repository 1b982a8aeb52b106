#!/usr/bin/env bash
# Session 18, call 2 (run here): where the mid band's time goes. Each cell's
# kernel four times (bench/cubins/s18c2/mM/SHAPE/LABEL): as built (base), and
# by an experimental liquid-compile (EXP; 819b90b plus a local switch, not
# committed, read from LIQUID_EXPERIMENT) with the consumers' dequant and
# MMAs left out (nomma: each stage is waited for and released), the
# producer's copies left out (nocopy: each stage is signalled without data)
# or the dequant left out (nodeq: the MMAs take the packed words). Results of
# the three experiments are wrong; only their times mean something.
set -eu
cd "$(dirname "$0")/../../../.."
C=bench/cubins/s18c2; rm -rf $C; mkdir -p $C
LC=build/bin/liquid-compile; EXP=${EXP:?experimental liquid-compile}
jobs=$C/jobs.txt; : > $jobs
add() { # M N K LABEL [forced flags...]
  local m=$1 n=$2 k=$3 l=$4; shift 4
  echo "$LC --m $m --n $n --k $k --group 64 $* -o $C/m$m/${n}x$k/$l-base" >> $jobs
  for e in nomma nocopy nodeq; do
    echo "env LIQUID_EXPERIMENT=$e $EXP --m $m --n $n --k $k --group 64 $* -o $C/m$m/${n}x$k/$l-$e" >> $jobs
  done
}
add 1 4096 4096 table
add 64 4096 4096 table
add 128 4096 4096 table
add 128 4096 4096 sk "--token-tile 128 --consumers 1 --cluster 1 --stream-k 132"
add 256 4096 4096 table
add 128 10240 8192 table
add 128 4096 11008 table
add 256 8192 8192 table
add 256 12288 4096 table
add 256 22016 4096 table
add 1024 10240 8192 table
xargs -P2 -I{} sh -c '{} > /dev/null' < $jobs
find $C -name '*.json' | wc -l
